import { readdir, readFile, stat } from 'node:fs/promises';
import { basename, join, posix } from 'node:path';
import type { ModuleContext, ModuleResult } from 'tsible';
import type { CopyArgs } from './copy-args.js';
import { planAttributes } from './attrs.js';
import { sha1 } from './deploy.js';
import { installOutcome, installScript } from './install.js';
import { octal, resolveMode } from './mode.js';
import { statOf } from './probe.js';
import { runScript } from './remote.js';
import { probeCall } from './shell-lib.js';

interface TreeFile { rel: string; data: Buffer; localMode: number }

/** Files and directories under `root` (symlinks followed, as local_follow does by default). */
async function walk(ctx: ModuleContext<CopyArgs>, root: string, rel = ''): Promise<{ files: TreeFile[]; dirs: string[] }> {
  const files: TreeFile[] = [];
  const dirs: string[] = [];
  for (const entry of (await readdir(join(root, rel))).sort()) {
    const relPath = rel ? `${rel}/${entry}` : entry;
    const full = join(root, relPath);
    const st = await stat(full);
    if (st.isDirectory()) {
      dirs.push(relPath);
      const sub = await walk(ctx, root, relPath);
      files.push(...sub.files);
      dirs.push(...sub.dirs);
    } else if (st.isFile()) {
      const data = ctx.args.decrypt ? await ctx.readControllerFile(full) : await readFile(full);
      files.push({ rel: relPath, data, localMode: st.mode & 0o7777 });
    }
  }
  return { files, dirs };
}

/**
 * Recursive copy of a controller directory: one probe of every destination path, then one script
 * that creates the missing directories and installs the changed files from a staged stdin stream.
 */
export async function copyTree(ctx: ModuleContext<CopyArgs>, localDir: string): Promise<ModuleResult> {
  const a = ctx.args;
  const root = (a.src as string).endsWith('/') ? a.dest : posix.join(a.dest, basename(localDir));
  const { files, dirs } = await walk(ctx, localDir);
  const probeLines = [probeCall('root', root, ctx.quote), ...dirs.map((d, i) => probeCall(`d${i}`, posix.join(root, d), ctx.quote)),
    ...files.map((f, i) => probeCall(`f${i}`, posix.join(root, f.rel), ctx.quote, { checksum: 'sha1', follow: a.follow }))];
  const probe = await runScript(ctx, probeLines.join('\n'));
  if (probe.rc !== 0) return { failed: true, changed: false, msg: probe.stderr.trim() || 'could not inspect dest' };
  const dirMode = resolveMode(a.directory_mode, 0o777 & ~probe.umask, true);
  const mkdirs = [root, ...dirs.map((d) => posix.join(root, d))]
    .filter((p, i) => !statOf(probe, i === 0 ? 'root' : `d${i - 1}`).exists)
    .map((p) => `mkdir -p ${dirMode !== undefined ? `-m ${octal(dirMode)} ` : ''}${ctx.quote(p)} || exit 1`);
  const installs: string[] = [];
  const stage: Buffer[] = [];
  let offset = 0;
  const attrFixes: string[] = [];
  files.forEach((f, i) => {
    const dest = posix.join(root, f.rel);
    const st = statOf(probe, `f${i}`);
    const mode = a.mode === 'preserve' ? octal(f.localMode) : a.mode;
    if (st.exists && a.force === false) return;
    if (st.exists && st.type === 'file' && st.checksum === sha1(f.data)) {
      attrFixes.push(...planAttributes({ mode, owner: a.owner, group: a.group }, st, ctx.quote(dest), false, probe.umask).commands);
      return;
    }
    installs.push(`( ${installScript({ dest, existing: st, umask: probe.umask, mode, owner: a.owner, group: a.group, backup: a.backup, validate: a.validate },
      { id: `f${i}`, slice: { offset, length: f.data.length } })}\n) || exit 1`);
    stage.push(f.data);
    offset += f.data.length;
  });
  const changed = mkdirs.length + installs.length + attrFixes.length > 0;
  const base = { dest: a.dest.endsWith('/') ? a.dest : `${a.dest}`, src: a.src };
  if (!changed || ctx.check) return { ...base, changed };
  const script = [...mkdirs, 'tsible_stage=$(mktemp) || exit 1', 'trap \'rm -f "$tsible_stage"\' EXIT', 'cat > "$tsible_stage"', ...installs,
    ...attrFixes.map((c) => `${c} || exit 1`)].join('\n');
  const run = await runScript(ctx, script, Buffer.concat(stage));
  for (const [i, f] of files.entries()) {
    if (!run.stats.has(`f${i}`) && !run.extra.has(`f${i}v`)) continue;
    const outcome = installOutcome(run, `f${i}`, posix.join(root, f.rel));
    if (outcome.failure) return outcome.failure;
  }
  if (run.rc !== 0) return { failed: true, changed: false, msg: run.stderr.trim() || `copy to ${root} failed` };
  return { ...base, changed: true };
}
