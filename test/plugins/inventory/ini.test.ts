import { join } from 'node:path';
import { loadInventory, tempTree } from '../../core/inventory/helpers.js';
import { iniValue } from '../../../plugins/inventory/_python-literal.js';
import { shlexSplit } from '../../../plugins/inventory/_shlex.js';

describe('INI values are typed as Python literals (ast.literal_eval), as Ansible 2.14 does', () => {
  test.each([
    ['42', 42], ['-7', -7], ['1.5', 1.5], ['True', true], ['False', false], ['None', null],
    ['FALSE', 'FALSE'], ['yes', 'yes'], ['023', '023'], ['0x1F', 31], ['1_000', 1000],
    ['"quoted"', 'quoted'], ["'single'", 'single'], ['[1, 2]', [1, 2]], ["{'k': 1}", { k: 1 }],
    ['(1, 2)', [1, 2]], ['(5)', 5], ['web1', 'web1'], ['a b', 'a b'], ['1.2.3.4', '1.2.3.4'],
    ['"a\\tb"', 'a\tb'], ["'a' 'b'", 'ab'], ['[1, [2, {"x": None}]]', [1, [2, { x: null }]]],
  ])('%s', (text, value) => {
    expect(iniValue(text)).toEqual(value);
  });

  test('host lines are split as shlex with comments', () => {
    expect(shlexSplit('h a="x y" b=\'z\'#q')).toEqual(['h', 'a=x y', 'b=z']);
    expect(shlexSplit('h a=b\\ c x=1 # comment')).toEqual(['h', 'a=b c', 'x=1']);
    expect(() => shlexSplit('h a="open')).toThrow('No closing quotation');
  });
});

describe('ini inventory plugin', () => {
  test('groups, children declared later, vars, ranges, ports, ungrouped', async () => {
    const dir = tempTree({
      hosts: [
        'solo ansible_host=10.0.0.5 # comment',
        '[web]',
        'web[01:03].lan:2222 role=web',
        '[web:vars]',
        'http_port=8080',
        'name = some text',
        '[prod:children]',
        'web',
        'db',
        '[db]',
        'db-[a:b]',
        '; a comment',
      ].join('\n'),
    });
    const { inv, warnings } = await loadInventory([join(dir, 'hosts')], dir);
    expect(warnings).toEqual([]);
    expect(inv.hostNames()).toEqual(['solo', 'web01.lan', 'web02.lan', 'web03.lan', 'db-a', 'db-b']);
    expect(inv.getHosts('prod')).toEqual(['web01.lan', 'web02.lan', 'web03.lan', 'db-a', 'db-b']);
    expect(inv.getHosts('ungrouped')).toEqual(['solo']);
    expect(inv.hostVars('web02.lan')).toMatchObject({ ansible_port: 2222, role: 'web', http_port: 8080, name: 'some text' });
    expect(inv.groupNamesOf('db-a')).toEqual(['db', 'prod']);
    expect(inv.groupNamesOf('solo')).toEqual(['ungrouped']);
  });

  test.each([
    ['[web]\nweb1 port', 2, 'Expected key=value host variable assignment, got: port'],
    ['[web:nope]\nweb1', 1, 'Section [web:nope] has unknown type: nope'],
    ['[web]\nweb1\n[web:vars]\nnovalue', 4, 'Expected key=value, got: novalue'],
    ['[g:children]\nmissing\n', 2, 'Section [g:children] includes undefined group: missing'],
    ['[g:vars]\nx=1\n', 1, 'Section [g:vars] not valid for undefined group: g'],
    ['[web group]\n', 1, "Invalid section entry: '[web group]'"],
  ])('error names file and line: %j', async (text, line, message) => {
    const dir = tempTree({ 'hosts.cfg': text });
    const { inv, warnings } = await loadInventory([join(dir, 'hosts.cfg')], dir);
    expect(inv.hostNames()).toEqual([]);
    const failure = warnings.find((w) => w.includes('with ini plugin'));
    expect(failure).toContain(`${join(dir, 'hosts.cfg')}:${line}: ${message}`);
    expect(warnings).toContain(`Unable to parse ${join(dir, 'hosts.cfg')} as an inventory source`);
  });
});
