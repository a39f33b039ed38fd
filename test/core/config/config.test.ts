import { createKernel, loadConfig } from 'tsible';
import { cleanEnv, tempProject } from '../../helpers/tmp';

const noSystem = { ansibleSystemDir: '/nonexistent', home: '/nonexistent' };

describe('configuration', () => {
  test('precedence: CLI > environment > tsible config > ansible.cfg > default', async () => {
    const p = tempProject({
      'package.json': '{"name":"p","version":"1.0.0"}',
      'ansible.cfg': '[defaults]\nforks = 11\ntimeout = 33 ; inline comment\nremote_user = cfguser\nhost_key_checking = False\n'
        + 'inventory = hosts.ini\n[ssh_connection]\npipelining = True\n[privilege_escalation]\nbecome_user = admin\n',
      'tsible.config.ts': `import { defineConfig } from 'tsible';\nexport default defineConfig({ forks: 22, remoteUser: 'tsuser' });\n`,
    });
    try {
      const env = cleanEnv({ ANSIBLE_FORKS: '44', TSIBLE_TIMEOUT: '55' });
      const c = await loadConfig({ cwd: p.dir, env, cli: { forks: 99 }, ...noSystem });
      expect(c.origin('forks')).toMatchObject({ value: 99, source: 'cli' });
      expect(c.origin('timeout')).toMatchObject({ value: 55, source: 'env', detail: 'TSIBLE_TIMEOUT' });
      expect(c.origin('remote_user')).toMatchObject({ value: 'tsuser', source: 'config' });
      expect(c.origin('become_user')).toMatchObject({ value: 'admin', source: 'ansible.cfg' });
      expect(c.boolean('host_key_checking')).toBe(false);
      expect(c.list('inventory')).toEqual([`${p.dir}/hosts.ini`]);
      expect(c.origin('pipelining')).toMatchObject({ value: true, source: 'ansible.cfg' });
      expect(c.origin('strategy')).toMatchObject({ value: 'linear', source: 'default' });
      const noCli = await loadConfig({ cwd: p.dir, env, ...noSystem });
      expect(noCli.origin('forks')).toMatchObject({ value: 44, source: 'env', detail: 'ANSIBLE_FORKS' });
      const noEnv = await loadConfig({ cwd: p.dir, env: cleanEnv(), ...noSystem });
      expect(noEnv.origin('forks')).toMatchObject({ value: 22, source: 'config' });
      expect(noEnv.configFile).toBe(`${p.dir}/tsible.config.ts`);
    } finally {
      p.cleanup();
    }
  });

  test('ANSIBLE_CONFIG, .tsiblerc (YAML) and the package.json "tsible" key are found, searching upward', async () => {
    const p = tempProject({
      'package.json': JSON.stringify({ name: 'p', version: '1.0.0', tsible: { forks: 7 } }),
      'sub/dir/.keep': '',
      'elsewhere/custom.cfg': '[defaults]\nstdout_callback = json\n',
    });
    try {
      const c = await loadConfig({ cwd: `${p.dir}/sub/dir`, env: cleanEnv({ ANSIBLE_CONFIG: `${p.dir}/elsewhere/custom.cfg` }), ...noSystem });
      expect(c.origin('forks')).toMatchObject({ value: 7, source: 'config', detail: `${p.dir}/package.json` });
      expect(c.string('stdout_callback')).toBe('json');
      p.write('sub/.tsiblerc', 'forks: 3\ncallbacks_enabled: [timer, profile_tasks]\n');
      const rc = await loadConfig({ cwd: `${p.dir}/sub/dir`, env: cleanEnv(), ...noSystem });
      expect(rc.number('forks')).toBe(3);
      expect(rc.list('callbacks_enabled')).toEqual(['timer', 'profile_tasks']);
    } finally {
      p.cleanup();
    }
  });

  test('an unknown key names the file and suggests the right one', async () => {
    const p = tempProject({ '.tsiblerc.json': '{"frks": 3}' });
    try {
      await expect(loadConfig({ cwd: p.dir, env: cleanEnv(), ...noSystem })).rejects.toMatchObject({
        code: 'TSIBLE_CONFIG', message: `${p.dir}/.tsiblerc.json: unknown setting 'frks'`, hints: ["did you mean 'forks'?"],
      });
    } finally {
      p.cleanup();
    }
  });

  test('a value of the wrong type names the file, the setting and what was expected', async () => {
    const p = tempProject({ '.tsiblerc.yaml': 'forks: many\n' });
    try {
      await expect(loadConfig({ cwd: p.dir, env: cleanEnv(), ...noSystem })).rejects.toMatchObject({
        message: `${p.dir}/.tsiblerc.yaml: setting 'forks' must be an integer, got "many"`,
      });
      await expect(loadConfig({ cwd: p.dir, env: cleanEnv({ TSIBLE_BECOME: 'maybe' }), configFile: false, ...noSystem }))
        .rejects.toMatchObject({ message: expect.stringContaining('environment variable TSIBLE_BECOME') });
    } finally {
      p.cleanup();
    }
  });

  test('a broken ansible.cfg line is reported with its line number', async () => {
    const p = tempProject({ 'ansible.cfg': '[defaults]\nforks = 3\nthis line is wrong\n' });
    try {
      await expect(loadConfig({ cwd: p.dir, env: cleanEnv(), ...noSystem })).rejects.toMatchObject({
        message: expect.stringContaining(`${p.dir}/ansible.cfg:3:`), loc: { line: 3 },
      });
    } finally {
      p.cleanup();
    }
  });

  test('tsible.config.ts plugin entries: an inline plugin and a relative path', async () => {
    const p = tempProject({
      'package.json': '{"name":"p","version":"1.0.0"}',
      'tsible.config.ts': `import { defineConfig, defineModule } from 'tsible';
export default defineConfig({ plugins: [
  defineModule({ name: 'inline_mod', run: async () => ({ changed: false, msg: 'inline' }) }),
  ['./local-plugin.ts', { greeting: 'hej' }],
] });
`,
      'local-plugin.ts': `import { definePlugin, defineModule } from 'tsible';
export default definePlugin<{ greeting: string }>((o) => ({ name: 'local', apply(api) {
  api.provide(defineModule({ name: 'greet', run: async () => ({ changed: false, msg: o.greeting }) }));
} }));
`,
    });
    try {
      const k = await createKernel({ cwd: p.dir, env: cleanEnv(), ...noSystem });
      expect(await (await k.resolve('module', 'inline_mod')).run({} as never)).toMatchObject({ msg: 'inline' });
      expect(await (await k.resolve('module', 'greet')).run({} as never)).toMatchObject({ msg: 'hej' });
      expect(k.registry.candidates('module', 'greet')[0].origin).toBe('config');
    } finally {
      p.cleanup();
    }
  });
});

test('inside a plugin package, the package.json "tsible" manifest is not read as configuration', async () => {
  const p = tempProject({
    'package.json': JSON.stringify({ name: 'tsible-plugin-x', version: '1.0.0',
      tsible: { namespace: 'acme.x', provides: { module: { x: './x.js' } }, forks: 4 } }),
  });
  try {
    const c = await loadConfig({ cwd: p.dir, env: cleanEnv(), ansibleSystemDir: '/nonexistent', home: '/nonexistent' });
    expect(c.origin('forks')).toMatchObject({ value: 4, source: 'config' });
  } finally {
    p.cleanup();
  }
});
