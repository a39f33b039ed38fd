/**
 * A V8 code cache for the command-line tools (Node 20 has no `module.enableCompileCache()`).
 *
 * Every CommonJS file the process requires is compiled with `vm.Script` and the code V8 produced
 * for it last time (`cachedData`), so neither its top level nor the functions that ran need
 * compiling again. At exit, the files that had no usable cache get one, made after they ran so it
 * holds their lazily compiled functions too. All entries live in one file per Node version
 * (`~/.cache/tsible/compile-cache-<node version>-<arch>.bin`), each keyed by the file's path,
 * size, mtime, ctime and inode, so a changed or reinstalled file is compiled afresh (and a file
 * changed in the last two seconds, perhaps still being written, is not cached yet).
 *
 * Only the bin entry points install it: it patches `Module.prototype._compile`, which belongs to
 * whoever owns the process, never to the library. It is off when `TSIBLE_COMPILE_CACHE` is `0`,
 * `false`, `off` or `no`, or when Node's own `NODE_DISABLE_COMPILE_CACHE` is set; the directory is
 * `TSIBLE_COMPILE_CACHE_DIR`, else `$XDG_CACHE_HOME/tsible`, else `~/.cache/tsible`. Nothing here
 * can fail a command: an unreadable, corrupt or unwritable cache only means compiling as usual.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, readdirSync, renameSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import Module from 'node:module';
import { dirname, join } from 'node:path';
import { Script } from 'node:vm';
import { enableFastResolve } from './fast-resolve.js';

const MAGIC = 'tsible-compile-cache-1\n';
/** A cache file above this size starts again from what this run compiled. */
const MAX_BYTES = 32 * 1024 * 1024;
/** Cache files of installations not run for this long are removed when a cache is written. */
const STALE_MS = 14 * 24 * 3600 * 1000;
/**
 * `import()` inside code restored from a code cache finds no loader on Node 20: such files are
 * compiled as usual. An `import(` on a comment line (`* @typedef {import("./x")}`, as in tapable's
 * JSDoc) does not count.
 */
