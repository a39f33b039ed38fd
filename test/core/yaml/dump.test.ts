import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { UnsafeText, VaultValue } from 'tsible';
import { dumpYaml, loadYaml } from '../../../core/yaml/load.js';

/** dumpYaml against Ansible's to_yaml / to_nice_yaml output (test/fixtures/yaml/regenerate.py). */
const FIXTURES = join(__dirname, '..', '..', 'fixtures', 'yaml');
const inputs = JSON.parse(readFileSync(join(FIXTURES, 'dump-inputs.json'), 'utf8')) as Record<string, unknown>;
const expected = JSON.parse(readFileSync(join(FIXTURES, 'dump-expected.json'), 'utf8')) as Record<string, { to_yaml: string; to_nice_yaml: string }>;

describe('dumpYaml against Ansible to_yaml / to_nice_yaml', () => {
  it.each(Object.keys(inputs))('%s prints as to_yaml does', (name) => {
    expect(dumpYaml(inputs[name])).toBe(expected[name]!.to_yaml);
  });

  it.each(Object.keys(inputs))('%s prints as to_nice_yaml does', (name) => {
    expect(dumpYaml(inputs[name], { pretty: true })).toBe(expected[name]!.to_nice_yaml);
  });

  it('reads back what it wrote', () => {
    for (const value of Object.values(inputs)) {
      expect(loadYaml(dumpYaml(value), { file: 'roundtrip.yml' })).toEqual(value);
      expect(loadYaml(dumpYaml(value, { pretty: true }), { file: 'roundtrip.yml' })).toEqual(value);
    }
  });

  it('writes unsafe text as a plain string and vaulted values as !vault literals, never the plaintext', () => {
    const vaulted = new VaultValue('$ANSIBLE_VAULT;1.1;AES256\n6162\n', () => 'the plaintext');
    const out = dumpYaml({ raw: new UnsafeText('{{ x }}'), secret: vaulted }, { pretty: true });
    expect(out).toBe("raw: '{{ x }}'\nsecret: !vault |\n    $ANSIBLE_VAULT;1.1;AES256\n    6162\n");
    expect(out).not.toContain('the plaintext');
  });
});
