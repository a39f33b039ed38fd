import { mkdtempSync, mkdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataLoader, TsibleError, UnsafeText, VaultSecrets, VaultValue, keyLocation, locationOf } from 'tsible';

type Any = Record<string, any>;

const workdirs: string[] = [];
afterAll(() => {
  for (const dir of workdirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function workdir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'tsible-loader-'));
  workdirs.push(dir);
  mkdirSync(join(dir, 'vars'));
  return dir;
}

const secrets = new VaultSecrets([{ label: 'default', password: 'loader-pass' }]);

describe('DataLoader', () => {
  it('resolves relative paths from basedir and loads YAML with positions', async () => {
    const dir = workdir();
    writeFileSync(join(dir, 'vars', 'main.yml'), 'mode: 0644\nenabled: yes\n');
    const loader = new DataLoader({ basedir: dir });
    expect(loader.basedir).toBe(dir);
    expect(loader.pathExists('vars/main.yml')).toBe(true);
    expect(loader.pathExists('vars/none.yml')).toBe(false);
    const data = (await loader.loadFile('vars/main.yml')) as Any;
    expect(data).toEqual({ mode: 420, enabled: true });
    expect(locationOf(data)).toEqual({ file: join(dir, 'vars', 'main.yml'), line: 1, column: 1 });
  });

  it('reads JSON as JSON first, as Ansible does (1e3 is a number there)', () => {
    const loader = new DataLoader({ basedir: '.' });
    expect(loader.loadText('{"n": 1e3, "s": "yes"}', 'x.json')).toEqual({ n: 1000, s: 'yes' });
    expect(loader.loadText('n: 1e3\n', 'x.yml')).toEqual({ n: '1e3' });
  });

  it('turns Ansible\'s JSON forms of vaulted and unsafe values into VaultValue and UnsafeText', () => {
    const loader = new DataLoader({ basedir: '.', vault: secrets });
    const text = JSON.stringify({ v: { __ansible_vault: secrets.encrypt('json secret') }, u: { __ansible_unsafe: '{{ x }}' } });
    const data = loader.loadText(text, 'x.json') as Any;
    expect(data.v).toBeInstanceOf(VaultValue);
    expect(data.v.reveal()).toBe('json secret');
    expect(data.u).toEqual(new UnsafeText('{{ x }}'));
  });

  it('decrypts whole vaulted files, and says which file needs a password', async () => {
    const dir = workdir();
    writeFileSync(join(dir, 'vars', 'secret.yml'), secrets.encrypt('db_password: hunter2\nport: 0644\n'));
    const withVault = new DataLoader({ basedir: dir, vault: secrets });
    expect(await withVault.loadFile('vars/secret.yml')).toEqual({ db_password: 'hunter2', port: 420 });
    const without = new DataLoader({ basedir: dir });
    await expect(without.loadFile('vars/secret.yml')).rejects.toThrow(/vault password.*secret\.yml/);
  });

  it('reads raw bytes, decrypting vaulted binary files', async () => {
    const dir = workdir();
    const bytes = Buffer.from([0, 1, 2, 250, 255, 10]);
    writeFileSync(join(dir, 'blob.bin'), secrets.encrypt(bytes));
    writeFileSync(join(dir, 'plain.bin'), bytes);
    const loader = new DataLoader({ basedir: dir, vault: secrets });
    expect(await loader.readFile('blob.bin')).toEqual(bytes);
    expect(await loader.readFile('plain.bin')).toEqual(bytes);
  });

  it('caches by path and mtime, handing out copies that keep positions', async () => {
    const dir = workdir();
    const file = join(dir, 'vars', 'c.yml');
    writeFileSync(file, 'list: [1, 2]\n');
    const loader = new DataLoader({ basedir: dir });
    const first = (await loader.loadFile(file)) as Any;
    first.list.push(3);
    const second = (await loader.loadFile(file)) as Any;
    expect(second).toEqual({ list: [1, 2] });
    expect(locationOf(second.list)).toEqual({ file, line: 1, column: 7 });
    expect(keyLocation(second, 'list')).toEqual({ file, line: 1, column: 1 });
    writeFileSync(file, 'list: [9]\n');
    utimesSync(file, new Date(), new Date(Date.now() + 5000));
    expect(await loader.loadFile(file)).toEqual({ list: [9] });
  });

  it('names a missing file', async () => {
    const loader = new DataLoader({ basedir: workdir() });
    const err = await loader.loadFile('vars/missing.yml').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TsibleError);
    expect((err as Error).message).toContain("Could not find or access 'vars/missing.yml'");
  });

  it('passes duplicate-key warnings to its onWarning', () => {
    const warnings: string[] = [];
    new DataLoader({ basedir: '.', onWarning: (m) => warnings.push(m) }).loadText('a: 1\na: 2\n', 'w.yml');
    expect(warnings).toEqual(['While constructing a mapping from w.yml, line 1, column 1, found a duplicate dict key (a). Using last defined value only.']);
  });
});
