import { createKernel, defineModule } from 'tsible';
import { cleanEnv, tempProject } from '../../helpers/tmp';

const moduleFile = (name: string, msg: string) => `
const { defineModule } = require('tsible');
module.exports = defineModule({ name: '${name}', run: async () => ({ changed: false, msg: '${msg}' }) });
`;

describe('plugin resolution order', () => {
  test('inline > config > adjacent > builtin, and plugins list shows what each overrides', async () => {
    const p = tempProject({
      'package.json': '{"name":"proj","version":"1.0.0"}',
      'tsible.config.js': `module.exports = { plugins: ['./plugins/ping-config.js'] };`,
      'plugins/ping-config.js': moduleFile('ping', 'from config'),
      'playbooks/library/ping.js': moduleFile('ping', 'from library'),
      'playbooks/library/debug.ts': `import { defineModule } from 'tsible';\nexport default defineModule({ name: 'debug', run: async () => ({ changed: false, msg: 'ts library' }) });\n`,
    });
    try {
      const kernel = await createKernel({ cwd: p.dir, env: cleanEnv() });
      kernel.addAdjacentDir(`${p.dir}/playbooks`);
      const run = async (name: string) => (await kernel.resolve('module', name)).run({} as never);
      expect(await run('ping')).toMatchObject({ msg: 'from config' });
      expect(await run('debug')).toMatchObject({ msg: 'ts library' });
      // A library/ module overrides the short name and ansible.legacy, never ansible.builtin.
      expect(await run('ansible.legacy.debug')).toMatchObject({ msg: 'ts library' });
      expect((await kernel.resolve('module', 'ansible.builtin.debug')).options).toHaveProperty('var');
      const row = kernel.registry.list('module').find((r) => r.name === 'ping');
      expect(row?.origin).toBe('config');
      expect(row?.overrides.join(' ')).toMatch(/adjacent:.*library\/ping\.js.*builtin:module\/ping/);

      const inline = await createKernel({ cwd: p.dir, env: cleanEnv(),
        plugins: [defineModule({ name: 'ping', run: async () => ({ changed: false, msg: 'inline' }) })] });
      expect(await (await inline.resolve('module', 'ping')).run({} as never)).toMatchObject({ msg: 'inline' });
    } finally {
      p.cleanup();
    }
  });

  test('a missing plugin lists the places searched and suggests a close name', async () => {
    const p = tempProject({ 'package.json': '{"name":"proj","version":"1.0.0"}', 'library/.keep': '' });
    try {
      const kernel = await createKernel({ cwd: p.dir, env: cleanEnv() });
      kernel.addAdjacentDir(p.dir);
      const err = await kernel.resolve('module', 'shel').catch((e) => e);
      expect(err).toMatchObject({ code: 'TSIBLE_PLUGIN_NOT_FOUND', pluginName: 'shel' });
      expect(err.message).toContain(`${p.dir}/library`);
      expect(err.message).toContain('built-in plugins');
      expect(err.hints.join(' ')).toContain("'shell'");
    } finally {
      p.cleanup();
    }
  });

  test('a plugin file that throws while loading names the plugin and its file', async () => {
    const p = tempProject({ 'library/boom.js': 'throw new Error("syntax of doom");\n' });
    try {
      const kernel = await createKernel({ cwd: p.dir, env: cleanEnv(), configFile: false });
      kernel.addAdjacentDir(p.dir);
      await expect(kernel.resolve('module', 'boom')).rejects.toMatchObject({
        code: 'TSIBLE_PLUGIN_LOAD', message: expect.stringMatching(/plugin 'boom' \(.*library\/boom\.js\).*syntax of doom/),
      });
    } finally {
      p.cleanup();
    }
  });

  test('a file that exports no definition is rejected with what was expected', async () => {
    const p = tempProject({ 'filter_plugins/odd.js': 'module.exports = { hello: 1 };\n' });
    try {
      const kernel = await createKernel({ cwd: p.dir, env: cleanEnv(), configFile: false });
      kernel.addAdjacentDir(p.dir);
      await expect(kernel.resolve('filter', 'odd')).rejects.toMatchObject({
        code: 'TSIBLE_PLUGIN_INVALID', message: expect.stringContaining('defineFilter'),
      });
    } finally {
      p.cleanup();
    }
  });
});

test('a TypeScript plugin outside the project may import tsible and Node built-ins', async () => {
  const p = tempProject({
    'library/where.ts': `import { existsSync } from 'node:fs';\nimport { defineModule, shellQuote } from 'tsible';\n`
      + `export default defineModule({ name: 'where', run: async () => ({ changed: false, msg: shellQuote('a b') + String(existsSync('/')) }) });\n`,
  });
  try {
    const kernel = await createKernel({ cwd: p.dir, env: cleanEnv(), configFile: false });
    kernel.addAdjacentDir(p.dir);
    expect(await (await kernel.resolve('module', 'where')).run({} as never)).toMatchObject({ msg: "'a b'true" });
  } finally {
    p.cleanup();
  }
});

test('a module directory from the library setting (or -M) may have any name', async () => {
  const p = tempProject({
    'mymods/greet.js': `module.exports = require('tsible').defineModule({ name: 'greet', run: async () => ({ changed: false, msg: 'from mymods' }) });\n`,
    'mymods/hello.sh': '#!/bin/sh\necho \'{"changed": false, "msg": "script"}\'\n',
  });
  try {
    const kernel = await createKernel({ cwd: p.dir, env: cleanEnv(), configFile: false, cli: { library: [`${p.dir}/mymods`] } });
    expect(await (await kernel.resolve('module', 'greet')).run({} as never)).toMatchObject({ msg: 'from mymods' });
    expect(kernel.registry.candidates('module', 'hello')[0]).toMatchObject({ origin: 'adjacent', location: `${p.dir}/mymods/hello.sh` });
  } finally {
    p.cleanup();
  }
});
