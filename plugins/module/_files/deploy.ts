import { createHash } from 'node:crypto';
import { posix } from 'node:path';
import type { ModuleContext, ModuleResult } from 'tsible';
import { planAttributes, type AttrArgs } from './attrs.js';
import { installContent, installIfAbsent, installOutcome, ranWhenAbsent, type InstallOutcome } from './install.js';
import { octal, resolveMode } from './mode.js';
import { statOf, type RemoteStat } from './probe.js';
import { runScript } from './remote.js';
import { pathInfo } from './results.js';
import { existsCall, probeCall } from './shell-lib.js';

/** Everything copy and template need to put one controller-side buffer at `dest`. */
export interface DeploySpec extends AttrArgs {
  dest: string;
  /** Basename used when dest is (or ends with `/` as) a directory; undefined for `content`. */
  basename?: string;
  /** Value reported as `src`. */
  src?: string;
  backup?: boolean;
  force?: boolean;
  follow?: boolean;
  validate?: string;
  directory_mode?: unknown;
  /** Expected sha1 of the content (copy's `checksum` argument). */
  checksum?: string;
}

export function sha1(data: Buffer): string {
  return createHash('sha1').update(data).digest('hex');
}

/** Decides the final file path from what the first probe saw (`d` = dest, `j` = dest/basename). */
function resolveTarget(spec: DeploySpec, probe: { d: RemoteStat; j: RemoteStat; isDir: boolean }): { path: string; st: RemoteStat } | string {
  const trailing = spec.dest.endsWith('/');
  // A dest that is (a link to) a directory receives the file under its basename, as in Ansible.
  if (trailing || probe.isDir) {
    if (!spec.basename) return 'can not use content with a dir as dest';
    return { path: posix.join(spec.dest, spec.basename), st: probe.j };
  }
  return { path: spec.dest, st: probe.d };
}

function probeScript(ctx: ModuleContext<unknown>, spec: DeploySpec): string {
  const opts = { follow: spec.follow, checksum: 'sha1', content: ctx.diff ? MAX_DIFF_SIZE : false };
  const lines = [probeCall('d', spec.dest, ctx.quote, opts), existsCall('p', posix.dirname(spec.dest.replace(/\/+$/, '') || '/'), ctx.quote)];
  if (spec.basename) lines.push(probeCall('j', posix.join(spec.dest, spec.basename), ctx.quote, opts));
  lines.push(`[ -d ${ctx.quote(spec.dest)} ] && echo "@dir is=1"`, ':');
  return lines.join('\n');
}

/** Ansible's max_diff_size: larger files get a "diff skipped" marker instead of their text. */
export const MAX_DIFF_SIZE = 104448;

/** Ansible's _get_diff_data: texts, or markers for files too large or binary to show. */
function diffOf(path: string, st: RemoteStat, content: Buffer): Record<string, unknown> {
  const diff: Record<string, unknown> = {};
  if (!st.exists) diff.before = '';
  else if (st.content?.includes(0)) diff.dst_binary = 1;
  else if ((st.size ?? 0) > MAX_DIFF_SIZE) diff.dst_larger = MAX_DIFF_SIZE;
  else Object.assign(diff, { before_header: path, before: st.content?.toString('utf8') ?? '' });
  if (content.length > MAX_DIFF_SIZE) diff.src_larger = MAX_DIFF_SIZE;
  else if (content.includes(0)) diff.src_binary = 1;
  else Object.assign(diff, { after_header: path, after: content.toString('utf8') });
  return diff;
}

/** Creates missing parent directories of `path` with directory_mode (dest ending in `/`). */
function mkdirStep(ctx: ModuleContext<unknown>, dir: string, directoryMode: unknown, umask: number): string {
  const mode = resolveMode(directoryMode, 0o777 & ~umask, true);
  return `mkdir -p ${mode !== undefined ? `-m ${octal(mode)} ` : ''}${ctx.quote(dir)}`;
}

/**
 * copy/template's core: one probe, then (only when something differs) one install script.
 * The content is compared by sha1 as Ansible does; attributes alone are fixed with chmod/chown.
 */
