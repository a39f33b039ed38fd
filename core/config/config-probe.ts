import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

/** cosmiconfig's meta-config places, read from the process's working directory. */
const META_PLACES = ['package.yaml', '.config/config.json', '.config/config.yaml', '.config/config.yml',
  '.config/config.js', '.config/config.ts', '.config/config.cjs', '.config/config.mjs'];

/** Read errors cosmiconfig treats as "no file here". */
const ABSENT = new Set(['ENOENT', 'EISDIR', 'ENOTDIR', 'EACCES']);

/**
 * Whether a package.json could matter to cosmiconfig: it has a non-null `key`, or it is unreadable
 * or unparsable in a way cosmiconfig would report. Only "certainly not" returns false.
 */
function packageJsonMatters(file: string, key: string): boolean {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    return !ABSENT.has((err as NodeJS.ErrnoException).code ?? '');
  }
  if (text.trim() === '') return false;
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return true;
  }
  if (!data || typeof data !== 'object' || Array.isArray(data)) return true;
  return (data as Record<string, unknown>)[key] != null;
}

/**
 * Whether cosmiconfig's project search from `cwd` could find a tsible config, checked with the
 * same directories (cwd upward to the first one holding package.json or package.yaml), the same
 * places and the same meta-config files, but with stat calls only. `false` means cosmiconfig
 * would certainly find nothing, so it (and its parser dependencies) need not be loaded at all.
 */
export function mayFindTsibleConfig(cwd: string, places: readonly string[], processCwd = process.cwd()): boolean {
  if (packageJsonMatters(join(processCwd, 'package.json'), 'cosmiconfig')) return true;
  if (META_PLACES.some((p) => existsSync(join(processCwd, p)))) return true;
  let dir = resolve(cwd);
  for (;;) {
    for (const place of places) {
      const file = join(dir, place);
      if (place === 'package.json' ? packageJsonMatters(file, 'tsible') : existsSync(file)) return true;
    }
    if (existsSync(join(dir, 'package.json')) || existsSync(join(dir, 'package.yaml'))) return false;
    const parent = dirname(dir);
    if (parent === dir) return false;
    dir = parent;
  }
}
