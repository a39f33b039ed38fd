import { defineModule, type ModuleContext, type ModuleResult } from 'tsible';
import { addJob, crontabLines, withoutHeader, envNames, findEnv, findJob, jobLine, jobNames, render, updateJob } from './_system/crontab.js';
import { parseSections, requireTool, runStep, section } from './_system/remote.js';

interface CronArgs {
  name: string; user?: string; job?: string; state: 'present' | 'absent'; cron_file?: string; backup: boolean;
  minute: string; hour: string; day: string; month: string; weekday: string; special_time?: string; disabled: boolean;
  env: boolean; insertafter?: string; insertbefore?: string;
}

function cronFilePath(f: string | undefined): string | undefined {
  if (!f) return undefined;
  return f.startsWith('/') ? f : `/etc/cron.d/${f}`;
}

function readScript(ctx: ModuleContext<CronArgs>, file: string | undefined): string {
  if (file) return `${section('exists')}\n[ -f ${ctx.quote(file)} ] && echo yes\n${section('content')}\ncat ${ctx.quote(file)} 2>/dev/null; exit 0`;
  const u = ctx.args.user ? `-u ${ctx.quote(ctx.args.user)}` : '';
  return `${requireTool('crontab')}\n${section('content')}\ncrontab ${u} -l 2>/dev/null; exit 0`;
}

function writeScript(ctx: ModuleContext<CronArgs>, file: string | undefined, remove: boolean): string {
  const backup = ctx.args.backup ? `b=$(mktemp "\${TMPDIR:-/tmp}/crontab.XXXXXX") && ${file ? `cat ${ctx.quote(file)}` : `crontab ${ctx.args.user ? `-u ${ctx.quote(ctx.args.user)} ` : ''}-l`} > "$b" 2>/dev/null; echo "backup_file=$b"\n` : '';
  if (file && remove) return `${backup}rm -f ${ctx.quote(file)}`;
  if (file) return `${backup}t=${ctx.quote(file)}.tsible-tmp && cat > "$t" && chmod 0644 "$t" && mv -f "$t" ${ctx.quote(file)}`;
  return `${requireTool('crontab')}\n${backup}crontab ${ctx.args.user ? `-u ${ctx.quote(ctx.args.user)}` : ''} -`;
}

type Edit = { lines: string[]; changed: boolean; removeFile?: boolean; error?: string; warnings: string[] };

function edit(a: CronArgs, existing: string[], file: string | undefined): Edit {
  let lines = [...existing];
  const warnings: string[] = [];
  const install = a.state === 'present';
  const name = a.name;
  if (a.env) {
    if (name.includes(' ')) return { lines, changed: false, error: 'Invalid name for environment variable', warnings };
    const decl = `${name}="${a.job}"`;
    const at = findEnv(lines, name);
    if (!install) return at < 0 ? { lines, changed: false, warnings } : { lines: lines.filter((_, i) => i !== at), changed: true, warnings };
    if (at >= 0) return lines[at] === decl ? { lines, changed: false, warnings } : { lines: lines.map((l, i) => (i === at ? decl : l)), changed: true, warnings };
    const other = a.insertafter ?? a.insertbefore;
    if (!other) return { lines: [decl, ...lines], changed: true, warnings };
    const j = findEnv(lines, other);
    if (j < 0) return { lines, changed: false, error: `Variable named '${other}' not found.`, warnings };
    lines.splice(a.insertafter ? j + 1 : j, 0, decl);
    return { lines, changed: true, warnings };
  }
  if (!install) {
    if (!findJob(lines, name).length) return { lines, changed: false, warnings };
    lines = updateJob(lines, name, undefined);
    const empty = lines.every((l) => !l.trim());
    return { lines, changed: true, removeFile: Boolean(file) && empty, warnings };
  }
  if (/[\r\n]/.test((a.job ?? '').replace(/^[\r\n]+|[\r\n]+$/g, ''))) warnings.push('Job should not contain line breaks');
  const job = jobLine({ ...a, job: a.job ?? '', special: a.special_time, cronFile: Boolean(file) });
  const old = findJob(lines, name, job);
  if (!old.length) return { lines: addJob(lines, name, job), changed: true, warnings };
  if (old[1] !== job || old.length > 2) return { lines: updateJob(lines, name, job), changed: true, warnings };
  return { lines, changed: false, warnings };
}

