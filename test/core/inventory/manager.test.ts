import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { defineInventory } from 'tsible';
import { createKernel } from '../../../core/kernel.js';
import { openInventory } from '../../../core/inventory/open.js';
import type { LogEntry } from '../../../core/events.js';
import { loadInventory, quietKernel, tempTree } from './helpers.js';
import { loadVarsDirs } from '../../../core/inventory/vars-dirs.js';
import { DataLoader } from '../../../core/yaml/data-loader.js';

describe('InventoryManager', () => {
  test('a directory of mixed sources (ignored extensions skipped) plus another -i', async () => {
    const dir = tempTree({
      'inv/01-hosts': '[web]\nweb1\n',
      'inv/02-more.yml': 'db:\n  hosts:\n    db1:\n',
      'inv/03-script.sh': { exec: '#!/bin/sh\necho \'{"cache": {"hosts": ["c1"]}, "_meta": {"hostvars": {}}}\'\n' },
      'inv/04-data.toml': '[mq.hosts]\nmq1 = {}\n',
      'inv/hosts.ini': '[ignored]\nnever\n',
      'inv/README.md': 'not an inventory',
      'inv/.hidden': '[hidden]\nnope\n',
      'extra/hosts': '[extra]\nx1\n',
    });
    const { inv, warnings } = await loadInventory([join(dir, 'inv'), join(dir, 'extra/hosts')], dir);
    expect(warnings).toEqual([]);
    expect(inv.hostNames()).toEqual(['web1', 'db1', 'c1', 'mq1', 'x1']);
    expect(inv.groupNames()).toEqual(['all', 'ungrouped', 'web', 'db', 'cache', 'mq', 'extra']);
  });

  test('group_vars and host_vars beside the inventory: files, dirs, JSON, precedence', async () => {
    const dir = tempTree({
      'hosts': '[web]\nweb1 from_inv=host\n[app:children]\nweb\n[app:vars]\nlevel=app\n[web:vars]\nlevel=web\n[all:vars]\nlevel=all\n',
      'group_vars/all.yml': 'gv_all: 1\nlevel: gv_all\n',
      'group_vars/app.json': '{"level": "gv_app", "app_only": true}',
      'group_vars/web/10-main.yml': 'level: gv_web_main\n',
      'group_vars/web/20-over.yaml': 'level: gv_web_over\nweb_dir: yes\n',
      'group_vars/web/notes.txt': 'ignored: true\n',
      'host_vars/web1': 'from_inv: host_vars\n',
    });
    const { inv, warnings } = await loadInventory([join(dir, 'hosts')], dir);
    expect(warnings).toEqual([]);
    const vars = inv.hostVars('web1');
    expect(vars).toMatchObject({ gv_all: 1, level: 'gv_web_over', app_only: true, web_dir: true, from_inv: 'host_vars' });
    expect(vars).not.toHaveProperty('ignored');
    expect(inv.groupVars('app')).toEqual({ level: 'gv_app', app_only: true });
    const dirs = await loadVarsDirs(dir, (p) => new DataLoader({ basedir: dir }).loadFile(p));
    expect(Object.keys(dirs.group).sort()).toEqual(['all', 'app', 'web']);
  });

  test('inventory vars merge by depth, then ansible_group_priority, then name', async () => {
    const dir = tempTree({
      'hosts': '[a]\nh\n[b]\nh\n[a:vars]\nv=a\n[b:vars]\nv=b\n',
      'prio': '[a]\nh\n[b]\nh\n[a:vars]\nv=a\nansible_group_priority=10\n[b:vars]\nv=b\n',
    });
    expect((await loadInventory([join(dir, 'hosts')], dir)).inv.hostVars('h').v).toBe('b');
    expect((await loadInventory([join(dir, 'prio')], dir)).inv.hostVars('h').v).toBe('a');
  });

  test('implicit localhost: usable by name, not in all, local connection', async () => {
    const dir = tempTree({ 'hosts': '[all:vars]\nx=1\n' });
    const { inv, warnings } = await loadInventory([join(dir, 'hosts')], dir);
    expect(inv.implicitLocalhost).toBe(true);
    expect(inv.getHosts('all')).toEqual([]);
    expect(inv.getHosts('localhost')).toEqual(['localhost']);
    expect(inv.hostVars('localhost')).toMatchObject({ ansible_connection: 'local', x: 1 });
    expect(inv.getHosts('all')).toEqual([]);
    expect(warnings).toEqual([]);
    expect(inv.hostVars('not.in.inventory')).toEqual({ x: 1 }); // as Ansible's vars for a delegate_to target
    const other = await loadInventory([join(dir, 'missing')], dir);
    expect(other.warnings).toContain(`Unable to parse ${join(dir, 'missing')} as an inventory source`);
  });

  test('--limit with the pattern grammar and @retry files', async () => {
    const dir = tempTree({ 'hosts': '[web]\nw[1:4]\n[db]\nd1\nw2\n', 'site.retry': 'w3\nd1\n\n' });
    const { inv } = await loadInventory([join(dir, 'hosts')], dir);
    expect(inv.getHosts('all', { limit: 'web:!w1' })).toEqual(['w2', 'w3', 'w4']);
    expect(inv.getHosts('all', { limit: '@site.retry' })).toEqual(['w3', 'd1']);
    expect(inv.getHosts('web', { limit: ['db'] })).toEqual(['w2']);
    expect(inv.getHosts('web', { order: 'reverse_inventory' })).toEqual(['w4', 'w3', 'w2', 'w1']);
    expect(inv.getHosts('db', { order: 'sorted' })).toEqual(['d1', 'w2']);
    expect(() => inv.getHosts('all', { limit: '@nope.retry' })).toThrow('Unable to find limit file');
  });

  test('tsible extension: a range pattern that names no group selects hosts by name', async () => {
    const dir = tempTree({ 'hosts': '[webservers]\nweb[01:20]\n[db]\ndb-[a:f]\n' });
    const { inv, warnings } = await loadInventory([join(dir, 'hosts')], dir);
    expect(inv.getHosts('web[01:03]')).toEqual(['web01', 'web02', 'web03']);
    expect(inv.getHosts('webservers[01:03]')).toEqual(['web02', 'web03', 'web04']); // a subscript, as Ansible
    expect(inv.getHosts('db-[b:c]')).toEqual(['db-b', 'db-c']);
    expect(inv.getHosts('web[01:20:5]')).toEqual(['web01', 'web06', 'web11', 'web16']);
    expect(warnings).toEqual([]);
  });

  test('add_host, group_by and refresh_inventory', async () => {
    const dir = tempTree({ 'hosts': '[web]\nw1\n' });
    const { inv } = await loadInventory([join(dir, 'hosts')], dir);
    expect(inv.addHost('new1', ['fresh'], { a: 1 })).toBe(true);
    expect(inv.addHost('new1', ['fresh'], { a: 1 })).toBe(false);
    expect(inv.addGroup('by_os_linux', ['by_os'], 'w1')).toBe(true);
    expect(inv.getHosts('fresh')).toEqual(['new1']);
    expect(inv.getHosts('by_os')).toEqual(['w1']);
    // Ansible's order: add_host puts the host straight into `all`, whose own hosts come first.
    expect(inv.groupsMap()).toMatchObject({ all: ['new1', 'w1'], fresh: ['new1'], by_os: ['w1'], ungrouped: [] });
    writeFileSync(join(dir, 'hosts'), '[web]\nw1\nw2\n');
    await inv.refresh();
    expect(inv.getHosts('web')).toEqual(['w1', 'w2']);
    expect(inv.getHosts('fresh:by_os_linux')).toEqual(['new1', 'w1']);
    expect(inv.hostVars('new1')).toMatchObject({ a: 1 });
  });

  test('groups that form a loop are an error', async () => {
    const dir = tempTree({ 'hosts': '[a:children]\nb\n[b:children]\na\n' });
    const { warnings } = await loadInventory([join(dir, 'hosts')], dir);
    expect(warnings.join('\n')).toContain('creates a recursive dependency loop');
  });
});

