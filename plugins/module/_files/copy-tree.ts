import { lstat, readdir, readFile, readlink, stat } from 'node:fs/promises';
import { basename, join, posix } from 'node:path';
import type { DiffEntry, ModuleContext, ModuleResult } from 'tsible';
import type { CopyArgs } from './copy-args.js';
import { planAttributes } from './attrs.js';
import { MAX_DIFF_SIZE, sha1 } from './deploy.js';
import { installOutcome, installScript } from './install.js';
import { octal, resolveMode } from './mode.js';
import { statOf } from './probe.js';
import { runScript, type ScriptRun } from './remote.js';
import { probeCall } from './shell-lib.js';
import { batchStatScript, parseBatchStat } from './batch-stat.js';

interface TreeFile { rel: string; data: Buffer; localMode: number }
interface TreeLink { rel: string; target: string }
interface Tree { files: TreeFile[]; dirs: string[]; links: TreeLink[] }

/** Files, directories and (with local_follow false) symlinks under `root`, sorted. */
async function walk(ctx: ModuleContext<CopyArgs>, root: string, rel = '', tree: Tree = { files: [], dirs: [], links: [] }): Promise<Tree> {
  for (const entry of (await readdir(join(root, rel))).sort()) {
    const relPath = rel ? `${rel}/${entry}` : entry;
    const full = join(root, relPath);
    const st = ctx.args.local_follow ? await stat(full) : await lstat(full);
    if (st.isSymbolicLink()) tree.links.push({ rel: relPath, target: await readlink(full) });
    else if (st.isDirectory()) {
      tree.dirs.push(relPath);
      await walk(ctx, root, relPath, tree);
    } else if (st.isFile()) {
      const data = ctx.args.decrypt ? await ctx.readControllerFile(full) : await readFile(full);
      tree.files.push({ rel: relPath, data, localMode: st.mode & 0o7777 });
    }
  }
  return tree;
}

interface TreePlan { mkdirs: string[]; installs: string[]; stage: Buffer[]; attrFixes: string[]; links: string[]; diffs: DiffEntry[] }

/** What the second script must do, from the probe of every destination path. */
function planTree(ctx: ModuleContext<CopyArgs>, root: string, tree: Tree, probe: ScriptRun): TreePlan {
  const a = ctx.args;
  const plan: TreePlan = { mkdirs: [], installs: [], stage: [], attrFixes: [], links: [], diffs: [] };
  const dirMode = resolveMode(a.directory_mode, 0o777 & ~probe.umask, true);
  [root, ...tree.dirs.map((d) => posix.join(root, d))].forEach((p, i) => {
    if (!statOf(probe, i === 0 ? 'root' : `d${i - 1}`).exists) plan.mkdirs.push(`mkdir -p ${dirMode !== undefined ? `-m ${octal(dirMode)} ` : ''}${ctx.quote(p)} || exit 1`);
  });
  let offset = 0;
  tree.files.forEach((f, i) => {
    const dest = posix.join(root, f.rel);
    const st = statOf(probe, `f${i}`);
    const mode = a.mode === 'preserve' ? octal(f.localMode) : a.mode;
    if (st.exists && a.force === false) return;
    if (st.exists && st.type === 'file' && st.checksum === sha1(f.data)) {
      plan.attrFixes.push(...planAttributes({ mode, owner: a.owner, group: a.group }, st, ctx.quote(dest), false, probe.umask).commands);
      return;
    }
    if (ctx.diff && !f.data.includes(0) && f.data.length <= MAX_DIFF_SIZE && (st.size ?? 0) <= MAX_DIFF_SIZE) {
      plan.diffs.push({ before: st.content?.toString('utf8') ?? '', after: f.data.toString('utf8'), before_header: dest, after_header: dest });
    }
    plan.installs.push(`( ${installScript({ dest, existing: st, umask: probe.umask, mode, owner: a.owner, group: a.group, backup: a.backup, validate: a.validate },
      { id: `f${i}`, slice: { offset, length: f.data.length }, quiet: true })}\n) || exit 1`);
    plan.stage.push(f.data);
    offset += f.data.length;
  });
  tree.links.forEach((l, i) => {
    const st = statOf(probe, `l${i}`);
    if (st.exists && st.type === 'link' && st.lnk_target === l.target) return;
    if (st.exists && (a.force === false || st.type === 'directory')) return;
    plan.links.push(`ln -sfn ${ctx.quote(l.target)} ${ctx.quote(posix.join(root, l.rel))} || exit 1`);
  });
  return plan;
}

