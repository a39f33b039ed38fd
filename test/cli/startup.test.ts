import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, readdirSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import Module from 'node:module';
import { join } from 'node:path';
import { cleanEnv, tempProject } from '../helpers/tmp';
import { compileCacheDir, hasDynamicImport } from '../../core/cli/compile-cache';
import { enableFastResolve } from '../../core/cli/fast-resolve';

const ROOT = join(__dirname, '..', '..');
const bin = (name: string) => join(ROOT, 'dist', 'core', 'cli', 'bin', `${name}.js`);
const PLAY = '- hosts: localhost\n  connection: local\n  gather_facts: false\n  tasks:\n    - debug: msg=hello\n';

function run(args: string[], env: Record<string, string>, cwd: string, nodeArgs: string[] = []) {
  const r = spawnSync(process.execPath, [...nodeArgs, bin('tsible-playbook'), ...args],
    { cwd, env: cleanEnv({ NO_COLOR: '1', ...env }), encoding: 'utf8', timeout: 60_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('start-up: the V8 code cache of the command-line tools', () => {
  test('a second run compiles from the cache, with the same output as without it', () => {
    const p = tempProject({ 'package.json': '{"name":"p","version":"1.0.0"}', 'one.yml': PLAY });
    try {
      const dir = join(p.dir, 'cache');
      const plain = run(['one.yml'], { TSIBLE_COMPILE_CACHE: '0', TSIBLE_COMPILE_CACHE_DIR: dir }, p.dir);
      expect(plain.code).toBe(0);
      expect(() => readdirSync(dir)).toThrow(); // turned off: nothing written

      const first = run(['one.yml'], { TSIBLE_COMPILE_CACHE_DIR: dir }, p.dir);
      const [file] = readdirSync(dir);
      expect(file).toMatch(/^compile-cache-v\d+\.\d+\.\d+-\w+-[0-9a-f]{12}\.bin$/);
      const written = statSync(join(dir, file)).mtimeMs;
      const second = run(['one.yml'], { TSIBLE_COMPILE_CACHE_DIR: dir }, p.dir);
      expect(statSync(join(dir, file)).mtimeMs).toBe(written); // every module came from the cache: nothing to add
      for (const r of [first, second]) expect([r.code, r.stdout, r.stderr]).toEqual([0, plain.stdout, plain.stderr]);
      expect(plain.stdout).toContain('"msg": "hello"');
    } finally {
      p.cleanup();
    }
  });

  test('a corrupt cache file, or a directory that cannot be written, changes nothing but speed', () => {
    const p = tempProject({ 'package.json': '{"name":"p","version":"1.0.0"}', 'one.yml': PLAY, 'not-a-dir': 'x' });
    try {
      const plain = run(['one.yml'], { TSIBLE_COMPILE_CACHE: 'off' }, p.dir);
      const blocked = run(['one.yml'], { TSIBLE_COMPILE_CACHE_DIR: join(p.dir, 'not-a-dir', 'cache') }, p.dir);
      expect([blocked.code, blocked.stdout, blocked.stderr]).toEqual([0, plain.stdout, plain.stderr]);

      const dir = join(p.dir, 'cache');
      run(['one.yml'], { TSIBLE_COMPILE_CACHE_DIR: dir }, p.dir);
      const [file] = readdirSync(dir);
      const blob = readFileSync(join(dir, file));
      writeFileSync(join(dir, file), blob.subarray(0, blob.length >> 1)); // cut in half
      const cut = run(['one.yml'], { TSIBLE_COMPILE_CACHE_DIR: dir }, p.dir);
      expect([cut.code, cut.stdout, cut.stderr]).toEqual([0, plain.stdout, plain.stderr]);
      writeFileSync(join(dir, file), Buffer.alloc(4096, 7)); // garbage
      const garbage = run(['one.yml'], { TSIBLE_COMPILE_CACHE_DIR: dir }, p.dir);
      expect([garbage.code, garbage.stdout, garbage.stderr]).toEqual([0, plain.stdout, plain.stderr]);
      expect(readFileSync(join(dir, file)).length).toBeGreaterThan(100_000); // rebuilt
    } finally {
      p.cleanup();
    }
  });

  test('--version writes no cache and loads only the version reader', () => {
    const p = tempProject({});
    try {
      const dir = join(p.dir, 'cache');
      const r = run(['--version'], { TSIBLE_COMPILE_CACHE_DIR: dir }, p.dir);
      expect(r.stdout).toMatch(/^tsible-playbook \d+\.\d+\.\d+\n$/);
      expect(() => readdirSync(dir)).toThrow();
    } finally {
      p.cleanup();
    }
  });

  test('modules from the cache behave as Node compiled them: exports, require, errors and their positions', () => {
    const CC = join(ROOT, 'dist', 'core', 'cli', 'compile-cache.js');
    const p = tempProject({
      'lib/thrower.js': 'exports.where = () => new Error("x").stack.split("\\n")[1].trim(); exports.boom = () => { null.x; };\n',
      'lib/shape.js': '#!/usr/bin/env node\nmodule.exports = { self: __filename, dir: __dirname, main: require.main === undefined, '
        + 'resolved: require.resolve("./thrower"), sameThis: this === exports, paths: Array.isArray(require.resolve.paths("x")) };\n',
      'main.js': `const cc = process.argv[2] === 'on' ? require(${JSON.stringify(CC)}).enableCompileCache({ dir: process.argv[3], settleMs: +process.argv[4] }) : undefined;
const t = require('./lib/thrower.js');
let boom; try { t.boom(); } catch (e) { boom = e.stack.split('\\n').slice(0, 2).join(' | '); }
console.log(JSON.stringify({ where: t.where(), boom, shape: require('./lib/shape.js'), hits: cc?.hits ?? null }));\n`,
    });
    try {
      const go = (...args: string[]) => JSON.parse(spawnSync(process.execPath, ['main.js', ...args], { cwd: p.dir, encoding: 'utf8' }).stdout);
      const plain = go();
      const dir = join(p.dir, 'cache');
      // Files written a moment ago are not cached (they may still be being written)...
      expect(go('on', dir, '2000').hits).toBe(0);
      expect(go('on', dir, '2000').hits).toBe(0);
      // ...settled ones are.
      const first = go('on', dir, '0');
      const second = go('on', dir, '0');
      expect(second.hits).toBe(2);
      for (const r of [first, second]) expect({ ...r, hits: null }).toEqual(plain);
      expect(plain.where).toMatch(/thrower\.js:1:\d+\)$/);
    } finally {
      p.cleanup();
    }
  });

  test('the cache directory follows the environment, and can be turned off', () => {
    expect(compileCacheDir({ HOME: '/h' })).toBe('/h/.cache/tsible');
    expect(compileCacheDir({ HOME: '/h', XDG_CACHE_HOME: '/x' })).toBe('/x/tsible');
    expect(compileCacheDir({ HOME: '/h', TSIBLE_COMPILE_CACHE_DIR: '/c' })).toBe('/c');
    for (const off of ['0', 'false', 'OFF', 'no']) expect(compileCacheDir({ HOME: '/h', TSIBLE_COMPILE_CACHE: off })).toBeUndefined();
    expect(compileCacheDir({ HOME: '/h', NODE_DISABLE_COMPILE_CACHE: '1' })).toBeUndefined();
    expect(compileCacheDir({})).toBeUndefined();
  });

  test('files with a real import() are left to Node; one in a comment is not', () => {
    expect(hasDynamicImport('const m = await import("./x.js");')).toBe(true);
    expect(hasDynamicImport('x = 1;\n  import ("y")')).toBe(true);
    expect(hasDynamicImport('/** @typedef {import("./Hook")} Hook */\nmodule.exports = 1;')).toBe(false);
    expect(hasDynamicImport(' * @param {import("x").Y} y\n// import(z)\nreimport(1);')).toBe(false);
    expect(hasDynamicImport('/* a */ import("x")')).toBe(true);
  });
});

describe('start-up: what a one-task local play loads', () => {
  test('one callback, no inventory plugin, no cosmiconfig, vault password code, ssh2 or API extras', () => {
    const p = tempProject({ 'package.json': '{"name":"p","version":"1.0.0"}', 'one.yml': PLAY,
      'list.js': `process.on('exit', () => require('fs').writeFileSync(${JSON.stringify('')} + process.env.LIST_TO, Object.keys(require.cache).join('\\n')));\n` });
    try {
      const listTo = join(p.dir, 'modules.txt');
      const r = run(['one.yml'], { LIST_TO: listTo, TSIBLE_COMPILE_CACHE: '0' }, p.dir, ['-r', join(p.dir, 'list.js')]);
      expect(r.code).toBe(0);
      const loaded = readFileSync(listTo, 'utf8').split('\n');
      const unwanted = [/node_modules\/(cosmiconfig|ssh2|jiti)\//, /plugins\/inventory\//, /plugins\/connection\/ssh/,
        /plugins\/callback\/(?!default|progress|_format)/, /core\/vault\/(password-source|cipher)/, /core\/api\/(runner|play|task-queue-manager|run-adhoc)/,
        /core\/callbacks\/ansible-adapter/];
      expect(loaded.filter((f) => unwanted.some((u) => u.test(f)))).toEqual([]);
      expect(loaded.filter((f) => /plugins\/callback\/(default|progress)\.js$/.test(f))).toHaveLength(2);
    } finally {
      p.cleanup();
    }
  });
});

describe('start-up: relative requires answered without the general search', () => {
  test('the same answer as Node for files, extensionless names, directories and symlinks', () => {
    const p = tempProject({
      'a/parent.js': '', 'a/x.js': '', 'a/y.json': '', 'a/only.js': '', 'a/both.js': '', 'a/both/index.js': '',
      'a/dir/index.js': '', 'a/pkg/package.json': '{"main":"main.js"}', 'a/pkg/main.js': '', 'real/t.js': '',
    });
    try {
      symlinkSync(join(p.dir, 'real', 't.js'), join(p.dir, 'a', 'link.js'));
      mkdirSync(join(p.dir, 'b'));
      symlinkSync(join(p.dir, 'real'), join(p.dir, 'b', 'linked-dir'));
      const M = Module as unknown as { _resolveFilename(r: string, parent: unknown, isMain: boolean): string };
      const parent = new Module(join(p.dir, 'a', 'parent.js'));
      parent.filename = join(p.dir, 'a', 'parent.js');
      parent.paths = [];
      const requests = ['./x.js', './x', './y.json', './y', './only', './both', './both/', './dir', './pkg', './link.js', './link',
        '../b/linked-dir/t.js', '../b/linked-dir/t', '../real/t', './missing', './missing.js', '.', '..', './'];
      const answer = (r: string) => {
        try {
          return M._resolveFilename(r, parent, false);
        } catch (err) {
          return `${(err as NodeJS.ErrnoException).code}`;
        }
      };
      const node = requests.map(answer);
      const stop = enableFastResolve();
      expect(stop).toBeDefined();
      let fast: string[];
      try {
        fast = requests.map(answer);
      } finally {
        stop?.();
      }
      expect(fast).toEqual(node);
      expect(node).toContain('MODULE_NOT_FOUND');
    } finally {
      p.cleanup();
    }
  });
});

describe('start-up: resolutions remembered per requiring directory', () => {
  type ResolveFn = (r: string, parent: unknown, isMain: boolean, options?: unknown) => string;
  const M = Module as unknown as { _resolveFilename: ResolveFn };

  function parentIn(file: string): Module {
    const parent = new Module(file);
    parent.filename = file;
    parent.paths = (Module as unknown as { _nodeModulePaths(dir: string): string[] })._nodeModulePaths(join(file, '..'));
    return parent;
  }

  test("Node's answer is reused in the same directory only, and failures are asked again", () => {
    const p = tempProject({
      'node_modules/pkg/package.json': '{"main":"main.js"}', 'node_modules/pkg/main.js': '',
      'b/node_modules/pkg/package.json': '{"main":"other.js"}', 'b/node_modules/pkg/other.js': '',
      'a/one.js': '', 'a/two.js': '', 'a/x.js': '', 'b/three.js': '',
    });
    const realOriginal = M._resolveFilename;
    const asked: string[] = [];
    M._resolveFilename = function counting(this: unknown, r, parent, isMain, options) {
      asked.push(r);
      return realOriginal.call(this, r, parent, isMain, options);
    };
    const stop = enableFastResolve();
    try {
      const [one, two, three] = ['a/one.js', 'a/two.js', 'b/three.js'].map((f) => parentIn(join(p.dir, f)));
      expect(M._resolveFilename('pkg', one, false)).toBe(join(p.dir, 'node_modules', 'pkg', 'main.js'));
      expect(M._resolveFilename('pkg', two, false)).toBe(join(p.dir, 'node_modules', 'pkg', 'main.js'));
      expect(asked).toEqual(['pkg']);
      // Another directory has its own node_modules: its own answer, asked of Node.
      expect(M._resolveFilename('pkg', three, false)).toBe(join(p.dir, 'b', 'node_modules', 'pkg', 'other.js'));
      expect(asked).toEqual(['pkg', 'pkg']);
      // Relative files are answered without Node, and remembered as well.
      expect(M._resolveFilename('./x.js', one, false)).toBe(join(p.dir, 'a', 'x.js'));
      expect(M._resolveFilename('./x.js', two, false)).toBe(join(p.dir, 'a', 'x.js'));
      expect(asked).toEqual(['pkg', 'pkg']);
      // A failure is not remembered: installed afterwards, the module is found.
      const code = (r: string): string | undefined => {
        try {
          M._resolveFilename(r, one, false);
          return undefined;
        } catch (err) {
          return (err as NodeJS.ErrnoException).code;
        }
      };
      expect(code('later')).toBe('MODULE_NOT_FOUND');
      mkdirSync(join(p.dir, 'node_modules', 'later'));
      writeFileSync(join(p.dir, 'node_modules', 'later', 'index.js'), '');
      expect(M._resolveFilename('later', one, false)).toBe(join(p.dir, 'node_modules', 'later', 'index.js'));
      expect(asked).toEqual(['pkg', 'pkg', 'later', 'later']);
    } finally {
      stop?.();
      M._resolveFilename = realOriginal;
      p.cleanup();
    }
  });
});
