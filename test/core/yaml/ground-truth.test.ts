import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { ParseError, UnsafeText, VaultValue } from 'tsible';
import { loadYaml, loadYamlAll } from '../../../core/yaml/load.js';

/**
 * Every file in test/fixtures/yaml/cases is loaded by tsible and compared with what Ansible's own
 * loader (AnsibleLoader on PyYAML) made of it: test/fixtures/yaml/expected.json, written by
 * test/fixtures/yaml/regenerate.py.
 */
const FIXTURES = join(__dirname, '..', '..', 'fixtures', 'yaml');

interface Expected {
  value?: unknown;
  error?: { problem: string; line: number | null; column: number | null };
  warnings: string[];
}

/** Where js-yaml stops one character off PyYAML; the line still matches. */
const COLUMN_DIFFERS: Record<string, string> = {
  'broken-unclosed-flow.yml': 'js-yaml points at the start of the line after the unclosed flow sequence',
};

const expected = JSON.parse(readFileSync(join(FIXTURES, 'expected.json'), 'utf8')) as Record<string, Expected>;
const caseFiles = readdirSync(join(FIXTURES, 'cases')).filter((f) => f.endsWith('.yml')).sort();

/** The encoding regenerate.py applies to Ansible's values, applied to ours. */
function encode(value: unknown): unknown {
  if (value instanceof VaultValue) return { __vault__: value.ciphertext };
  if (value instanceof UnsafeText) return { __unsafe__: value.text };
  if (typeof value === 'number' && !Number.isFinite(value)) return { __float__: Number.isNaN(value) ? 'nan' : value > 0 ? 'inf' : '-inf' };
  if (Array.isArray(value)) return value.map(encode);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, encode(v)]));
  }
  return value;
}

/** Key order matters too (merged keys come first in PyYAML); JSON keeps it, except integer keys. */
function keyOrder(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(keyOrder);
  if (value !== null && typeof value === 'object') return Object.entries(value).map(([k, v]) => [k, keyOrder(v)]);
  return value;
}

function load(name: string, onWarning: (m: string) => void): unknown {
  const text = readFileSync(join(FIXTURES, 'cases', name), 'utf8');
  const options = { file: `cases/${name}`, onWarning };
  return name.startsWith('multi-') ? loadYamlAll(text, options) : loadYaml(text, options);
}

describe('YAML loader against Ansible (PyYAML) ground truth', () => {
  it('has a recorded expectation for every case, and enough cases', () => {
    expect(caseFiles.length).toBeGreaterThanOrEqual(60);
    expect(Object.keys(expected).sort()).toEqual(caseFiles);
  });

  const valueCases = caseFiles.filter((f) => expected[f]?.value !== undefined || !expected[f]?.error);
  it.each(valueCases)('%s loads as Ansible loads it', (name) => {
    const warnings: string[] = [];
    const got = encode(load(name, (m) => warnings.push(m)));
    const want = expected[name]!;
    expect(got).toEqual(want.value);
    expect(keyOrder(got)).toEqual(keyOrder(want.value));
    expect(warnings).toEqual(want.warnings);
  });

  const errorCases = caseFiles.filter((f) => expected[f]?.error);
  it.each(errorCases)('%s is rejected where Ansible rejects it', (name) => {
    const want = expected[name]!.error!;
    let caught: unknown;
    try {
      load(name, () => undefined);
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(ParseError);
    const err = caught as ParseError;
    expect(err.loc?.file).toBe(`cases/${name}`);
    expect(err.message).toMatch(/\S/);
    // Ansible gives no position for errors Python raises while converting (`!!int abc`).
    if (want.line === null) return;
    expect(err.loc?.line).toBe(want.line);
    if (!COLUMN_DIFFERS[name]) expect(err.loc?.column).toBe(want.column);
  });
});
