/**
 * Relative `require`s resolved without Node's general search, with the same answer.
 *
 * For `./x.js`, Node 20 resolves the path against the requiring file's directory, stats it, takes
 * its realpath, and first also walks up to the nearest package.json to try a self-reference
 * (which a relative specifier never matches). When that path is a regular file (not a symlink) in
 * a directory whose realpath is itself, the answer is that path; for `./x` with no such file, the
 * same holds for `./x.js`, the first extension Node tries. This module answers exactly those cases
 * with one `lstat` and sends every other request (bare names, directories, symlinks, trailing
 * slashes, other extensions) to Node. A start-up of ~400 resolutions spends noticeably less.
 *
 * Like the compile cache, only the bin entry points install it (it patches `Module._resolveFilename`).
 */
import { lstatSync, realpathSync } from 'node:fs';
import Module from 'node:module';
import { dirname, resolve } from 'node:path';

type Resolve = (this: unknown, request: string, parent: NodeModule | undefined, isMain: boolean, options?: unknown) => string;

/** Requests Node treats as directories (`./`, `.`, `..`, `a/.`): not answered here. */
function endsLikeDirectory(request: string): boolean {
  return request.endsWith('/') || /(^|\/)\.\.?$/.test(request);
}

/** 1: a regular file, 2: a directory, 0: nothing there, 3: anything else (a symlink, …). */
function kindOf(path: string): 0 | 1 | 2 | 3 {
  const st = lstatSync(path, { throwIfNoEntry: false });
  return st === undefined ? 0 : st.isFile() ? 1 : st.isDirectory() ? 2 : 3;
}

/**
 * Installs the fast path for this process; returns a function that removes it. (Symlink flags need
 * no care: an answer is only given for paths without symlinks, where every mode agrees.)
 */
export function enableFastResolve(): (() => void) | undefined {
  const M = Module as unknown as { _resolveFilename: Resolve; _extensions: Record<string, unknown> };
  if (process.platform === 'win32' || Object.keys(M._extensions)[0] !== '.js') return undefined;
  const original = M._resolveFilename;
  const realDirs = new Map<string, boolean>();
  const isRealDir = (dir: string): boolean => {
    let real = realDirs.get(dir);
    if (real === undefined) {
      try {
        real = realpathSync.native(dir) === dir;
      } catch {
        real = false;
      }
      realDirs.set(dir, real);
    }
    return real;
  };
  const fast: Resolve = function resolveFilename(request, parent, isMain, options) {
    if (options === undefined && !isMain && parent?.filename && (request.startsWith('./') || request.startsWith('../'))
      && !endsLikeDirectory(request)) {
      const file = resolve(dirname(parent.filename), request);
      const kind = kindOf(file);
      const hit = kind === 1 ? file : (kind === 0 || kind === 2) && kindOf(`${file}.js`) === 1 ? `${file}.js` : undefined;
      if (hit !== undefined && isRealDir(dirname(hit))) return hit;
    }
    return original.call(this, request, parent, isMain, options);
  };
  M._resolveFilename = fast;
  return () => {
    if (M._resolveFilename === fast) M._resolveFilename = original;
  };
}