export async function deployContent(ctx: ModuleContext<unknown>, content: Buffer, spec: DeploySpec): Promise<ModuleResult> {
  if (spec.checksum && spec.checksum !== sha1(content)) {
    return { failed: true, changed: false, msg: 'Copied file does not match the expected checksum. Transfer failed.',
      checksum: sha1(content), expected_checksum: spec.checksum };
  }
  // A dest that does not exist yet is written by the probe's own script (one round trip).
  const fast = spec.dest.endsWith('/') ? undefined : await installIfAbsent(ctx, content, spec);
  const probe = await runScript(ctx, fast ? `${probeScript(ctx, spec)}\n${fast}` : probeScript(ctx, spec));
  if (fast && ranWhenAbsent(probe)) {
    return installed({ dest: spec.dest, src: spec.src, checksum: sha1(content) }, content, installOutcome(probe, 'r', spec.dest, content.length));
  }
  if (probe.rc !== 0) return { failed: true, changed: false, msg: probe.stderr.trim() || 'could not inspect dest' };
  const target = resolveTarget(spec, { d: statOf(probe, 'd'), j: statOf(probe, 'j'), isDir: probe.extra.get('dir')?.get('is') === '1' });
  if (typeof target === 'string') return { failed: true, changed: false, msg: target };
  let { path, st } = target;
  if (st.exists && st.type === 'link' && spec.follow && st.lnk_source) path = st.lnk_source;
  const base: ModuleResult = { dest: path, src: spec.src, checksum: sha1(content) };
  if (st.exists && spec.force === false) return { ...base, changed: false, msg: 'file already exists' };
  const needsDir = spec.dest.endsWith('/') && !statOf(probe, 'd').exists;
  if (!needsDir && !statOf(probe, 'p').exists && path === spec.dest) {
    return { failed: true, changed: false, msg: `Destination directory ${posix.dirname(path)} does not exist` };
  }
  if (!st.exists || st.type === 'link' || st.checksum !== sha1(content)) {
    const diff = ctx.diff ? diffOf(path, st, content) : undefined;
    // Ansible's copy action returns its diffs as a list, empty outside diff mode.
    if (ctx.check) return { changed: true, diff: diff ? [diff] : [] };
    const before = needsDir ? mkdirStep(ctx, spec.dest, spec.directory_mode, probe.umask) : undefined;
    const done = await installContent(ctx, content, { ...spec, dest: path, existing: st, umask: probe.umask, before });
    return installed(base, content, done, diff);
  }
  return applyAttributes(ctx, path, st, spec, probe.umask, base);
}

/** The result of writing `content` (Ansible's copy action returns its diffs as a list). */
function installed(base: ModuleResult, content: Buffer, done: InstallOutcome, diff?: Record<string, unknown>): ModuleResult {
  if (done.failure) return done.failure;
  return { ...base, changed: true, md5sum: createHash('md5').update(content).digest('hex'), ...pathInfo(done.stat),
    ...(done.backup_file ? { backup_file: done.backup_file } : {}), diff: diff ? [diff] : [] };
}

/** Same content already there: only mode/owner/group may need fixing (Ansible's file-module pass). */
async function applyAttributes(ctx: ModuleContext<unknown>, path: string, st: RemoteStat, spec: DeploySpec,
  umask: number, base: ModuleResult): Promise<ModuleResult> {
  const plan = planAttributes(spec, st, ctx.quote(path), false, umask);
  // The file module's diff, which Ansible returns even outside diff mode.
  const diff = { diff: { before: { path, ...plan.before }, after: { path, ...plan.after } } };
  const { src: _src, ...unchanged } = base;
  if (!plan.changed) return { ...unchanged, changed: false, ...pathInfo(st), path, ...diff };
  if (ctx.check) return { ...base, changed: true, ...pathInfo(st), path, ...diff };
  const run = await runScript(ctx, `${plan.commands.join(' && ')} || exit 1\n${probeCall('r', path, ctx.quote)}`);
  if (run.rc !== 0) return { failed: true, changed: false, msg: run.stderr.trim() || `could not set attributes of ${path}` };
  return { ...base, changed: true, ...pathInfo(statOf(run, 'r')), path, ...diff };
}
