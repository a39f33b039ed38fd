import { posix } from 'node:path';
import type { ModuleContext, ModuleResult } from 'tsible';
import type { CopyArgs } from './copy-args.js';
import { planAttributes } from './attrs.js';
import { installOutcome, installScript } from './install.js';
import { statOf, type RemoteStat } from './probe.js';
import { runScript } from './remote.js';
import { pathInfo } from './results.js';
import { existsCall, probeCall } from './shell-lib.js';

/** remote_src with a directory: `cmp` every file in one script, copying those that differ. */
async function copyRemoteTree(ctx: ModuleContext<CopyArgs>, src: string): Promise<ModuleResult> {
  const a = ctx.args;
  const root = src.endsWith('/') ? a.dest : posix.join(a.dest, posix.basename(src));
  const act = (cmd: string) => (ctx.check ? ':' : cmd);
  const script = [
    `tsible_r=${ctx.quote(root)}`,
    `cd ${ctx.quote(src)} || exit 1`,
    `[ -d "$tsible_r" ] || { echo "@c dir=."; ${act('mkdir -p "$tsible_r" || exit 1')}; }`,
    'find . -type d | while IFS= read -r tsible_f; do',
    `  [ -d "$tsible_r/$tsible_f" ] || { echo "@c dir=$tsible_f"; ${act('mkdir -p "$tsible_r/$tsible_f"')}; }`,
    'done',
    'find . ! -type d | while IFS= read -r tsible_f; do',
    `  cmp -s "$tsible_f" "$tsible_r/$tsible_f" || { echo "@c file=$tsible_f"; ${act('cp -P "$tsible_f" "$tsible_r/$tsible_f" || exit 1')}; }`,
    'done',
    a.owner || a.group ? act(`chown -R ${ctx.quote(`${a.owner ?? ''}${a.group ? `:${a.group}` : ''}`)} "$tsible_r"`) : '',
  ].filter(Boolean).join('\n');
  const run = await runScript(ctx, script);
  if (run.rc !== 0) return { failed: true, changed: false, msg: run.stderr.trim() || `copy of ${src} failed` };
  return { changed: /^@c /m.test(run.stdout), dest: a.dest, src };
}

/** copy with remote_src: the source is a file or directory on the target itself. */
export async function copyRemote(ctx: ModuleContext<CopyArgs>): Promise<ModuleResult> {
  const a = ctx.args;
  const src = a.src as string;
  const join = posix.join(a.dest, posix.basename(src));
  const probe = await runScript(ctx, [probeCall('s', src, ctx.quote, { follow: true, checksum: 'sha1' }),
    probeCall('d', a.dest, ctx.quote, { follow: a.follow, checksum: 'sha1' }), probeCall('j', join, ctx.quote, { checksum: 'sha1' }),
    existsCall('p', posix.dirname(a.dest.replace(/\/+$/, '') || '/'), ctx.quote)].join('\n'));
  const s = statOf(probe, 's');
  if (!s.exists) return { failed: true, changed: false, msg: `Source ${src} not found` };
  if (s.type === 'directory') return copyRemoteTree(ctx, src);
  const d = statOf(probe, 'd');
  const [path, st]: [string, RemoteStat] = a.dest.endsWith('/') || d.type === 'directory' ? [join, statOf(probe, 'j')] : [a.dest, d];
  if (!statOf(probe, 'p').exists) return { failed: true, changed: false, msg: `Destination directory ${posix.dirname(path)} does not exist` };
  const base = { dest: path, src, checksum: s.checksum };
  if (st.exists && !a.force) return { ...base, changed: false, msg: 'file already exists' };
  if (!st.exists || st.checksum !== s.checksum) {
    if (ctx.check) return { ...base, changed: true };
    const mode = a.mode === 'preserve' ? s.mode : a.mode;
    const run = await runScript(ctx, installScript({ dest: path, existing: st, umask: probe.umask, mode, owner: a.owner,
      group: a.group, backup: a.backup, validate: a.validate }, { fromPath: src }));
    const out = installOutcome(run, 'r', path);
    if (out.failure) return out.failure;
    return { ...base, changed: true, ...pathInfo(out.stat), ...(out.backup_file ? { backup_file: out.backup_file } : {}) };
  }
  const plan = planAttributes({ mode: a.mode === 'preserve' ? s.mode : a.mode, owner: a.owner, group: a.group }, st, ctx.quote(path), false, probe.umask);
  if (!plan.changed || ctx.check) return { ...base, changed: plan.changed, ...pathInfo(st) };
  const run = await runScript(ctx, `${plan.commands.join(' && ')} || exit 1\n${probeCall('r', path, ctx.quote)}`);
  if (run.rc !== 0) return { failed: true, changed: false, msg: run.stderr.trim() };
  return { ...base, changed: true, ...pathInfo(statOf(run, 'r')) };
}
