import { defineModule, type ModuleContext, type ModuleResult, type Vars } from 'tsible';
import { expandPathArgs } from './_files/path-args.js';
import { ageFilter, contentFilter, parseAmount, patternFilter, sizeFilter } from './_files/find-filters.js';
import { listTrees, type Listed } from './_files/find-list.js';
import { digestOf } from './_files/probe.js';
import { runScript } from './_files/remote.js';
import { statDict } from './_files/results.js';

interface FindArgs {
  paths: string[];
  patterns: string[];
  excludes?: string[];
  contains?: string;
  read_whole_file: boolean;
  file_type: 'any' | 'directory' | 'file' | 'link';
  age?: string;
  age_stamp: 'atime' | 'ctime' | 'mtime';
  size?: string;
  recurse: boolean;
  hidden: boolean;
  follow: boolean;
  get_checksum: boolean;
  use_regex: boolean;
  depth?: number;
}

function selected(e: Listed, a: FindArgs, now: number, age?: number, size?: number): boolean {
  if (a.depth && e.depth > a.depth) return false;
  if (e.name.startsWith('.') && !a.hidden) return false;
  const type = e.st.type;
  const wanted = a.file_type === 'any' || (a.file_type === 'directory' && type === 'directory')
    || (a.file_type === 'file' && type === 'file') || (a.file_type === 'link' && type === 'link');
  if (!wanted || !patternFilter(e.name, a.patterns, a.excludes, a.use_regex) || !ageFilter(e.st, now, age, a.age_stamp)) return false;
  return type !== 'file' || (a.file_type === 'directory' || a.file_type === 'link') || sizeFilter(e.st, size);
}

/** Checksums and contents of candidate files, in one more script (only for contains/get_checksum). */
async function inspectFiles(ctx: ModuleContext<FindArgs>, files: Listed[]): Promise<Map<number, { sum?: string; text?: string }>> {
  const body = files.map((f, i) => [
    ctx.args.get_checksum ? `echo "@c${i} sum=$(tsible_sum sha1 ${ctx.quote(f.path)})"` : '',
    ctx.args.contains !== undefined && ctx.args.file_type === 'file' ? `echo "@c${i} text=$(tsible_b64 ${ctx.quote(f.path)} 2>/dev/null)"` : '',
  ].filter(Boolean).join('\n')).join('\n');
  const run = await runScript(ctx, body);
  return new Map(files.map((_, i) => {
    const x = run.extra.get(`c${i}`);
    return [i, { sum: x?.has('sum') ? digestOf(x.get('sum') ?? '') : undefined, text: x?.has('text') ? Buffer.from(x.get('text') ?? '', 'base64').toString('utf8') : undefined }];
  }));
}

function fileResult(e: Listed, sum?: string): Vars {
  const d = statDict(e.path, e.st);
  for (const k of ['exists', 'readable', 'writeable', 'executable', 'lnk_source', 'lnk_target', 'checksum']) delete d[k];
  return sum ? { ...d, checksum: sum } : d;
}

/** Finds files by name, age, size, type and content; `find` + `stat` on the target, filtering here. */
export default defineModule<FindArgs>({
  name: 'find',
  shortDescription: 'Return a list of files based on specific criteria',
  options: {
    paths: { type: 'list', elements: 'str', required: true, aliases: ['name', 'path'], description: 'Directories to search.' },
    patterns: { type: 'list', elements: 'str', default: [], aliases: ['pattern'], description: 'Shell globs (or Python regexes with use_regex) matched against basenames.' },
    excludes: { type: 'list', elements: 'str', aliases: ['exclude'], description: 'Patterns that exclude a basename matched by patterns.' },
    contains: { type: 'str', description: 'Python regex a line of the file must start with (or be found anywhere with read_whole_file).' },
    read_whole_file: { type: 'bool', default: false, description: 'Search contains in the whole file instead of line by line.' },
    file_type: { type: 'str', default: 'file', choices: ['any', 'directory', 'file', 'link'], description: 'Type of file to select.' },
    age: { type: 'str', description: 'Age at least this (`-` for at most); units s, m, h, d, w.' },
    age_stamp: { type: 'str', default: 'mtime', choices: ['atime', 'ctime', 'mtime'], description: 'Timestamp compared with age.' },
    size: { type: 'str', description: 'Size at least this (`-` for at most); units b, k, m, g, t.' },
    recurse: { type: 'bool', default: false, description: 'Recurse into directories.' },
    hidden: { type: 'bool', default: false, description: 'Include names starting with a dot.' },
    follow: { type: 'bool', default: false, description: 'Follow symlinked directories.' },
    get_checksum: { type: 'bool', default: false, description: 'Return the sha1 of matched regular files.' },
    use_regex: { type: 'bool', default: false, description: 'Patterns are Python regexes (re.match) instead of globs.' },
    depth: { type: 'int', description: 'Maximum depth when recursing.' },
  },
  returns: { files: 'Matched files with stat fields (path, mode, isdir, isreg, size, mtime, …).', matched: 'Number of matches.', examined: 'Number of entries looked at.', skipped_paths: 'Paths skipped, with the reason.' },
  checkMode: 'full',
  async run(ctx): Promise<ModuleResult> {
    await expandPathArgs(ctx, ['paths']);
    const a = ctx.args;
    if (!a.patterns.length) a.patterns = [a.use_regex ? '.*' : '*'];
    const age = parseAmount(a.age, 'age');
    const size = parseAmount(a.size, 'size');
    if (typeof age === 'string') return { failed: true, changed: false, msg: age, age: a.age };
    if (typeof size === 'string') return { failed: true, changed: false, msg: size, size: a.size };
    const maxDepth = !a.recurse ? 1 : a.depth ? a.depth + 1 : undefined;
    const listing = await listTrees(ctx, a.paths, { maxDepth, follow: a.follow });
    let hits = listing.entries.filter((e) => selected(e, a, listing.now, age, size));
    const extra = (a.contains !== undefined && a.file_type === 'file') || a.get_checksum
      ? await inspectFiles(ctx, hits.filter((e) => e.st.type === 'file')) : undefined;
    const regular = hits.filter((e) => e.st.type === 'file');
    const info = (e: Listed) => extra?.get(regular.indexOf(e));
    if (a.contains !== undefined && a.file_type === 'file') hits = hits.filter((e) => contentFilter(info(e)?.text ?? '', a.contains, a.read_whole_file));
    const files = hits.map((e) => fileResult(e, a.get_checksum && e.st.type === 'file' ? info(e)?.sum : undefined));
    const warnings = Object.entries(listing.skipped).map(([p, why]) => `Skipped '${p}' path due to this access issue: ${why}\n`);
    return {
      changed: false, files, matched: files.length, examined: listing.entries.length, skipped_paths: listing.skipped,
      msg: warnings.length ? 'Not all paths examined, check warnings for details' : 'All paths examined',
      ...(warnings.length ? { warnings } : {}),
    };
  },
});