describe('a source that does not exist', () => {
  test('no built-in inventory plugin is loaded to be asked, and the warning is unchanged', async () => {
    const dir = tempTree({ '.keep': '' });
    const warnings: string[] = [];
    const kernel = await quietKernel(dir, warnings);
    const loads: string[] = [];
    const resolve = kernel.registry.resolve.bind(kernel.registry);
    kernel.registry.resolve = ((type: string, name: string) => {
      loads.push(`${type}:${name}`);
      return resolve(type as never, name);
    }) as typeof kernel.registry.resolve;
    const inv = await openInventory({ kernel, sources: [join(dir, 'missing'), '/etc/ansible/hosts-not-here'], cwd: dir });
    expect(loads.filter((l) => l.startsWith('inventory:'))).toEqual([]);
    expect(warnings).toEqual([
      `Unable to parse ${join(dir, 'missing')} as an inventory source`,
      'Unable to parse /etc/ansible/hosts-not-here as an inventory source',
      'No inventory was parsed, only implicit localhost is available',
    ]);
    expect(inv.hostNames()).toEqual([]);
  });

  test('an enabled plugin that is not a built-in is still asked about it', async () => {
    const dir = tempTree({ '.keep': '' });
    const warnings: string[] = [];
    const asked: string[] = [];
    const kernel = await createKernel({
      cwd: dir, env: {}, logSink: (e: LogEntry) => { if (e.level === 'warning') warnings.push(e.message); },
      plugins: [defineInventory({
        name: 'ini',
        verify: (source) => (asked.push(source), source.endsWith('virtual')),
        async parse(_source, builder) {
          builder.addHost('from-virtual', 'ungrouped');
        },
      })],
    });
    const inv = await openInventory({ kernel, sources: [join(dir, 'virtual')], cwd: dir });
    expect(asked).toEqual([join(dir, 'virtual')]);
    expect(inv.hostNames()).toEqual(['from-virtual']);
    expect(warnings).toEqual([]);
  });
});
