import { defineModule, type ModuleContext, type ModuleResult } from 'tsible';
import { expandPathArgs } from './_files/path-args.js';
import { FILE_ATTR_OPTIONS } from './_files/copy-args.js';
import {
  planAbsent, planDirectory, planFile, planHard, planLink, planTouch, type FileArgs, type FilePlan, type FileProbe,
} from './_files/file-plan.js';
import { planAttributes } from './_files/attrs.js';
import { listTrees } from './_files/find-list.js';
import { statOf } from './_files/probe.js';
import { runScript, type ScriptRun } from './_files/remote.js';
import { planningUmask, ranWhenAbsent, whenAbsent } from './_files/install.js';
import { pathInfo } from './_files/results.js';
import { probeCall } from './_files/shell-lib.js';

const PLANNERS = { absent: planAbsent, directory: planDirectory, file: planFile, hard: planHard, link: planLink, touch: planTouch };

async function probe(ctx: ModuleContext<FileArgs>, createIfAbsent?: string): Promise<{ pr: FileProbe; run: ScriptRun }> {
  const { path, src, state } = ctx.args;
  // Following only differs for a link: otherwise the second stat would print the same line again.
  const lines = [probeCall('s', path, ctx.quote), `if [ -L ${ctx.quote(path)} ]; then ${probeCall('f', path, ctx.quote, { follow: true })}; fi`];
  if (src !== undefined) {
    // A relative link source is relative to the link's directory (or the path itself when it is a directory).
    const base = state === 'link' ? `"$(if [ -d ${ctx.quote(path)} ] && [ ! -L ${ctx.quote(path)} ]; then echo ${ctx.quote(path)}; else dirname ${ctx.quote(path)}; fi)"` : '';
    lines.push(src.startsWith('/') || state !== 'link' ? probeCall('r', src, ctx.quote, { follow: true })
      : `tsible_probe r ${base}/${ctx.quote(src)} 1 '' 0 0`);
  }
  if (createIfAbsent) lines.push(createIfAbsent);
  const run = await runScript(ctx, lines.join('\n'));
  if (run.rc !== 0 && !ranWhenAbsent(run)) throw new Error(run.stderr.trim() || `could not inspect ${path}`);
  const self = statOf(run, 's');
  return { pr: { self, followed: run.stats.has('f') ? statOf(run, 'f') : self, src: statOf(run, 'r'), umask: run.umask }, run };
}

/**
 * state=directory for a path that does not exist: the plan does not depend on the probe, so the
 * probe's own script carries it out (one round trip). Not for recurse or check mode, nor for a
 * symbolic mode while the umask is unknown.
 */
async function directoryIfAbsent(ctx: ModuleContext<FileArgs>): Promise<{ plan: FilePlan; script: string } | undefined> {
  const a = ctx.args;
  if (a.state !== 'directory' || a.recurse || ctx.check) return undefined;
  const noMode = a.mode === undefined || a.mode === null || a.mode === '';
  const umask = noMode ? 0o022 : await planningUmask(ctx, a.mode);
  if (umask === undefined) return undefined;
  const absent = { exists: false };
  const plan = planDirectory(a, { self: absent, followed: absent, src: absent, umask });
  // The plan's commands create every missing parent with the mode (as Ansible does), like the
  // two-step path would: a whole new tree is one round trip too.
  return { plan, script: whenAbsent(a.path, applyScript(ctx, plan, 'directory', []), { createsParents: true }) };
}

/** chown/chgrp/chmod -R, reporting whether anything changed (listing checksum before and after). */
function recurseCommands(ctx: ModuleContext<FileArgs>): string[] {
  const { path, owner, group, mode } = ctx.args;
  const p = ctx.quote(path);
  const cmds: string[] = [];
  if (owner) cmds.push(`chown -R ${ctx.quote(owner)} ${p}`);
  if (group) cmds.push(`chgrp -R ${ctx.quote(group)} ${p}`);
  if (mode !== undefined && mode !== null) {
    const text = typeof mode === 'number' ? mode.toString(8) : String(mode).split(',').map((c) => (/^[-+=]/.test(c) ? `a${c}` : c)).join(',');
    cmds.push(`chmod -R ${ctx.quote(text)} ${p}`);
  }
  if (!cmds.length) return [];
  const snap = `find ${p} -exec ls -ldn {} + | cksum`;
  return [`tsible_b=$(${snap})`, ...cmds.map((c) => `${c} || exit 1`), `[ "$tsible_b" = "$(${snap})" ] || echo "@x recursed=1"`];
}

/** Check mode with recurse: would any entry under the directory get another owner, group or mode? */
async function recurseWouldChange(ctx: ModuleContext<FileArgs>, umask: number): Promise<boolean> {
  const listing = await listTrees(ctx, [ctx.args.path], { follow: false });
  return listing.entries.some((e) => e.st.type !== 'link'
    && planAttributes(ctx.args, e.st, ctx.quote(e.path), e.st.type === 'directory', umask).commands.length > 0);
}

