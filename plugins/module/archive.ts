import { posix } from 'node:path';
import { defineModule, type ModuleContext, type ModuleResult } from 'tsible';
import { expandPathArgs } from './_files/path-args.js';
import { createCommands, listMembers, quoteGlob, signature, toolsFor, type ArchiveFormat } from './_files/archive-shell.js';
import { FILE_ATTR_OPTIONS } from './_files/copy-args.js';
import { planAttributes } from './_files/attrs.js';
import { statOf } from './_files/probe.js';
import { runScript, siblingTemp } from './_files/remote.js';
import { pathInfo } from './_files/results.js';
import { probeCall } from './_files/shell-lib.js';

interface ArchiveArgs {
  path: string[];
  format: ArchiveFormat;
  dest?: string;
  exclude_path: string[];
  exclusion_patterns?: string[];
  force_archive: boolean;
  remove: boolean;
  mode?: unknown;
  owner?: string;
  group?: string;
}

const isGlob = (p: string) => p.includes('*') || p.includes('?');

/** First script: expand globs, see which sources exist, which tools are there. */
async function expand(ctx: ModuleContext<ArchiveArgs>): Promise<{ expanded: string[]; excluded: string[]; exists: Set<string>; dirs: Set<string>; tools: Set<string> }> {
  const a = ctx.args;
  const report = (tag: string, v: string) => `echo "@${tag} path=${v}"; if [ -e ${'"$tsible_f"'} ] || [ -L "$tsible_f" ]; then echo "@${tag}e path=${v}"; fi; [ -d "$tsible_f" ] && echo "@${tag}d path=${v}"`;
  const emit = (list: string[], tag: string) => list.map((p) => (isGlob(p)
    ? `for tsible_f in ${quoteGlob(p)}; do { [ -e "$tsible_f" ] || [ -L "$tsible_f" ]; } && { ${report(tag, '$tsible_f')}; }; done`
    : `tsible_f=${ctx.quote(p)}; ${report(tag, '$tsible_f')}`)).join('\n');
  const run = await runScript(ctx, [emit(a.path, 'x'), emit(a.exclude_path, 'y'),
    'for tsible_tool in tar gzip bzip2 xz zip unzip; do command -v $tsible_tool >/dev/null 2>&1 && echo "@t $tsible_tool=1"; done; :'].join('\n'));
  const pick = (tag: string) => run.stdout.split('\n').filter((l) => l.startsWith(`@${tag} path=`)).map((l) => l.slice(tag.length + 7));
  const expanded = pick('x');
  const exists = new Set(pick('xe'));
  const dirs = new Set(pick('xd'));
  return { expanded, excluded: pick('y'), exists, dirs, tools: new Set(run.extra.get('t')?.keys() ?? []) };
}

/** Python's os.path.dirname: everything before the last slash (so '/a/b/' gives '/a/b'). */
function pyDirname(p: string): string {
  const i = p.lastIndexOf('/');
  if (i < 0) return '';
  return p.slice(0, i).replace(/\/+$/, '') || (p.startsWith('/') ? '/' : '');
}

/** The archive root as community.general computes it: the common directory prefix, with a slash. */
function commonRoot(paths: string[]): string {
  const dirs = paths.map((p) => `${pyDirname(p).replace(/\/$/, '')}/`);
  let prefix = dirs[0] ?? '';
  for (const d of dirs) while (!d.startsWith(prefix)) prefix = prefix.slice(0, -1);
  return `${pyDirname(prefix).replace(/\/$/, '')}/`;
}

