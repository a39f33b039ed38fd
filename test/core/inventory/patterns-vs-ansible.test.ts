import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadInventory } from './helpers.js';

/** expected.json was produced by `ansible -i hosts PATTERN --list-hosts` (Ansible 2.14) for each pattern. */
const dir = join(__dirname, '../../fixtures/inventory/patterns');
const expected = JSON.parse(readFileSync(join(dir, 'expected.json'), 'utf8')) as Record<string, string[]>;

describe('host patterns select the same hosts, in the same order, as Ansible', () => {
  let loaded: Awaited<ReturnType<typeof loadInventory>>;
  beforeAll(async () => {
    loaded = await loadInventory([join(dir, 'hosts')], dir);
  });

  test.each(Object.keys(expected))('%s', (pattern) => {
    expect(loaded.inv.getHosts(pattern)).toEqual(expected[pattern]);
  });

  /** expected-limit.json: `ansible -i hosts PATTERN --limit LIMIT --list-hosts` (site.retry is a retry file). */
  const limits = JSON.parse(readFileSync(join(dir, 'expected-limit.json'), 'utf8')) as { pattern: string; limit: string; hosts: string[] }[];
  test.each(limits.map((c) => [c.pattern, c.limit, c.hosts] as const))('%s --limit %s', (pattern, limit, hosts) => {
    expect(loaded.inv.getHosts(pattern, { limit })).toEqual(hosts);
  });

  test('no warnings while loading', () => {
    expect(loaded.warnings).toEqual([]);
  });
});