function validate(a: CronArgs, file: string | undefined): string | undefined {
  if (a.special_time && [a.minute, a.hour, a.day, a.month, a.weekday].some((x) => x !== '*')) return 'You must specify time and date fields or special time.';
  if (a.state !== 'present') return undefined;
  if (file && !a.user) return 'To use cron_file=... parameter you must specify user=... as well';
  if (a.job === undefined) return "You must specify 'job' to install a new cron job or variable";
  if ((a.insertafter || a.insertbefore) && !a.env) return 'Insertafter and insertbefore parameters are valid only with env=yes';
  return undefined;
}

/** Manages `#Ansible: name` entries in a user's crontab (through `crontab`) or in /etc/cron.d files. */
export default defineModule<CronArgs>({
  name: 'cron',
  shortDescription: 'Manage cron.d and crontab entries',
  options: {
    name: { type: 'str', required: true, description: 'Description of the job (the #Ansible: marker).' },
    user: { type: 'str', description: 'Whose crontab to edit (the user column in a cron_file).' },
    job: { type: 'str', aliases: ['value'], description: 'The command (or the variable value with env).' },
    state: { type: 'str', default: 'present', choices: ['absent', 'present'], description: 'Whether the job should exist.' },
    cron_file: { type: 'path', description: 'A file in /etc/cron.d (or an absolute path) instead of a crontab.' },
    backup: { type: 'bool', default: false, description: 'Save the previous crontab to a temp file.' },
    minute: { type: 'str', default: '*', description: 'Minute field.' },
    hour: { type: 'str', default: '*', description: 'Hour field.' },
    day: { type: 'str', default: '*', aliases: ['dom'], description: 'Day of month.' },
    month: { type: 'str', default: '*', description: 'Month.' },
    weekday: { type: 'str', default: '*', aliases: ['dow'], description: 'Day of week.' },
    special_time: { type: 'str', choices: ['annually', 'daily', 'hourly', 'monthly', 'reboot', 'weekly', 'yearly'], description: '@special schedule.' },
    disabled: { type: 'bool', default: false, description: 'Comment the job out.' },
    env: { type: 'bool', default: false, description: 'Manage an environment variable line instead of a job.' },
    insertafter: { type: 'str', description: 'With env: insert after this variable.' },
    insertbefore: { type: 'str', description: 'With env: insert before this variable.' },
  },
  checkMode: 'full',
  async run(ctx): Promise<ModuleResult> {
    const a = ctx.args;
    const file = cronFilePath(a.cron_file);
    const invalid = validate(a, file);
    if (invalid) return { failed: true, changed: false, msg: invalid };
    const read = await runStep(ctx, readScript(ctx, file), 'reading the crontab');
    if (read.failure) return read.failure;
    const s = parseSections(read.res.stdout);
    const before = withoutHeader(s.content ?? '');
    const existing = crontabLines(before);
    const e = edit(a, existing, file);
    if (e.error) return { failed: true, changed: false, msg: e.error };
    const header = file ?? (a.user ? `crontab for user "${a.user}"` : 'crontab');
    if (e.removeFile) {
      const changed = s.exists?.trim() === 'yes';
      if (changed && !ctx.check) {
        const w = await runStep(ctx, writeScript(ctx, file, true), 'removing the cron file');
        if (w.failure) return w.failure;
      }
      return { changed, cron_file: a.cron_file, state: a.state, diff: ctx.diff ? { before, after: '', before_header: header, after_header: '/dev/null' } : {} };
    }
    const after = render(e.lines);
    const changed = e.changed || (before !== '' && !before.endsWith('\n'));
    const out: ModuleResult = { changed, jobs: jobNames(e.lines), envs: envNames(e.lines), warnings: e.warnings };
    if (changed && !ctx.check) {
      const w = await runStep(ctx, writeScript(ctx, file, false), 'writing the crontab', { stdin: after });
      if (w.failure) return w.failure;
      const m = /backup_file=(.*)/.exec(w.res.stdout);
      if (m) out.backup_file = m[1];
    }
    if (changed && ctx.diff) out.diff = { before, after, before_header: header, after_header: header };
    if (a.cron_file) out.cron_file = a.cron_file;
    return out;
  },
});
