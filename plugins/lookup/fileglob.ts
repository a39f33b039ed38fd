import { readdir } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { defineLookup, type LookupContext } from 'tsible';
import { requireString } from './_shared/errors.js';
import { fnmatchRegExp } from 'tsible';
import { findInSearchPath, isFile, searchPathsOf } from './_shared/search.js';

/** Directories to glob in: the term's own directory found in the search path, else each search path (and its files/). */
async function globDirs(ctx: LookupContext, term: string): Promise<string[]> {
  if (basename(term) !== term) {
    const found = await findInSearchPath(ctx, 'files', dirname(term));
    return found ? [found] : [];
  }
  return searchPathsOf(ctx).flatMap((p) => [join(p, 'files'), p]);
}

/** Files (not directories) in `dir` whose name matches `pattern`; dot files only when the pattern starts with a dot. */
async function globFiles(dir: string, pattern: string): Promise<string[]> {
  const names = await readdir(dir).catch(() => [] as string[]);
  const re = fnmatchRegExp(pattern);
  const hits = names.filter((n) => re.test(n) && (pattern.startsWith('.') || !n.startsWith('.'))).sort();
  const out: string[] = [];
  for (const name of hits) if (await isFile(join(dir, name))) out.push(join(dir, name));
  return out;
}

export default defineLookup({
  name: 'fileglob',
  shortDescription: 'list files matching a pattern',
  description: 'Matches a shell glob against files (not directories) on the controller. A bare pattern is tried '
    + 'in each search path\'s `files/` and then the path itself; the first directory with matches wins. '
    + 'Results are sorted (Ansible leaves them in directory order).',
  examples: `- copy: src="{{ item }}" dest=/etc/app/\n  with_fileglob: ['conf.d/*.conf']`,
  returns: { _list: 'absolute paths of the matching files' },
  async run(terms, _options, ctx) {
    const out: string[] = [];
    for (const term of terms) {
      const text = requireString(term);
      for (const dir of await globDirs(ctx, text)) {
        const hits = await globFiles(dir, basename(text));
        if (hits.length) {
          out.push(...hits);
          break;
        }
      }
    }
    return out;
  },
});
