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
