import { join } from 'node:path';
import { loadInventory, tempTree } from '../../core/inventory/helpers.js';

describe('yaml inventory plugin', () => {
  test('nested groups, host vars, ranges in keys, YAML 1.1 typing', async () => {
    const dir = tempTree({
      'inv.yml': [
        'all:',
        '  hosts:',
        '    test1:',
        '    test2: { host_var: value }',
        '  vars:',
        '    group_all_var: value',
        '    flag: yes',
        '  children:',
        '    other_group:',
        '      children:',
        '        group_x:',
        '          hosts:',
        '            test5:',
        '      vars: { g2_var2: value3 }',
        '      hosts:',
        '        test4: { ansible_host: 127.0.0.1 }',
        '    web:',
        '      hosts:',
        '        web[1:2]:2200:',
      ].join('\n'),
    });
    const { inv, warnings } = await loadInventory([join(dir, 'inv.yml')], dir);
    expect(warnings).toEqual([]);
    expect(inv.hostNames()).toEqual(['test1', 'test2', 'test5', 'test4', 'web1', 'web2']);
    expect(inv.getHosts('other_group')).toEqual(['test4', 'test5']);
    expect(inv.hostVars('test5')).toMatchObject({ group_all_var: 'value', flag: true, g2_var2: 'value3' });
    expect(inv.hostVars('web2')).toMatchObject({ ansible_port: 2200 });
    expect(inv.groupNamesOf('test1')).toEqual(['ungrouped']);
  });

  test('structure errors name file and line; plugin configs are not inventories', async () => {
    const dir = tempTree({
      'bad.yml': 'web:\n  hosts:\n    - web1\n',
      'plugin.yml': 'plugin: nonexistent_plugin_x\n',
    });
    const { warnings } = await loadInventory([join(dir, 'bad.yml'), join(dir, 'plugin.yml')], dir);
    expect(warnings.join('\n')).toContain(`${join(dir, 'bad.yml')}:2:3: Invalid "hosts" entry for "web" group, requires a dictionary, found "list" instead.`);
    expect(warnings.join('\n')).toContain(`inventory config '${join(dir, 'plugin.yml')}' specifies unknown plugin 'nonexistent_plugin_x'`);
  });
});

describe('toml inventory plugin', () => {
  test('the documented example', async () => {
    const dir = tempTree({
      'hosts.toml': [
        '# fmt: toml',
        '[all.vars]',
        'has_java = false',
        '',
        '[web]',
        'children = [',
        '    "apache",',
        '    "nginx"',
        ']',
        'vars = { http_port = 8080, myvar = 23 }',
        '',
        '[web.hosts]',
        'host1 = {}',
        'host2 = { ansible_port = 222 }',
        '',
        '[apache.hosts]',
        'tomcat1 = {}',
        "'tomcat[2:3]' = { dotted.key = 'literal \\n' }",
        '',
        '[nginx.hosts]',
        'jenkins1 = {}',
        '',
        '[nginx.vars]',
        'has_java = true',
        'list = [1, 2.5, "x", [true]]',
        'multi = """',
        'line one',
        'line two"""',
      ].join('\n'),
    });
    const { inv, warnings } = await loadInventory([join(dir, 'hosts.toml')], dir);
    expect(warnings).toEqual([]);
    expect(inv.getHosts('web')).toEqual(['host1', 'host2', 'tomcat1', 'tomcat2', 'tomcat3', 'jenkins1']);
    expect(inv.hostVars('tomcat3')).toMatchObject({ has_java: false, http_port: 8080, dotted: { key: 'literal \\n' } });
    expect(inv.hostVars('jenkins1')).toMatchObject({ has_java: true, list: [1, 2.5, 'x', [true]], multi: 'line one\nline two' });
    expect(inv.hostVars('host2')).toMatchObject({ ansible_port: 222 });
  });

  test('syntax errors give line and column', async () => {
    const dir = tempTree({ 'bad.toml': '[web.hosts]\nhost1 = {\n' });
    const { warnings } = await loadInventory([join(dir, 'bad.toml')], dir);
    expect(warnings.join('\n')).toMatch(/TOML file \(.*bad\.toml\) is invalid: .*\(line 2, column \d+\)/);
  });
});

describe('script inventory plugin', () => {
  const listing = JSON.stringify({
    web: { hosts: ['w1', 'w2'], vars: { port: 80 }, children: ['edge'] },
    edge: ['e1'],
    legacy: { some_var: 1 },
    _meta: { hostvars: { w1: { role: 'a' } } },
  });

  test('--list with _meta.hostvars', async () => {
    const dir = tempTree({ 'inv.sh': { exec: `#!/bin/sh\n[ "$1" = --list ] && cat <<'EOF'\n${listing}\nEOF\n` } });
    const { inv, warnings } = await loadInventory([join(dir, 'inv.sh')], dir);
    expect(warnings).toEqual([]);
    expect(inv.getHosts('web')).toEqual(['w1', 'w2', 'e1']);
    expect(inv.hostVars('w1')).toMatchObject({ role: 'a', port: 80 });
    expect(inv.getHosts('legacy')).toEqual(['legacy']);
    expect(inv.hostVars('legacy')).toMatchObject({ some_var: 1 });
  });

  test('without _meta it asks --host for each host', async () => {
    const script = '#!/bin/sh\ncase "$1" in\n--list) echo \'{"g": {"hosts": ["a", "b"]}}\';;\n--host) echo "{\\"me\\": \\"$2\\"}";;\nesac\n';
    const dir = tempTree({ 'inv.sh': { exec: script } });
    const { inv } = await loadInventory([join(dir, 'inv.sh')], dir);
    expect(inv.hostVars('b')).toMatchObject({ me: 'b' });
  });

  test('failures, bad JSON and timeouts are reported clearly', async () => {
    const dir = tempTree({
      'fail.sh': { exec: '#!/bin/sh\necho "cannot reach the CMDB" >&2\nexit 3\n' },
      'junk.sh': { exec: '#!/bin/sh\necho "{not json"\n' },
      'slow.sh': { exec: '#!/bin/sh\nsleep 5\n' },
    });
    const { warnings } = await loadInventory([join(dir, 'fail.sh'), join(dir, 'junk.sh')], dir);
    const text = warnings.join('\n');
    expect(text).toContain(`Inventory script (${join(dir, 'fail.sh')}) had an execution error: cannot reach the CMDB`);
    expect(text).toContain(`failed to parse executable inventory script results from ${join(dir, 'junk.sh')} --list`);
    const started = Date.now();
    const slow = await loadInventory([join(dir, 'slow.sh')], dir, { inventory_script_timeout: 1 });
    expect(slow.warnings.join('\n')).toContain(`Inventory script (${join(dir, 'slow.sh')} --list) timed out after 1s`);
    expect(Date.now() - started).toBeLessThan(4000);
  });
});
