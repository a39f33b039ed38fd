import { defineModule, type ModuleContext, type ModuleResult } from 'tsible';
import { parseSections, requireTool, runStep, section } from './_system/remote.js';
import { parseText, readTextScript, writeTextScript } from './_system/remote-file.js';

interface SysctlArgs { name: string; value?: string; state: 'present' | 'absent'; ignoreerrors: boolean; reload: boolean; sysctl_file: string; sysctl_set: boolean }

const norm = (v: string) => v.trim().split(/\s+/).join(' ');

/** The file with `name` set to `value` (or removed); returns undefined when nothing changes. */
export function editSysctlFile(content: string, name: string, value: string | undefined): string | undefined {
  const lines = content === '' ? [] : content.replace(/\n$/, '').split('\n');
  const isEntry = (l: string) => {
    const m = /^\s*([^#;=\s][^=]*?)\s*=\s*(.*)$/.exec(l);
    return m && m[1].trim() === name ? m[2] : undefined;
  };
  const out: string[] = [];
  let found = false;
  for (const l of lines) {
    const current = isEntry(l);
    if (current === undefined) { out.push(l); continue; }
    if (value === undefined || found) continue;
    found = true;
    out.push(norm(current) === norm(value) ? l : `${name}=${value}`);
  }
  if (value !== undefined && !found) out.push(`${name}=${value}`);
  const next = out.length ? `${out.join('\n')}\n` : '';
  return next === content ? undefined : next;
}

function probeScript(ctx: ModuleContext<SysctlArgs>): string {
  const key = ctx.args.name.replace(/\./g, '/');
  return `${requireTool('sysctl')}\n${section('live')}\ncat /proc/sys/${ctx.quote(key)} 2>/dev/null || sysctl -n ${ctx.quote(ctx.args.name)} 2>/dev/null\n${readTextScript(ctx, ctx.args.sysctl_file)}\nexit 0`;
}

/** Sets a kernel parameter in sysctl.conf (and optionally live), then reloads the file. */
export default defineModule<SysctlArgs>({
  name: 'sysctl',
  shortDescription: 'Manage entries in sysctl.conf',
  options: {
    name: { type: 'str', required: true, aliases: ['key'], description: 'The dot-separated key.' },
    value: { type: 'str', aliases: ['val'], description: 'Desired value.' },
    state: { type: 'str', default: 'present', choices: ['absent', 'present'], description: 'Whether the entry should be in the file.' },
    ignoreerrors: { type: 'bool', default: false, description: 'Ignore errors about unknown keys on reload.' },
    reload: { type: 'bool', default: true, description: 'Run sysctl -p on the file after a change.' },
    sysctl_file: { type: 'path', default: '/etc/sysctl.conf', description: 'The file to edit.' },
    sysctl_set: { type: 'bool', default: false, description: 'Also set the live value with sysctl -w.' },
  },
  checkMode: 'full',
  async run(ctx): Promise<ModuleResult> {
    const a = ctx.args;
    if (a.state === 'present' && a.value === undefined) return { failed: true, changed: false, msg: 'value cannot be None' };
    const probe = await runStep(ctx, probeScript(ctx), 'sysctl probe');
    if (probe.failure) return probe.failure;
    const s = parseSections(probe.res.stdout);
    const file = parseText(s);
    const next = editSysctlFile(file.content, a.name, a.state === 'present' ? a.value : undefined);
    const live = (s.live ?? '').trim();
    const setLive = a.sysctl_set && a.state === 'present' && norm(live) !== norm(String(a.value));
    const changed = next !== undefined || setLive;
    const out: ModuleResult = { changed };
    if (changed && ctx.diff) out.diff = { before: file.content, after: next ?? file.content, before_header: a.sysctl_file, after_header: a.sysctl_file };
    if (!changed || ctx.check) return out;
    const parts: string[] = [requireTool('sysctl')];
    if (next !== undefined) parts.push(`{ ${writeTextScript(ctx, a.sysctl_file)}\n} <<'TSIBLE_SYSCTL_EOF'\n${next}TSIBLE_SYSCTL_EOF`);
    if (setLive) parts.push(`sysctl -w ${ctx.quote(`${a.name}=${a.value}`)} >/dev/null || exit 1`);
    if (a.reload && (next !== undefined || setLive)) parts.push(`sysctl ${a.ignoreerrors ? '-e ' : ''}-p ${ctx.quote(a.sysctl_file)} >/dev/null || exit 1`);
    const step = await runStep(ctx, parts.join('\n'), 'setting sysctl');
    if (step.failure) return { ...step.failure, msg: `Failed to reload sysctl: ${step.res.stderr.trim() || step.res.stdout.trim()}` };
    return out;
  },
});