/**
 * One script inspecting every destination path. Outside diff mode the paths are stat-ed and
 * checksummed in batches (one `stat`, one `sha1sum`); diff mode needs each file's content.
 */
async function probeTree(ctx: ModuleContext<CopyArgs>, root: string, tree: Tree): Promise<ScriptRun> {
  const a = ctx.args;
  const at = (rel: string) => posix.join(root, rel);
  const links = tree.links.map((l, i) => probeCall(`l${i}`, at(l.rel), ctx.quote));
  if (ctx.diff) {
    return runScript(ctx, [probeCall('root', root, ctx.quote), ...tree.dirs.map((d, i) => probeCall(`d${i}`, at(d), ctx.quote)),
      ...tree.files.map((f, i) => probeCall(`f${i}`, at(f.rel), ctx.quote, { checksum: 'sha1', follow: a.follow, content: MAX_DIFF_SIZE })),
      ...links].join('\n'));
  }
  const ids: Array<[string, string]> = [['root', root], ...tree.dirs.map((d, i): [string, string] => [`d${i}`, at(d)]),
    ...tree.files.map((f, i): [string, string] => [`f${i}`, at(f.rel)])];
  const run = await runScript(ctx, [batchStatScript(ctx, ids.map(([, p]) => p), a.follow), ...links].join('\n'));
  const found = parseBatchStat(run.stdout);
  for (const [id, path] of ids) run.stats.set(id, found.get(path) ?? { exists: false });
  return run;
}

/**
 * Recursive copy of a controller directory: one probe of every destination path, then one script
 * that creates the missing directories and installs the changed files from a staged stdin stream.
 */
export async function copyTree(ctx: ModuleContext<CopyArgs>, localDir: string): Promise<ModuleResult> {
  const a = ctx.args;
  const root = (a.src as string).endsWith('/') ? a.dest : posix.join(a.dest, basename(localDir));
  const tree = await walk(ctx, localDir);
  const at = (rel: string) => posix.join(root, rel);
  const probe = await probeTree(ctx, root, tree);
  if (probe.rc !== 0) return { failed: true, changed: false, msg: probe.stderr.trim() || 'could not inspect dest' };
  const plan = planTree(ctx, root, tree, probe);
  const changed = plan.mkdirs.length + plan.installs.length + plan.attrFixes.length + plan.links.length > 0;
  const base: ModuleResult = { dest: a.dest, src: a.src, ...(ctx.diff && plan.diffs.length ? { diff: plan.diffs } : {}) };
  if (!changed || ctx.check) return { ...base, changed };
  const script = [...plan.mkdirs, 'tsible_stage=$(mktemp) || exit 1', 'trap \'rm -f "$tsible_stage"\' EXIT', 'cat > "$tsible_stage"',
    ...plan.installs, ...plan.attrFixes.map((c) => `${c} || exit 1`), ...plan.links].join('\n');
  const run = await runScript(ctx, script, Buffer.concat(plan.stage));
  for (const [i, f] of tree.files.entries()) {
    if (!run.stats.has(`f${i}`) && !run.extra.has(`f${i}v`)) continue;
    const outcome = installOutcome(run, `f${i}`, at(f.rel));
    if (outcome.failure) return outcome.failure;
  }
  if (run.rc !== 0) return { failed: true, changed: false, msg: run.stderr.trim() || `copy to ${root} failed` };
  return { ...base, changed: true };
}
