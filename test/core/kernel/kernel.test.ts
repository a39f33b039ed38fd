import { createKernel, defineModule, definePlugin, Run, type LogEntry } from 'tsible';
import { cleanEnv, tempProject } from '../../helpers/tmp';

describe('Kernel', () => {
  const project = tempProject({ 'package.json': '{"name":"p","version":"1.0.0"}' });
  afterAll(() => project.cleanup());
  const base = () => ({ cwd: project.dir, env: cleanEnv(), configFile: false as const });

  test('two kernels in one process are independent', async () => {
    const a = await createKernel({ ...base(), plugins: [defineModule({ name: 'only_a', run: async () => ({ changed: false }) })] });
    const b = await createKernel(base());
    expect(a.registry.has('module', 'only_a')).toBe(true);
    expect(b.registry.has('module', 'only_a')).toBe(false);
    expect(a.hooks).not.toBe(b.hooks);
    const seen: string[] = [];
    a.hooks.log.tap('t', (e) => { seen.push(`a:${e.message}`); return true; });
    b.hooks.log.tap('t', (e) => { seen.push(`b:${e.message}`); return true; });
    a.log.warn('one');
    expect(seen).toEqual(['a:one']);
  });

  test('built-ins are registered without being loaded, and resolve by short name and FQCN', async () => {
    const k = await createKernel(base());
    const cand = k.registry.candidates('module', 'ping');
    expect(cand[0].origin).toBe('builtin');
    for (const name of ['ping', 'ansible.builtin.ping', 'tsible.builtin.ping']) {
      expect((await k.resolve('module', name)).name).toBe('ping');
    }
    expect((await k.resolve('strategy', 'linear')).kind).toBe('strategy');
  });

  test('a lifecycle plugin taps hooks and provides definitions through apply()', async () => {
    const calls: string[] = [];
    const plugin = definePlugin<{ tag: string }>((o) => ({
      name: 'acme', namespace: 'acme.tools',
      apply(api) {
        api.hooks.afterPlugins.tap('acme', () => calls.push(`after:${o.tag}`));
        api.hooks.run.tap('acme', (run) => run.hooks.playbookStart.tap('acme', (e) => { calls.push(`start:${e.file}`); }));
        api.provide(defineModule({ name: 'hello', run: async () => ({ changed: false, msg: 'hi' }) }));
      },
    }));
    const k = await createKernel({ ...base(), plugins: [plugin({ tag: 'x' })] });
    expect(calls).toEqual(['after:x']);
    expect((await k.resolve('module', 'acme.tools.hello')).name).toBe('hello');
    const run = new Run({});
    k.hooks.run.call(run);
    await run.hooks.playbookStart.promise({ file: 'site.yml' });
    expect(calls).toEqual(['after:x', 'start:site.yml']);
  });

  test('log entries nobody consumes go to the sink; shutdown runs once', async () => {
    const sunk: LogEntry[] = [];
    const k = await createKernel({ ...base(), logSink: (e) => sunk.push(e) });
    let closed = 0;
    k.hooks.shutdown.tapPromise('t', async () => { closed++; });
    k.log.deprecate('old thing');
    expect(sunk).toEqual([expect.objectContaining({ level: 'deprecation', message: 'old thing', origin: 'tsible' })]);
    await k.dispose();
    await k.dispose();
    expect(closed).toBe(1);
  });

  test('an error thrown while applying a plugin names the plugin', async () => {
    const bad = { name: 'broken-plugin', apply() { throw new Error('kaput'); } };
    await expect(createKernel({ ...base(), plugins: [bad] })).rejects.toMatchObject({
      code: 'TSIBLE_PLUGIN_LOAD', message: expect.stringContaining("plugin 'broken-plugin'"),
    });
  });
});