function defaultState(pr: FileProbe, a: FileArgs): FileArgs['state'] {
  if (a.recurse) return 'directory';
  if (!pr.self.exists) return 'file';
  const st = pr.self.type === 'link' ? 'link' : pr.self.type === 'directory' ? 'directory' : 'file';
  return st === 'link' && a.follow ? (pr.followed.type === 'directory' ? 'directory' : 'file') : st;
}

async function apply(ctx: ModuleContext<FileArgs>, plan: FilePlan, state: string, umask: number): Promise<ModuleResult> {
  const recursive = state === 'directory' && ctx.args.recurse && !ctx.check ? recurseCommands(ctx) : [];
  const result = baseResult(ctx, plan, state);
  if (ctx.check) {
    const deep = !plan.changed && state === 'directory' && ctx.args.recurse && await recurseWouldChange(ctx, umask);
    return { ...result, changed: plan.changed || deep, ...(state === 'absent' ? { state: 'absent' } : {}) };
  }
  if (!plan.changed && !recursive.length) return { ...result, changed: false };
  return applied(ctx, plan, state, result, await runScript(ctx, applyScript(ctx, plan, state, recursive)));
}

/** The commands of a plan, then a probe of the result (`o`). */
function applyScript(ctx: ModuleContext<FileArgs>, plan: FilePlan, state: string, recursive: string[]): string {
  return [...plan.commands.map((c) => `${c} || exit 1`), ...recursive,
    state === 'absent' ? '' : probeCall('o', plan.path || ctx.args.path, ctx.quote)].filter(Boolean).join('\n');
}

function baseResult(ctx: ModuleContext<FileArgs>, plan: FilePlan, state: string): ModuleResult {
  // Ansible reports links under `dest`, everything else under `path`.
  const key = state === 'link' || state === 'hard' ? 'dest' : 'path';
  return { [key]: plan.path || ctx.args.path, ...plan.extra, diff: plan.diff }; // the diff is returned outside diff mode too, as Ansible does
}

function applied(ctx: ModuleContext<FileArgs>, plan: FilePlan, state: string, result: ModuleResult, run: ScriptRun): ModuleResult {
  if (run.rc !== 0) return { failed: true, changed: false, path: ctx.args.path, msg: run.stderr.trim() || `rc=${run.rc}` };
  const changed = plan.changed || run.extra.get('x')?.get('recursed') === '1';
  if (state === 'absent') return { ...result, changed, state: 'absent' };
  return { ...result, changed, ...pathInfo(statOf(run, 'o')) };
}

/** Manages files and file properties: states file, directory, link, hard, touch and absent. */
export default defineModule<FileArgs>({
  name: 'file',
  shortDescription: 'Manage files and file properties',
  options: {
    path: { type: 'path', required: true, aliases: ['dest', 'name'], description: 'Path to the file being managed.' },
    state: { type: 'str', choices: ['absent', 'directory', 'file', 'hard', 'link', 'touch'],
      description: 'absent, directory, file (default: the current state, or file), hard, link or touch.' },
    src: { type: 'path', description: 'Path of the file to link to (state link or hard).' },
    recurse: { type: 'bool', default: false, description: 'Apply owner, group and mode recursively (state directory).' },
    force: { type: 'bool', default: false, description: 'Replace an existing file or empty directory by a link; link to a missing src.' },
    follow: { type: 'bool', default: true, description: 'Follow symlinks when setting attributes.' },
    modification_time: { type: 'str', description: '`now`, `preserve` or a time in modification_time_format.' },
    modification_time_format: { type: 'str', default: '%Y%m%d%H%M.%S', description: 'strftime format of modification_time.' },
    access_time: { type: 'str', description: '`now`, `preserve` or a time in access_time_format.' },
    access_time_format: { type: 'str', default: '%Y%m%d%H%M.%S', description: 'strftime format of access_time.' },
    ...FILE_ATTR_OPTIONS,
  },
  returns: { path: 'Destination path.', state: 'State of the path after the task.', src: 'Link source (link, hard).', diff: 'before/after state' },
  checkMode: 'full',
  async run(ctx) {
    await expandPathArgs(ctx, ['path', 'src']);
    const a = ctx.args;
    if (a.src !== undefined && a.state !== undefined && a.state !== 'link' && a.state !== 'hard') {
      return { failed: true, changed: false, msg: "src option requires state to be 'link' or 'hard'", path: a.path };
    }
    const fast = await directoryIfAbsent(ctx);
    const { pr, run } = await probe(ctx, fast?.script);
    if (fast && ranWhenAbsent(run)) return applied(ctx, fast.plan, 'directory', baseResult(ctx, fast.plan, 'directory'), run);
    const state = (a.state ?? defaultState(pr, a)) as string;
    let plan: FilePlan;
    try {
      plan = PLANNERS[state as keyof typeof PLANNERS]({ ...a, state: state as FileArgs['state'] }, pr);
    } catch (err) {
      return { failed: true, changed: false, msg: (err as Error).message, path: a.path };
    }
    if (plan.failure) return plan.failure;
    return apply(ctx, plan, state, pr.umask);
  },
});