export function hasDynamicImport(content: string): boolean {
  const calls = /\bimport\s*\(/g;
  for (let m = calls.exec(content); m; m = calls.exec(content)) {
    const line = content.slice(content.lastIndexOf('\n', m.index) + 1, m.index).trimStart();
    const comment = line.startsWith('//') || ((line.startsWith('*') || line.startsWith('/*')) && !line.includes('*/'));
    if (!comment) return true;
  }
  return false;
}

interface Entry { key: string; data: Buffer }

type CompileFn = (this: NodeModule, content: string, filename: string, format?: string) => unknown;
type ModuleStatics = {
  prototype: { _compile: CompileFn };
  wrap(code: string): string;
  wrapper: string[];
  _resolveFilename(request: string, parent: NodeModule, isMain: boolean, options?: unknown): string;
  _resolveLookupPaths(request: string, parent: NodeModule): string[] | null;
  _extensions: Record<string, unknown>;
  _cache: unknown;
};

export interface CompileCacheOptions {
  env?: NodeJS.ProcessEnv;
  /** Where the cache file lives (default: from the environment, see above). */
  dir?: string;
  /** Also answer plain relative requires without Node's general search (fast-resolve.ts); default true. */
  fastResolve?: boolean;
  /** Files changed less than this long ago are not written to the cache (default 2000 ms). */
  settleMs?: number;
}

export interface CompileCacheHandle {
  /** The cache file. */
  readonly file: string;
  /** Files compiled from the cache, and files compiled afresh, so far. */
  readonly hits: number;
  readonly misses: number;
  /** Writes entries for the files compiled afresh (also done at process exit); removes the patch. */
  flush(): void;
  uninstall(): void;
}

/** The cache directory, or undefined when the cache is turned off. */
export function compileCacheDir(env: NodeJS.ProcessEnv = process.env): string | undefined {
  if (/^(0|false|off|no)$/i.test(env.TSIBLE_COMPILE_CACHE ?? '') || env.NODE_DISABLE_COMPILE_CACHE) return undefined;
  if (env.TSIBLE_COMPILE_CACHE_DIR) return env.TSIBLE_COMPILE_CACHE_DIR;
  if (env.XDG_CACHE_HOME) return join(env.XDG_CACHE_HOME, 'tsible');
  return env.HOME ? join(env.HOME, '.cache', 'tsible') : undefined;
}

function readEntries(file: string): Map<string, Entry> {
  const entries = new Map<string, Entry>();
  let blob: Buffer;
  try {
    blob = readFileSync(file);
  } catch {
    return entries;
  }
  try {
    if (blob.toString('latin1', 0, MAGIC.length) !== MAGIC) return entries;
    const indexLength = blob.readUInt32LE(MAGIC.length);
    const base = MAGIC.length + 4 + indexLength;
    const index = JSON.parse(blob.toString('utf8', MAGIC.length + 4, base)) as Array<[string, string, number, number]>;
    for (const [path, key, offset, length] of index) {
      if (base + offset + length > blob.length) return new Map();
      entries.set(path, { key, data: blob.subarray(base + offset, base + offset + length) });
    }
  } catch {
    return new Map();
  }
  return entries;
}

function writeEntries(file: string, entries: Map<string, Entry>): void {
  const index: Array<[string, string, number, number]> = [];
  const chunks: Buffer[] = [];
  let offset = 0;
  for (const [path, { key, data }] of entries) {
    index.push([path, key, offset, data.length]);
    chunks.push(data);
    offset += data.length;
  }
  const head = Buffer.from(JSON.stringify(index), 'utf8');
  const length = Buffer.alloc(4);
  length.writeUInt32LE(head.length);
  mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
  // Write then rename: a concurrent reader sees the old file or the new one, never half of one.
  const tmp = `${file}.${process.pid}.tmp`;
  try {
    writeFileSync(tmp, Buffer.concat([Buffer.from(MAGIC, 'latin1'), length, head, ...chunks]), { mode: 0o600 });
    renameSync(tmp, file);
  } catch (err) {
    try {
      unlinkSync(tmp);
    } catch {
      // nothing was written
    }
    throw err;
  }
}

/** Deletes other installations' cache files that were not written or read for STALE_MS. */
function removeStaleCaches(dir: string): void {
  for (const name of readdirSync(dir)) {
    if (!name.startsWith('compile-cache-')) continue;
    try {
      const st = statSync(join(dir, name));
      if (Date.now() - Math.max(st.mtimeMs, st.atimeMs) > STALE_MS) unlinkSync(join(dir, name));
    } catch {
      // removed meanwhile by another run
    }
  }
}

/**
 * A file changed this recently may have changed between Node reading it and the stat (a build
 * rewriting it with text of the same length would go unnoticed): it is not written to the cache.
 */
const SETTLE_MS = 2000;

/** The file's identity for the cache, and whether it is settled enough to be written to it. */
function statKey(filename: string, settleMs: number): { key: string; settled: boolean } | undefined {
  try {
    const st = statSync(filename);
    const settled = Date.now() - Math.max(st.mtimeMs, st.ctimeMs) >= settleMs;
    return { key: `${st.size}:${st.mtimeMs}:${st.ctimeMs}:${st.ino}`, settled };
  } catch {
    return undefined;
  }
}

/** The `require` Node gives a module (lib/internal/modules/helpers.js makeRequireFunction). */
function makeRequire(mod: NodeModule, M: ModuleStatics): NodeJS.Require {
  const require = ((id: string) => mod.require(id)) as NodeJS.Require;
  const resolve = ((request: string, options?: unknown) => M._resolveFilename(request, mod, false, options)) as NodeJS.RequireResolve;
  resolve.paths = (request: string) => M._resolveLookupPaths(request, mod);
  require.resolve = resolve;
  require.main = process.mainModule;
  (require as { extensions: unknown }).extensions = M._extensions;
  (require as { cache: unknown }).cache = M._cache;
  return require;
}

/**
 * Node flags that need Node's own compile path: an inspector, policies, source maps, and preloaded
 * modules or loaders (they may install require hooks that compile something else than the file).
 */
function needsNodeCompile(env: NodeJS.ProcessEnv): boolean {
  const flags = [...process.execArgv, ...(env.NODE_OPTIONS ?? '').split(/\s+/)];
  return flags.some((a) => /^(--(inspect|debug|experimental-policy|enable-source-maps)|(-r|--require|--import|--loader|--experimental-loader)(=|$))/.test(a))
    || (process as { sourceMapsEnabled?: boolean }).sourceMapsEnabled === true;
}

/**
 * Installs the cache (and the relative-require fast path) for this process. Returns undefined,
 * changing nothing, when it is turned off, when there is no cache directory, or under flags that
 * need Node's own compile path.
 */
export function enableCompileCache(options: CompileCacheOptions = {}): CompileCacheHandle | undefined {
  const env = options.env ?? process.env;
  const dir = options.dir ?? compileCacheDir(env);
  if (!dir || needsNodeCompile(env)) return undefined;
  // One file per installation: a run reads only the entries of the copy of tsible it runs, and a
  // temp checkout (tests, benchmarks) never makes every other installation's start-up read more.
  const install = createHash('sha256').update(__dirname).digest('hex').slice(0, 12);
  const file = join(dir, `compile-cache-${process.version}-${process.arch}-${install}.bin`);
  const settleMs = options.settleMs ?? SETTLE_MS;
  const M = Module as unknown as ModuleStatics;
  const original = M.prototype._compile;
  // A require hook installed later (a plugin registering a transpiler) replaces this handler and
  // hands _compile transformed code, which the file's stat does not describe: then Node compiles.
  const jsHandler = M._extensions['.js'];
  const entries = readEntries(file);
  const fresh = new Map<string, { key: string; script: Script }>();
  let hits = 0;
  let misses = 0;

  const compile: CompileFn = function compile(this: NodeModule, content, filename, format) {
    if (format === 'module' || M._extensions['.js'] !== jsHandler || hasDynamicImport(content)) {
      return original.call(this, content, filename, format);
    }
    const stat = statKey(filename, settleMs);
    if (!stat) return original.call(this, content, filename, format);
    const { key, settled } = stat;
    const known = entries.get(filename);
    const cachedData = known?.key === key ? known.data : undefined;
    let script: Script;
    try {
      // A shebang line is a comment to Node's own compiler, a syntax error to vm.Script. The
      // negative column offset keeps first-line columns in stack traces where Node puts them.
      script = new Script(M.wrap(content.startsWith('#!') ? `//${content}` : content),
        { filename, cachedData, columnOffset: -M.wrapper[0].length });
    } catch {
      return original.call(this, content, filename, format); // Node reports the error its own way
    }
    if (cachedData && !script.cachedDataRejected) {
      hits++;
    } else {
      misses++;
      if (settled) fresh.set(filename, { key, script });
    }
    const fn = script.runInThisContext({ displayErrors: true }) as (...args: unknown[]) => unknown;
    return fn.call(this.exports, this.exports, makeRequire(this, M), this, filename, dirname(filename));
  };

  const flush = (): void => {
    if (!fresh.size) return;
    try {
      const made = new Set(fresh.keys());
      for (const [path, { key, script }] of fresh) entries.set(path, { key, data: script.createCachedData() });
      fresh.clear();
      let total = 0;
      for (const e of entries.values()) total += e.data.length;
      if (total > MAX_BYTES) for (const path of [...entries.keys()]) if (!made.has(path)) entries.delete(path);
      writeEntries(file, entries);
      removeStaleCaches(dirname(file));
    } catch {
      // an unwritable cache directory only means compiling again next time
    }
  };
  const onExit = (): void => flush();
  M.prototype._compile = compile;
  const stopFastResolve = options.fastResolve === false ? undefined : enableFastResolve();
  process.on('exit', onExit);
  return {
    file,
    get hits() { return hits; },
    get misses() { return misses; },
    flush,
    uninstall() {
      if (M.prototype._compile === compile) M.prototype._compile = original;
      stopFastResolve?.();
      process.removeListener('exit', onExit);
    },
  };
}
