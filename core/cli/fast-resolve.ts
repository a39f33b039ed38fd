/**
 * Module resolution for the command-line tools: relative `require`s answered without Node's
 * general search, and every answer remembered, each with the same result as Node's.
 *
 * For `./x.js`, Node 20 resolves the path against the requiring file's directory, stats it, takes
 * its realpath, and first also walks up to the nearest package.json to try a self-reference
 * (which a relative specifier never matches). When that path is a regular file (not a symlink) in
 * a directory whose realpath is itself, the answer is that path; for `./x` with no such file, the
 * same holds for `./x.js`, the first extension Node tries. This module answers exactly those cases
 * with one `lstat` and sends every other request (bare names, directories, symlinks, trailing
 * slashes, other extensions) to Node.
 *
 * Every answer, its own or Node's, is remembered per (requiring directory, request), the key of
 * Node's own `relativeResolveCache`. Node consults that cache only for modules not loaded yet, so
 * it resolves again each `require('tsible')` of a further plugin file (~250 µs: the package's
 * `exports` map, through URL objects) and each sibling already loaded: about 110 of the ~560
 * resolutions before the first connection. Like Node's caches, this assumes the installed files
 * do not change under the running process; failures are not remembered, so a module installed
 * later is still found.
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
  const answers = new Map<string, string>();
  const fast: Resolve = function resolveFilename(request, parent, isMain, options) {
    if (options !== undefined || isMain || !parent?.filename) return original.call(this, request, parent, isMain, options);
    const dir = parent.path ?? dirname(parent.filename);
    const key = `${dir}\0${request}`;
    const known = answers.get(key);
    if (known !== undefined) return known;
    const answer = ownAnswer(request, dir) ?? original.call(this, request, parent, isMain, options);
    answers.set(key, answer);
    return answer;
  };
  const ownAnswer = (request: string, dir: string): string | undefined => {
    if (!(request.startsWith('./') || request.startsWith('../')) || endsLikeDirectory(request)) return undefined;
    const file = resolve(dir, request);
    const kind = kindOf(file);
    const hit = kind === 1 ? file : (kind === 0 || kind === 2) && kindOf(`${file}.js`) === 1 ? `${file}.js` : undefined;
    return hit !== undefined && isRealDir(dirname(hit)) ? hit : undefined;
  };
  M._resolveFilename = fast;
  return () => {
    if (M._resolveFilename === fast) M._resolveFilename = original;
  };
}
