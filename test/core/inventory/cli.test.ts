import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { VaultSecrets } from '../../../core/vault/secrets.js';
import { runInventoryCli } from './cli-io.js';
import { tempTree } from './helpers.js';

describe('tsible-inventory', () => {
  test('vault-encrypted group_vars and !vault values are decrypted with --vault-password-file', async () => {
    const vault = new VaultSecrets([{ label: 'default', password: 'letmein' }]);
    const dir = tempTree({
      'hosts': '[db]\ndb1\n',
      'pass.txt': 'letmein\n',
      'group_vars/all.yml': `db_password: !vault |\n  ${vault.encrypt('s3cret').split('\n').join('\n  ')}\n`,
    });
    writeFileSync(join(dir, 'group_vars', 'db.yml'), vault.encrypt('db_port: 5432\n'));
    const r = await runInventoryCli(['-i', 'hosts', '--host', 'db1', '--vault-password-file', 'pass.txt'], dir);
    expect(r.stderr).toBe('');
    // As ansible-inventory: an inline !vault value stays encrypted in JSON; the encrypted file is read.
    expect(JSON.parse(r.stdout)).toEqual({ db_password: { __ansible_vault: expect.stringContaining('$ANSIBLE_VAULT;1.1;AES256') }, db_port: 5432 });
    const graph = await runInventoryCli(['-i', 'hosts', '--graph', '--vars', '--vault-password-file', 'pass.txt'], dir);
    expect(graph.stdout).toContain('|--{db_password = s3cret}');
    const locked = await runInventoryCli(['-i', 'hosts', '--host', 'db1'], dir);
    expect(locked.code).not.toBe(0);
    expect(locked.stderr).toContain('vault');
  });

  test('--output writes the file; warnings go to stderr with Ansible\'s prefix', async () => {
    const dir = tempTree({ 'hosts': '[web]\nw1 x=1\n' });
    const r = await runInventoryCli(['-i', 'hosts', '-i', 'nope', '--list', '--output', 'out.json'], dir);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain(`[WARNING]: Unable to parse ${join(dir, 'nope')} as an inventory source`);
    expect(existsSync(join(dir, 'out.json'))).toBe(true);
    expect(JSON.parse(readFileSync(join(dir, 'out.json'), 'utf8'))._meta.hostvars).toEqual({ w1: { x: 1 } });
  });

  test('a broken YAML inventory names file, line and column', async () => {
    const dir = tempTree({ 'inv.yml': 'all:\n  hosts:\n    web1: {\n' });
    const r = await runInventoryCli(['-i', 'inv.yml', '--list'], dir);
    expect(r.stderr).toMatch(new RegExp(`Failed to parse ${join(dir, 'inv.yml')} with yaml plugin: .*`));
    expect(r.stderr).toContain(`The error appears to be in '${join(dir, 'inv.yml')}': line 4, column 1`);
  });
});
