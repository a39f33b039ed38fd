import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ParseError, TsibleError, VaultSecrets, VaultValue, isTsibleError } from 'tsible';
import { formatError } from '../../../core/cli/format-error.js';
import { keyLocation, loadYaml, loadYamlAll, locationOf } from '../../../core/yaml/load.js';

const PLAYBOOK = `# a play
- name: web
  hosts: web
  vars:
    base: &base {port: 80, tls: no}
    site:
      <<: *base
      port: 8080
  tasks:
    - name: first
      debug: {msg: hi}
    -   name: second
        command: echo
`;

type Any = Record<string, any>;

describe('positions of loaded YAML', () => {
  const plays = loadYaml(PLAYBOOK, { file: 'site.yml' }) as Any[];
  const play = plays[0]!;

  it('gives every mapping and sequence its file, line and column', () => {
    expect(locationOf(plays)).toEqual({ file: 'site.yml', line: 2, column: 1 });
    expect(locationOf(play)).toEqual({ file: 'site.yml', line: 2, column: 3 });
    expect(locationOf(play.tasks)).toEqual({ file: 'site.yml', line: 10, column: 5 });
    expect(locationOf(play.tasks[1])).toEqual({ file: 'site.yml', line: 12, column: 9 });
    expect(locationOf(play.vars.base)).toEqual({ file: 'site.yml', line: 5, column: 11 });
    expect(locationOf(play.tasks[0].debug)).toEqual({ file: 'site.yml', line: 11, column: 14 });
  });

  it('gives every key its position, merged keys the position in the merged map', () => {
    expect(keyLocation(play, 'hosts')).toEqual({ file: 'site.yml', line: 3, column: 3 });
    expect(keyLocation(play.tasks[1], 'command')).toEqual({ file: 'site.yml', line: 13, column: 9 });
    expect(keyLocation(play.vars.site, 'port')).toEqual({ file: 'site.yml', line: 8, column: 7 });
    expect(keyLocation(play.vars.site, 'tls')).toEqual({ file: 'site.yml', line: 5, column: 28 });
    expect(keyLocation(play, 'nope')).toBeUndefined();
    expect(locationOf('a string')).toBeUndefined();
  });

  it('keeps positions out of JSON and key iteration', () => {
    expect(Object.keys(play)).toEqual(['name', 'hosts', 'vars', 'tasks']);
    expect(JSON.stringify(play.tasks[0])).toBe('{"name":"first","debug":{"msg":"hi"}}');
  });

  it('gives two loads of the same text independent positions', () => {
    const other = loadYaml(PLAYBOOK, { file: 'other.yml' }) as Any[];
    expect(locationOf(other[0])?.file).toBe('other.yml');
    expect(locationOf(play)?.file).toBe('site.yml');
  });

  it('counts lines the same with CRLF endings, in every document of a stream', () => {
    const docs = loadYamlAll('---\r\na: 1\r\nb:\r\n  - x\r\n---\r\n# note\r\nc: {d: 1}\r\n', { file: 's.yml' }) as Any[];
    expect(keyLocation(docs[0], 'b')).toEqual({ file: 's.yml', line: 3, column: 1 });
    expect(locationOf(docs[0].b)).toEqual({ file: 's.yml', line: 4, column: 3 });
    expect(locationOf(docs[1])).toEqual({ file: 's.yml', line: 7, column: 1 });
    expect(keyLocation(docs[1].c, 'd')).toEqual({ file: 's.yml', line: 7, column: 5 });
  });

  it('reports a duplicate key with the duplicate\'s position', () => {
    const seen: Array<[string, unknown]> = [];
    loadYaml('a: 1\nb:\n  c: 1\n  c: 2\n', { file: 'd.yml', onWarning: (m, loc) => seen.push([m, loc]) });
    expect(seen).toEqual([[
      'While constructing a mapping from d.yml, line 3, column 3, found a duplicate dict key (c). Using last defined value only.',
      { file: 'd.yml', line: 4, column: 3 },
    ]]);
  });
});

describe('syntax errors', () => {
  function parseError(text: string, file = 'bad.yml'): ParseError {
    try {
      loadYaml(text, { file });
    } catch (err) {
      if (err instanceof ParseError) return err;
      throw err;
    }
    throw new Error('no error');
  }

  it('points at an unquoted template with the missing-quotes advice', () => {
    const err = parseError('- hosts: all\n  tasks:\n    - debug:\n        msg: {{ greeting }}\n');
    expect(err.code).toBe('TSIBLE_PARSE');
    expect(err.loc).toEqual({ file: 'bad.yml', line: 4, column: 15 });
    expect(err.message).toContain('found unacceptable key');
    expect(err.hints.join('\n')).toContain('missing quotes');
  });

  it('explains tabs', () => {
    const err = parseError('a:\n\tb: 1\n');
    expect(err.loc).toEqual({ file: 'bad.yml', line: 2, column: 1 });
    expect(err.hints.join('\n')).toContain('tab character');
  });

  it('explains an extra colon', () => {
    const err = parseError('- name: run: this\n');
    expect(err.loc?.line).toBe(1);
    expect(err.hints.join('\n')).toContain('This one looks easy to fix');
  });

  it('is shown by the CLI with the offending line and a caret under the column', () => {
    const dir = mkdtempSync(join(tmpdir(), 'tsible-yaml-'));
    const file = join(dir, 'play.yml');
    writeFileSync(file, '- hosts: all\n  tasks:\n    - debug:\n        msg: {{ greeting }}\n');
    let caught: unknown;
    try {
      loadYaml('- hosts: all\n  tasks:\n    - debug:\n        msg: {{ greeting }}\n', { file });
    } catch (err) {
      caught = err;
    }
    const text = formatError(caught);
    expect(text).toContain(`The error appears to be in '${file}': line 4, column 15`);
    expect(text).toContain('        msg: {{ greeting }}\n              ^ here');
    rmSync(dir, { recursive: true, force: true });
  });
});

describe('!vault values', () => {
  const secrets = new VaultSecrets([{ label: 'default', password: 'tsible' }]);
  const doc = `secret: !vault |\n  ${secrets.encrypt('s3cr3t').trimEnd().split('\n').join('\n  ')}\nplain: x\n`;

  it('are decrypted when first used, through the loader\'s secrets', () => {
    const data = loadYaml(doc, { file: 'v.yml', vault: secrets }) as Any;
    expect(data.secret).toBeInstanceOf(VaultValue);
    expect(data.secret.reveal()).toBe('s3cr3t');
    expect(`${data.secret}`).toBe('s3cr3t');
    expect(locationOf(data.secret)).toEqual({ file: 'v.yml', line: 1, column: 9 });
  });

  it('load without secrets, and fail with the value\'s position only when used', () => {
    const data = loadYaml(doc, { file: 'v.yml' }) as Any;
    expect(data.plain).toBe('x');
    let caught: unknown;
    try {
      data.secret.reveal();
    } catch (err) {
      caught = err;
    }
    expect(isTsibleError(caught)).toBe(true);
    expect((caught as TsibleError).code).toBe('TSIBLE_VAULT');
    expect((caught as TsibleError).message).toContain('v.yml:1:9');
  });

  it('fail with a vault error, without the password, when the password is wrong', () => {
    const data = loadYaml(doc, { file: 'v.yml', vault: new VaultSecrets([{ label: 'default', password: 'wrong-pass' }]) }) as Any;
    expect(() => data.secret.reveal()).toThrow(/Decryption failed/);
    try {
      data.secret.reveal();
    } catch (err) {
      expect((err as Error).message).not.toContain('wrong-pass');
    }
  });
});