/** Creates an archive (tar, tar.gz/bz2/xz, zip) or compresses one file, with the target's tools. */
export default defineModule<ArchiveArgs>({
  name: 'archive',
  shortDescription: 'Creates a compressed archive of one or more files or trees',
  options: {
    path: { type: 'list', elements: 'path', required: true, description: 'Remote absolute paths, globs or lists of them to archive.' },
    format: { type: 'str', default: 'gz', choices: ['bz2', 'gz', 'tar', 'xz', 'zip'], description: 'Archive type (tar, zip) or compression (gz, bz2, xz).' },
    dest: { type: 'path', description: 'The archive file; required when archiving several paths or a tree.' },
    exclude_path: { type: 'list', elements: 'path', default: [], description: 'Paths or globs excluded from path and from the trees.' },
    exclusion_patterns: { type: 'list', elements: 'path', description: 'Glob patterns excluded from the archive (tar --exclude / zip -x).' },
    force_archive: { type: 'bool', default: false, description: 'Archive even a single file (tar/zip instead of plain compression).' },
    remove: { type: 'bool', default: false, description: 'Remove the sources after archiving.' },
    ...FILE_ATTR_OPTIONS,
  },
  returns: { state: 'absent, archive, compress or incomplete.', dest_state: 'Same as state.', archived: 'Files added.', missing: 'Paths not found.',
    arcroot: 'Common root of the sources.', expanded_paths: 'Sources after glob expansion.', expanded_exclude_paths: 'Excludes after expansion.', dest: 'The archive.' },
  checkMode: 'full',
  async run(ctx): Promise<ModuleResult> {
    await expandPathArgs(ctx, ['path', 'dest', 'exclude_path']);
    const a = ctx.args;
    const ex = await expand(ctx);
    const paths = [...new Set(ex.expanded)].filter((p) => !ex.excluded.includes(p)).sort();
    if (!paths.length) return { failed: true, changed: false, path: a.path.join(', '), msg: 'Error, no source paths were found' };
    const root = commonRoot(paths);
    const mustArchive = a.force_archive || a.path.some(isGlob) || ex.dirs.has(paths[0]) || paths.length > 1;
    const dest = a.dest ?? (mustArchive ? undefined : `${paths[0]}.${a.format}`);
    if (!dest) return { failed: true, changed: false, path: a.path.join(', '), msg: 'Error, must specify "dest" when archiving multiple files or trees' };
    if (a.remove && paths.some((p) => dest === p || dest.startsWith(`${p}/`))) {
      return { failed: true, changed: false, dest, msg: 'Error, created archive can not be contained in source paths when remove=true' };
    }
    const missingTools = toolsFor(a.format, mustArchive).filter((t) => !ex.tools.has(t));
    if (missingTools.length) return { failed: true, changed: false, msg: `the target has no ${missingTools.join(', ')} (needed for format=${a.format})` };
    const targets = paths.filter((p) => ex.exists.has(p));
    const missing = paths.filter((p) => !ex.exists.has(p));
    const base = { dest, arcroot: root, missing, expanded_paths: ex.expanded, expanded_exclude_paths: ex.excluded };
    const state = missing.length && mustArchive ? 'incomplete' : mustArchive ? 'archive' : 'compress';
    if (!targets.length) return { ...base, changed: false, archived: [], state: 'absent', dest_state: 'absent' };
    if (ctx.check) return { ...base, changed: true, archived: [], state, dest_state: state };
    return build(ctx, { dest, root, targets, mustArchive, state, base });
  },
});

async function build(ctx: ModuleContext<ArchiveArgs>, o: { dest: string; root: string; targets: string[]; mustArchive: boolean; state: string; base: ModuleResult }): Promise<ModuleResult> {
  const a = ctx.args;
  const strip = (p: string) => (p.startsWith(o.root) ? p.slice(o.root.length) : p);
  const qd = ctx.quote(o.dest);
  const script = [
    `tsible_t=${ctx.quote(siblingTemp(o.dest))}`,
    `tsible_before=${signature(qd, a.format, o.mustArchive)}`,
    ...createCommands({ format: a.format, mustArchive: o.mustArchive, root: o.root, rels: o.targets.map(strip), single: o.targets[0],
      excludes: a.exclude_path.map(strip), patterns: a.exclusion_patterns ?? [] }),
    listMembers('"$tsible_t"', a.format, o.mustArchive),
    `if [ "$tsible_before" = "${signature('"$tsible_t"', a.format, o.mustArchive)}" ]; then rm -f "$tsible_t"; else mv -f "$tsible_t" ${qd} || exit 1; echo "@r changed=1"; fi`,
    a.remove ? `rm -rf -- ${o.targets.map(ctx.quote).join(' ')} || exit 1` : '',
    probeCall('o', o.dest, ctx.quote),
  ].filter(Boolean).join('\n');
  const run = await runScript(ctx, script);
  if (run.rc !== 0) return { failed: true, changed: false, msg: `Error when writing ${a.format} archive at ${o.dest}: ${run.stderr.trim()}` };
  const members = run.stdout.split('\n').filter((l) => l.startsWith('@m path=')).map((l) => l.slice(8)).filter((m) => !m.endsWith('/'));
  const archived = o.mustArchive || a.format === 'zip' || a.format === 'tar' ? members.map((m) => posix.join(o.root, m)).sort() : o.targets;
  let changed = run.extra.get('r')?.get('changed') === '1' || a.remove;
  const attrs = planAttributes(a, statOf(run, 'o'), ctx.quote(o.dest), false, run.umask);
  if (attrs.commands.length) {
    const fix = await runScript(ctx, attrs.commands.join(' && '));
    if (fix.rc !== 0) return { failed: true, changed, msg: fix.stderr.trim() };
    changed = true;
  }
  // Ansible adds dest's attributes (and state: file) to any result carrying `dest`.
  return { ...o.base, changed, archived, state: o.state, dest_state: o.state, ...pathInfo(statOf(run, 'o')) };
}
