/** Filter and test plugins found next to a playbook (filter_plugins/, test_plugins/), in TS and JS. */
import { join } from 'node:path';
import { createKernel, type Kernel } from 'tsible';
import { buildTemplar, refreshTemplar } from '../../../core/template/templar.js';

const FIXTURES = join(__dirname, '..', '..', 'fixtures', 'template');

describe('template plugins', () => {
  let kernel: Kernel;
  beforeEach(async () => {
    kernel = await createKernel({ cwd: FIXTURES });
  });
  afterEach(() => kernel.dispose());

  test('playbook-adjacent filter_plugins/ and test_plugins/ are used, and override built-ins', async () => {
    kernel.addAdjacentDir(join(FIXTURES, 'adjacent'));
    const t = await buildTemplar(kernel);
    expect(await t.template('{{ "hi" | shout(2) }} {{ "ab" is even_length }} {{ "x" | upper }}', {})).toBe('HI!! True UPPER(x)');
    expect(await t.template('{{ "x" | lower }} {{ [2, 1] | sort }}', {})).toBe('x [1, 2]');
  });

  test('a role\'s filter_plugins/ registered later become available after refreshTemplar', async () => {
    const t = await buildTemplar(kernel);
    await expect(t.template('{{ 1 | from_role }}', {})).rejects.toMatchObject({ code: 'TSIBLE_TEMPLATE' });
    kernel.addAdjacentDir(join(FIXTURES, 'role'));
    await refreshTemplar(kernel, t);
    expect(await t.template('{{ 1 | from_role }}', {})).toBe('role filter');
  });

  test('built-in filter and test plugins load on the first name a template needs, in precedence order', async () => {
    const loaded: string[] = [];
    for (const type of ['filter', 'test'] as const) {
      for (const c of kernel.registry.all(type).filter((x) => x.origin === 'builtin')) {
        const real = c.loadSync!;
        c.loadSync = () => {
          loaded.push(`${type}:${c.name}`);
          return real();
        };
      }
    }
    const t = await buildTemplar(kernel);
    // The engine's own filters and tests (default, map, select…, defined) need no plugin.
    expect(await t.template('{{ x | default(1) }} {{ y is defined }} {{ ([1, 2] | select("defined")) is defined }}', {})).toBe('1 False True');
    expect(loaded).toEqual([]);
    expect(await t.template('{{ "%02d" | format(3) }}', {})).toBe('03');
    expect(loaded).toEqual(['filter:core', 'filter:jinja']);
    expect(await t.template('{{ [1] | to_json }} {{ "a/b" | ansible.builtin.basename }}', {})).toBe('[1] b');
    expect(await t.template('{{ [1] is subset([1, 2]) }}', {})).toBe(true);
    expect(loaded).toEqual(['filter:core', 'filter:jinja', 'filter:mathstuff', 'filter:paths',
      'test:core', 'test:files', 'test:jinja', 'test:mathstuff']);
    await expect(t.template('{{ 1 | no_such_filter }}', {})).rejects.toMatchObject({ code: 'TSIBLE_TEMPLATE' });
    expect(loaded).toContain('filter:vault');
  });

  test('a project filter keeps its name when the built-in plugin defining it loads later', async () => {
    kernel.addAdjacentDir(join(FIXTURES, 'adjacent'));
    const t = await buildTemplar(kernel);
    expect(await t.template('{{ "x" | lower }}', {})).toBe('x');
    expect(await t.template('{{ "x" | upper }}', {})).toBe('UPPER(x)');
  });

  test('every built-in filter and test plugin loads and provides functions', async () => {
    const filters = kernel.registry.all('filter').filter((c) => c.origin === 'builtin');
    const tests = kernel.registry.all('test').filter((c) => c.origin === 'builtin');
    expect(filters.map((c) => c.name).sort()).toEqual(['core', 'jinja', 'mathstuff', 'paths', 'urls', 'vault']);
    expect(tests.map((c) => c.name).sort()).toEqual(['core', 'files', 'jinja', 'mathstuff', 'uri']);
    for (const c of [...filters, ...tests]) {
      const def = await kernel.registry.load(c) as { filters?: object; tests?: object };
      expect(Object.keys(def.filters ?? def.tests ?? {}).length).toBeGreaterThan(0);
    }
  });
});
