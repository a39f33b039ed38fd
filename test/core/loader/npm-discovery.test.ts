import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { createKernel } from 'tsible';
import { cleanEnv, tempProject } from '../../helpers/tmp';

/**
 * A real npm package, packed with `npm pack` and installed into a temp project from the tarball
 * (no registry involved), must be discovered from the project's dependencies without any config.
 */
describe('npm plugin discovery', () => {
  const root = tempProject({
    'pkg/package.json': JSON.stringify({
      name: 'tsible-plugin-hello', version: '1.0.0', main: 'index.js',
      tsible: { namespace: 'acme.hello', provides: { module: { hello: './hello.js' }, lookup: { shout: './shout.js' } } },
    }),
    'pkg/index.js': 'module.exports = {};\n',
    'pkg/hello.js': `require('node:fs').writeFileSync(require('node:path').join(__dirname, 'loaded.marker'), 'yes');
const { defineModule } = require('tsible');
module.exports = defineModule({ name: 'hello', options: { who: { type: 'str', default: 'world' } },
  run: async (ctx) => ({ changed: false, msg: 'hello ' + ctx.args.who }) });
`,
    'pkg/shout.js': `const { defineLookup } = require('tsible');
module.exports = defineLookup({ name: 'shout', run: (terms) => terms.map((t) => String(t).toUpperCase()) });
`,
    'kw/package.json': JSON.stringify({ name: 'acme-extras', version: '2.0.0', keywords: ['tsible-plugin'],
      tsible: { provides: { module: { extra: './extra.js' } } } }),
    'kw/extra.js': `module.exports = require('tsible').defineModule({ name: 'extra', run: async () => ({ changed: false }) });\n`,
  });
  let project: string;

  beforeAll(() => {
    const npm = (args: string[], cwd: string) => execFileSync('npm', args, { cwd, stdio: 'pipe', encoding: 'utf8' });
    const tgz = npm(['pack', '--silent'], join(root.dir, 'pkg')).trim().split('\n').pop()!;
    const tgz2 = npm(['pack', '--silent'], join(root.dir, 'kw')).trim().split('\n').pop()!;
    project = root.write('project/package.json', JSON.stringify({
      name: 'project', version: '1.0.0',
      dependencies: { 'tsible-plugin-hello': `file:../pkg/${tgz}` },
      devDependencies: { 'acme-extras': `file:../kw/${tgz2}` },
    })).replace(/\/package\.json$/, '');
    npm(['install', '--offline', '--no-audit', '--no-fund', '--ignore-scripts'], project);
  }, 120_000);
  afterAll(() => root.cleanup());

  test('providers are registered from package.json and loaded only when used', async () => {
    const marker = join(project, 'node_modules', 'tsible-plugin-hello', 'loaded.marker');
    const kernel = await createKernel({ cwd: project, env: cleanEnv() });
    expect(kernel.registry.candidates('module', 'hello')[0]).toMatchObject({ origin: 'npm' });
    expect(existsSync(marker)).toBe(false);
    const hello = await kernel.resolve('module', 'acme.hello.hello');
    expect(existsSync(marker)).toBe(true);
    expect(await hello.run({ args: { who: 'npm' } } as never)).toMatchObject({ msg: 'hello npm' });
    const shout = await kernel.resolve('lookup', 'shout');
    expect(await shout.run(['a', 'b'], {}, {} as never)).toEqual(['A', 'B']);
    expect(kernel.registry.has('module', 'extra')).toBe(true);
  });

  test('autoDiscover: false ignores them', async () => {
    const kernel = await createKernel({ cwd: project, env: cleanEnv({ TSIBLE_AUTO_DISCOVER: 'false' }) });
    expect(kernel.registry.has('module', 'hello')).toBe(false);
    expect(kernel.registry.has('lookup', 'shout')).toBe(false);
  });

  test('a config entry naming the package by its short name loads it too', async () => {
    root.write('project/.tsiblerc.json', JSON.stringify({ autoDiscover: false, plugins: ['hello'] }));
    try {
      const kernel = await createKernel({ cwd: project, env: cleanEnv() });
      expect(kernel.registry.candidates('module', 'hello')[0]).toMatchObject({ origin: 'config' });
    } finally {
      root.write('project/.tsiblerc.json', '{}');
    }
  });

  test('a config entry naming a package that is not installed says how to install it', async () => {
    root.write('project/.tsiblerc.json', JSON.stringify({ plugins: ['nothere'] }));
    try {
      await expect(createKernel({ cwd: project, env: cleanEnv() })).rejects.toMatchObject({
        code: 'TSIBLE_CONFIG', message: expect.stringContaining("'tsible-plugin-nothere'"),
        hints: [expect.stringContaining('npm install --save-dev tsible-plugin-nothere')],
      });
    } finally {
      root.write('project/.tsiblerc.json', '{}');
    }
  });
});
