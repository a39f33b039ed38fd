import { join } from 'node:path';
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createKernel, openInventory, type TsiblePlugin } from 'tsible';
import csvHosts from '../src/csv-hosts';
import { parseCsv } from '../src/csv';

/** A copy of example/ in a project of its own (the kernel takes its cwd as the project). */
const EXAMPLE = mkdtempSync(join(tmpdir(), 'csv-hosts-example-'));
cpSync(join(__dirname, '..', 'example'), EXAMPLE, { recursive: true });
const made = [EXAMPLE];
afterAll(() => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

describe('parseCsv', () => {
  test('quotes, doubled quotes, commas and newlines inside quotes, line numbers', () => {
    expect(parseCsv('a,b\n"x, y","say ""hi"""\n"multi\nline",2\n')).toEqual([
      { line: 1, fields: ['a', 'b'] },
      { line: 2, fields: ['x, y', 'say "hi"'] },
      { line: 3, fields: ['multi\nline', '2'] },
    ]);
    expect(() => parseCsv('a\n"open')).toThrow('unterminated quoted field starting on line 2');
  });
});

/** The package's provider given in code, under the namespace its package.json declares. */
const inline: TsiblePlugin = { name: 'tsible-plugin-example-inventory', namespace: 'example.inventory', apply: (api) => api.provide(csvHosts) };

describe('csv_hosts inventory plugin', () => {
  test('hosts, groups, typed columns and compose, given to a kernel in code', async () => {
    const kernel = await createKernel({ cwd: EXAMPLE, env: {}, plugins: [inline] });
    const inv = await openInventory({ kernel, sources: [join(EXAMPLE, 'inventory.yml')], cwd: EXAMPLE });
    expect(inv.getHosts('prod')).toEqual(['web1', 'web2', 'db1']);
    expect(inv.getHosts('ci')).toEqual(['ci-runner']);
    expect(inv.hostVars('web2')).toMatchObject({ ip: '10.0.1.2', ansible_host: '10.0.1.2', primary: false, note: 'replaced disk, 2024' });
    expect(inv.hostVars('web1')).toMatchObject({ is_primary: true });
    expect(inv.hostVars('db1')).toMatchObject({ is_primary: false });
    expect(inv.hostVars('ci-runner')).toMatchObject({ note: 'says "hi"' });
  });

  test('a row with the wrong number of fields names file and line', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'csv-hosts-'));
    made.push(dir);
    writeFileSync(join(dir, 'bad.csv'), 'name,groups\nweb1,web\nweb2,web,extra\n');
    writeFileSync(join(dir, 'inv.yml'), 'plugin: csv_hosts\npath: bad.csv\n');
    const warnings: string[] = [];
    const kernel = await createKernel({ cwd: dir, env: {}, plugins: [inline],
      logSink: (e) => { if (e.level === 'warning') warnings.push(e.message); } });
    const inv = await openInventory({ kernel, sources: [join(dir, 'inv.yml')], cwd: dir });
    expect(inv.hostNames()).toEqual([]);
    expect(warnings.join('\n')).toContain(`${join(dir, 'bad.csv')}:3: expected 2 fields, found 3`);
  });
});
