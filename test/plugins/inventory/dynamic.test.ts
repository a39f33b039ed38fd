import { createServer, type Server } from 'node:http';
import { existsSync, readdirSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { loadInventory, quietKernel, tempTree } from '../../core/inventory/helpers.js';
import { openInventory } from '../../../core/inventory/open.js';

describe('constructed inventory plugin', () => {
  test('compose, groups and keyed_groups over what was loaded before it', async () => {
    const dir = tempTree({
      'inv/01-hosts.yml': [
        'all:',
        '  hosts:',
        '    web1: { os: debian, arch: x86_64, public_ip: 1.2.3.4, tags: { env: prod, team: "" } }',
        '    web2: { os: redhat, arch: arm64 }',
        '    db1:  { os: debian, arch: x86_64, roles: [db, backup] }',
      ].join('\n'),
      'inv/99-constructed.yml': [
        'plugin: constructed',
        'strict: false',
        'compose:',
        '  ansible_host: public_ip | default(inventory_hostname)',
        '  arch_bits: "64 if arch in [\'x86_64\', \'arm64\'] else 32"',
        'groups:',
        '  webservers: "\'web\' in inventory_hostname"',
        '  public: ansible_host != inventory_hostname',
        'keyed_groups:',
        '  - key: os',
        '    prefix: os',
        '    parent_group: by_os',
        '  - key: roles',
        '    prefix: role',
        '  - key: tags',
        '    prefix: tag',
        '    trailing_separator: false',
        '  - key: missing_var',
        '    prefix: never',
      ].join('\n'),
    });
    const { inv, warnings } = await loadInventory([join(dir, 'inv')], dir);
    expect(warnings).toEqual([]);
    // Ansible's templating gives numbers back as text (`{{ 64 }}` is '64').
    expect(inv.hostVars('web1')).toMatchObject({ ansible_host: '1.2.3.4', arch_bits: '64' });
    expect(inv.hostVars('web2')).toMatchObject({ ansible_host: 'web2' });
    expect(inv.getHosts('webservers')).toEqual(['web1', 'web2']);
    expect(inv.getHosts('public')).toEqual(['web1']);
    expect(inv.getHosts('os_debian')).toEqual(['web1', 'db1']);
    expect(inv.getHosts('by_os')).toEqual(['web1', 'db1', 'web2']);
    expect(inv.getHosts('role_backup')).toEqual(['db1']);
    expect(inv.getHosts('tag_env_prod:tag_team')).toEqual(['web1']);
    expect(inv.groupNames().filter((g) => g.startsWith('never'))).toEqual([]);
  });

  test('strict: an expression error fails the source, naming the host', async () => {
    const dir = tempTree({
      'inv/01.yml': 'all:\n  hosts:\n    h1:\n',
      'inv/02.yml': 'plugin: constructed\nstrict: true\ncompose:\n  x: undefined_thing.attr\n',
    });
    const { warnings } = await loadInventory([join(dir, 'inv')], dir);
    expect(warnings.join('\n')).toContain('Could not set x for host h1');
  });
});

describe('http_json inventory plugin with a cache', () => {
  let server: Server;
  let url: string;
  let hits = 0;
  let body: unknown = [];
  beforeAll(async () => {
    server = createServer((req, res) => {
      hits++;
      if (req.url === '/broken') {
        res.writeHead(500, { 'content-type': 'text/plain' });
        res.end('database down');
        return;
      }
      if (req.headers.authorization !== 'Bearer s3cret') {
        res.writeHead(401);
        res.end('no');
        return;
      }
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  test('host records, keyed groups, jsonfile cache with timeout, refresh bypasses the cache', async () => {
    body = [
      { name: 'api1', groups: ['api'], vars: { role: 'frontend', ip: '10.0.0.1' } },
      { name: 'api2', groups: ['api', 'canary'], vars: { role: 'backend' } },
    ];
    const dir = tempTree({
      'cmdb.yml': [
        'plugin: http_json',
        `url: ${url}/hosts`,
        'headers: { Authorization: Bearer s3cret }',
        'compose: { ansible_host: ip | default(inventory_hostname) }',
        'keyed_groups: [{ key: role, prefix: role }]',
        'cache: true',
        'cache_plugin: jsonfile',
        'cache_connection: .cache',
        'cache_timeout: 300',
      ].join('\n'),
    });
    hits = 0;
    const first = await loadInventory([join(dir, 'cmdb.yml')], dir);
    expect(first.warnings).toEqual([]);
    expect(first.inv.getHosts('api')).toEqual(['api1', 'api2']);
    expect(first.inv.getHosts('role_backend:canary')).toEqual(['api2']);
    expect(first.inv.hostVars('api1')).toMatchObject({ ansible_host: '10.0.0.1', role: 'frontend' });
    expect(hits).toBe(1);
    expect(readdirSync(join(dir, '.cache')).length).toBe(1);

    body = [{ name: 'api3', groups: ['api'] }];
    const second = await loadInventory([join(dir, 'cmdb.yml')], dir);
    expect(second.inv.getHosts('api')).toEqual(['api1', 'api2']); // from the cache
    expect(hits).toBe(1);
    await second.inv.refresh();
    expect(second.inv.getHosts('api')).toEqual(['api3']);
    expect(hits).toBe(2);
  });

  test('an expired jsonfile entry is fetched again; a memory cache lives as long as its manager', async () => {
    body = { web: { hosts: ['w1'] }, _meta: { hostvars: { w1: { x: 1 } } } };
    const dir = tempTree({
      'a.yml': `plugin: http_json\nurl: ${url}/x\nheaders: { Authorization: Bearer s3cret }\ncache: true\ncache_plugin: jsonfile\ncache_connection: c\ncache_timeout: 1\n`,
      'b.yml': `plugin: http_json\nurl: ${url}/x\nheaders: { Authorization: Bearer s3cret }\ncache: true\ncache_plugin: memory\n`,
    });
    hits = 0;
    await loadInventory([join(dir, 'a.yml')], dir);
    await new Promise((r) => setTimeout(r, 1100));
    const again = await loadInventory([join(dir, 'a.yml')], dir);
    expect(again.inv.hostVars('w1')).toMatchObject({ x: 1 });
    expect(hits).toBe(2);
    hits = 0;
    const warnings: string[] = [];
    const kernel = await quietKernel(dir, warnings);
    const mem = await openInventory({ kernel, sources: [join(dir, 'b.yml')], cwd: dir });
    const mem2 = await openInventory({ kernel, sources: [join(dir, 'b.yml')], cwd: dir });
    expect(mem.getHosts('web')).toEqual(['w1']);
    expect(mem2.getHosts('web')).toEqual(['w1']);
    expect(hits).toBe(2); // two managers, two memory stores: nothing is shared through module state
    expect(existsSync(join(dir, 'c'))).toBe(true);
  });

  test('HTTP errors and refused connections are reported with the URL', async () => {
    const dir = tempTree({
      'err.yml': `plugin: http_json\nurl: ${url}/broken\n`,
      'auth.yml': `plugin: http_json\nurl: ${url}/hosts\n`,
      'down.yml': 'plugin: http_json\nurl: http://127.0.0.1:1/nothing\ntimeout: 2\n',
    });
    const { warnings } = await loadInventory([join(dir, 'err.yml'), join(dir, 'auth.yml'), join(dir, 'down.yml')], dir);
    const text = warnings.join('\n');
    expect(text).toContain(`http_json: GET ${url}/broken answered 500 Internal Server Error: database down`);
    expect(text).toContain(`http_json: GET ${url}/hosts answered 401`);
    expect(text).toContain('http_json: GET http://127.0.0.1:1/nothing failed: connect ECONNREFUSED');
  });
});
