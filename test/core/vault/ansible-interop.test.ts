import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { VaultSecrets, loadYaml } from 'tsible';
import { cleanEnv, tempProject } from '../../helpers/tmp.js';

/**
 * Round trips with the real ansible-vault in both directions. Skipped where ansible-core is not
 * installed; the recorded fixtures in vault.test.ts cover the decrypt direction there.
 */
const hasAnsibleVault = spawnSync('ansible-vault', ['--version'], { stdio: 'ignore' }).status === 0;
const describeWithAnsible = hasAnsibleVault ? describe : describe.skip;

describeWithAnsible('round trips with the real ansible-vault', () => {
  const project = tempProject({ 'pass': 'interop-pass\n', 'prod': 'prod-interop\n', 'plain.yml': 'key: value ünï\nmode: 0644\n' });
  afterAll(() => project.cleanup());
  const env = cleanEnv();
  const secrets = new VaultSecrets([{ label: 'default', password: 'interop-pass' }, { label: 'prod', password: 'prod-interop' }]);
  const ansibleVault = (...args: string[]) => execFileSync('ansible-vault', args, { cwd: project.dir, env, encoding: 'utf8', stdio: ['pipe', 'pipe', 'pipe'] });
  const plain = () => readFileSync(join(project.dir, 'plain.yml'), 'utf8');

  it('decrypts files ansible-vault encrypts now (1.1 and 1.2)', () => {
    ansibleVault('encrypt', '--vault-password-file', 'pass', '--output', 'a11.yml', 'plain.yml');
    ansibleVault('encrypt', '--vault-id', 'prod@prod', '--encrypt-vault-id', 'prod', '--output', 'a12.yml', 'plain.yml');
    const a12 = readFileSync(join(project.dir, 'a12.yml'), 'utf8');
    expect(a12.startsWith('$ANSIBLE_VAULT;1.2;AES256;prod\n')).toBe(true);
    expect(secrets.decrypt(readFileSync(join(project.dir, 'a11.yml'), 'utf8'))).toBe(plain());
    expect(secrets.decrypt(a12)).toBe(plain());
  });

  it('writes files ansible-vault decrypts (1.1 and 1.2)', () => {
    writeFileSync(join(project.dir, 't11.yml'), secrets.encrypt(plain()));
    writeFileSync(join(project.dir, 't12.yml'), secrets.encrypt(plain(), 'prod'));
    expect(ansibleVault('view', '--vault-password-file', 'pass', 't11.yml')).toBe(plain());
    expect(ansibleVault('view', '--vault-id', 'prod@prod', 't12.yml')).toBe(plain());
  });

  it('decrypts encrypt_string output of ansible-vault inside YAML', () => {
    const yaml = ansibleVault('encrypt_string', '--vault-id', 'prod@prod', '--encrypt-vault-id', 'prod', '--name', 'token', 's3cr3t: with colon');
    const data = loadYaml(yaml, { file: 'vars.yml', vault: secrets }) as { token: { reveal(): string } };
    expect(data.token.reveal()).toBe('s3cr3t: with colon');
  });

  it('rejects what ansible-vault also rejects: a wrong password', () => {
    writeFileSync(join(project.dir, 'wrong'), 'not-the-password\n');
    writeFileSync(join(project.dir, 'w.yml'), secrets.encrypt(plain()));
    const ansible = spawnSync('ansible-vault', ['view', '--vault-password-file', 'wrong', 'w.yml'], { cwd: project.dir, env, encoding: 'utf8' });
    expect(ansible.status).not.toBe(0);
    expect(ansible.stderr).toContain('Decryption failed');
    const ours = new VaultSecrets([{ label: 'default', password: 'not-the-password' }]);
    expect(() => ours.decrypt(readFileSync(join(project.dir, 'w.yml'), 'utf8'))).toThrow('Decryption failed');
  });

  it('rekeys: ansible-vault rekeys our file, and we read the result', () => {
    writeFileSync(join(project.dir, 'r.yml'), secrets.encrypt(plain()));
    ansibleVault('rekey', '--vault-password-file', 'pass', '--new-vault-id', 'prod@prod', 'r.yml');
    const rekeyed = readFileSync(join(project.dir, 'r.yml'), 'utf8');
    expect(rekeyed.startsWith('$ANSIBLE_VAULT;1.2;AES256;prod\n')).toBe(true);
    expect(secrets.decrypt(rekeyed)).toBe(plain());
  });
});
