import { chmodSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { inspect } from 'node:util';
import { TsibleError, VaultSecrets, isVaultText, loadVaultSecrets, loadYaml, parseVaultEnvelope } from 'tsible';
import { sealVault } from '../../../core/vault/cipher.js';
import { tempProject } from '../../helpers/tmp.js';

/** Fixtures written by the real ansible-vault (test/fixtures/vault/regenerate.sh). */
const FIXTURES = join(__dirname, '..', '..', 'fixtures', 'vault');
const fixture = (name: string) => readFileSync(join(FIXTURES, name), 'utf8');
const DEFAULT = { label: 'default', password: 'tsible-vault-pass' };
const PROD = { label: 'prod', password: 'prod-pass' };

/** The test vector of the format notes, produced with ansible-core 2.14 (password 'tsible'). */
const VECTOR = `$ANSIBLE_VAULT;1.1;AES256
33303331333233333334333533363337333833393631363236333634363536363330333133323333
3334333533363337333833393631363236333634363536360a373033383665336663366563323939
32316338313237353336363165383164653935343133663461663961643933613137663732646464
3063653937306133360a636264303762643466613161656332613961633762303634323336663465
3238
`;

function vaultError(fn: () => unknown): TsibleError {
  try {
    fn();
  } catch (err) {
    if (err instanceof TsibleError) return err;
    throw err;
  }
  throw new Error('expected a vault error');
}

describe('vault format', () => {
  it('encrypts byte for byte as ansible-vault does for a given salt, and decrypts its output', () => {
    const salt = Buffer.from('0123456789abcdef0123456789abcdef');
    expect(sealVault('hello world\n', Buffer.from('tsible'), { salt })).toBe(VECTOR);
    expect(new VaultSecrets([{ label: 'default', password: 'tsible' }]).decrypt(VECTOR)).toBe('hello world\n');
    const labelled = VECTOR.replace('1.1;AES256', '1.2;AES256;prod');
    expect(sealVault('hello world\n', Buffer.from('tsible'), { salt, label: 'prod' })).toBe(labelled);
  });

  it('decrypts files and strings ansible-vault wrote, in formats 1.1 and 1.2', () => {
    const secrets = new VaultSecrets([DEFAULT, PROD]);
    expect(secrets.decrypt(fixture('file-1.1.yml'))).toBe(fixture('plaintext.yml'));
    expect(secrets.decrypt(fixture('file-1.2-prod.yml'))).toBe(fixture('plaintext.yml'));
    expect(secrets.decryptBytes(fixture('binary.vault'))).toEqual(readFileSync(join(FIXTURES, 'binary.plain')));
    const one = loadYaml(fixture('string-1.1.yml'), { file: 'string-1.1.yml', vault: secrets }) as { secret: { reveal(): string } };
    expect(one.secret.reveal()).toBe('superSecret123 ünïcødé');
    const two = loadYaml(fixture('string-1.2-prod.yml'), { file: 'string-1.2-prod.yml', vault: secrets }) as { secret: { reveal(): string } };
    expect(two.secret.reveal()).toBe('labelled secret');
  });

  it('decrypts asynchronously off the event loop, with the same results', async () => {
    const secrets = new VaultSecrets([DEFAULT]);
    const texts = Array.from({ length: 8 }, (_, i) => secrets.encrypt(`value ${i}`));
    const fresh = new VaultSecrets([DEFAULT]);
    expect(await Promise.all(texts.map((t) => fresh.decryptAsync(t)))).toEqual(texts.map((_, i) => `value ${i}`));
  });

  it('writes 1.1 for the default id and 1.2 with the label otherwise', () => {
    const secrets = new VaultSecrets([DEFAULT, PROD]);
    expect(secrets.encrypt('x').split('\n')[0]).toBe('$ANSIBLE_VAULT;1.1;AES256');
    expect(secrets.encrypt('x', 'prod').split('\n')[0]).toBe('$ANSIBLE_VAULT;1.2;AES256;prod');
    expect(parseVaultEnvelope(secrets.encrypt('x', 'prod')).label).toBe('prod');
    expect(() => secrets.encrypt('x', 'nope')).toThrow("Did not find a match for --encrypt-vault-id=nope in the known vault-ids ['default', 'prod']");
  });

  it('tries the id named in the data first, then every other id in order', () => {
    const secrets = new VaultSecrets([{ label: 'dev', password: 'not-it' }, { label: 'other', password: 'prod-pass' }, PROD]);
    expect(secrets.decryptWithId(fixture('file-1.2-prod.yml')).label).toBe('prod');
    const unlabelled = new VaultSecrets([{ label: 'dev', password: 'not-it' }, { label: 'other', password: 'tsible-vault-pass' }]);
    expect(unlabelled.decryptWithId(fixture('file-1.1.yml')).label).toBe('other');
  });
});

describe('vault failures', () => {
  it('a wrong password: a vault error that names the file and not the password', () => {
    const err = vaultError(() => new VaultSecrets([{ label: 'default', password: 'WrongPassword1' }]).decrypt(fixture('file-1.1.yml'), 'file-1.1.yml'));
    expect(err.code).toBe('TSIBLE_VAULT');
    expect(err.message).toContain('Decryption failed (no vault secrets were found that could decrypt) on file-1.1.yml');
    expect(err.message).toContain('HMAC verification failed');
    expect(`${err.message} ${err.hints.join(' ')} ${err.stack}`).not.toContain('WrongPassword1');
  });

  it('a tampered ciphertext is caught by the HMAC, even with the right password', () => {
    const err = vaultError(() => new VaultSecrets([DEFAULT]).decrypt(fixture('file-1.1-tampered.yml'), 'tampered.yml'));
    expect(err.message).toMatch(/on tampered\.yml: .*HMAC verification failed/);
  });

  it('a wrong vault id says which id the data needs', () => {
    const err = vaultError(() => new VaultSecrets([DEFAULT]).decrypt(fixture('file-1.2-prod.yml'), 'prod.yml'));
    expect(err.message).toContain("the data was encrypted for vault id 'prod', which is not among the given vault ids");
    expect(err.hints[0]).toContain('--vault-id prod@');
  });

  it('no secrets, empty passwords and malformed data are clear errors', () => {
    expect(vaultError(() => new VaultSecrets([]).decrypt(VECTOR)).message).toContain('Attempting to decrypt but no vault secrets found');
    expect(vaultError(() => new VaultSecrets([{ label: 'x', password: '' }])).message).toContain('the password is empty');
    expect(vaultError(() => new VaultSecrets([DEFAULT]).decrypt('$ANSIBLE_VAULT;1.1;AES256\nzz\n')).message).toContain('not valid hexadecimal');
    expect(vaultError(() => new VaultSecrets([DEFAULT]).decrypt('$ANSIBLE_VAULT;9.9;AES256\n00\n')).message).toContain("unsupported vault format version '9.9'");
  });

  it('never shows a password when inspected, printed or serialised', () => {
    const secrets = new VaultSecrets([{ label: 'default', password: 'Hidden-Pass-42' }]);
    secrets.decrypt(secrets.encrypt('x'));
    const shown = [inspect(secrets, { depth: 10, showHidden: true }), JSON.stringify(secrets), String(secrets), JSON.stringify(Object.entries(secrets))];
    for (const text of shown) expect(text).not.toContain('Hidden-Pass-42');
  });

  it('recognises vault data only when it starts with the header', () => {
    expect(isVaultText(VECTOR)).toBe(true);
    expect(isVaultText(Buffer.from(VECTOR))).toBe(true);
    expect(isVaultText(` ${VECTOR}`)).toBe(false);
    expect(isVaultText('$ANSIBLE_VAULT ünïcødé')).toBe(false);
  });
});

describe('loadVaultSecrets', () => {
  const project = tempProject({ 'pass.txt': '  tsible-vault-pass \n', 'prod.txt': 'prod-pass\r\n', 'empty.txt': '\n' });
  afterAll(() => project.cleanup());
  const base = { cwd: project.dir, env: {} };

  it('reads label@file and password files, stripped, in order', async () => {
    const secrets = await loadVaultSecrets({ ...base, vaultIds: ['prod@prod.txt'], passwordFiles: ['pass.txt'] });
    expect(secrets.labels).toEqual(['prod', 'default']);
    expect(secrets.decrypt(fixture('file-1.2-prod.yml'))).toBe(fixture('plaintext.yml'));
    expect(secrets.decrypt(fixture('file-1.1.yml'))).toBe(fixture('plaintext.yml'));
  });

  it('runs executable sources, passing --vault-id to *-client scripts', async () => {
    const script = project.write('pass.sh', '#!/bin/sh\necho tsible-vault-pass\n');
    const client = project.write('keyring-client.sh', '#!/bin/sh\n[ "$1 $2" = "--vault-id prod" ] && echo prod-pass && exit 0\necho "no such id" >&2\nexit 2\n');
    chmodSync(script, 0o755);
    chmodSync(client, 0o755);
    const secrets = await loadVaultSecrets({ ...base, vaultIds: [`default@${script}`, `prod@${client}`] });
    expect(secrets.decrypt(fixture('file-1.2-prod.yml'))).toBe(fixture('plaintext.yml'));
    expect(secrets.decrypt(fixture('file-1.1.yml'))).toBe(fixture('plaintext.yml'));
    await expect(loadVaultSecrets({ ...base, vaultIds: [`dev@${client}`] })).rejects.toThrow('did not find a secret for vault-id=dev: no such id');
  });

  it('prompts through askPass, with Ansible\'s prompts', async () => {
    const prompts: string[] = [];
    const askPass = async (p: string) => (prompts.push(p), 'tsible-vault-pass');
    await loadVaultSecrets({ ...base, vaultIds: ['dev@prompt'], askVaultPass: true, askPass });
    expect(prompts).toEqual(['Vault password (dev): ', 'Vault password: ']);
    prompts.length = 0;
    await loadVaultSecrets({ ...base, autoPrompt: true, newPassword: true, askPass });
    expect(prompts).toEqual(['New Vault password: ', 'Confirm New Vault password: ']);
    let n = 0;
    await expect(loadVaultSecrets({ ...base, askVaultPass: true, newPassword: true, askPass: async () => `p${n++}` })).rejects.toThrow('Passwords do not match');
  });

  it('takes ANSIBLE_VAULT_PASSWORD_FILE and ANSIBLE_VAULT_IDENTITY_LIST from the environment', async () => {
    const secrets = await loadVaultSecrets({ cwd: project.dir, env: { ANSIBLE_VAULT_IDENTITY_LIST: 'prod@prod.txt', ANSIBLE_VAULT_PASSWORD_FILE: 'pass.txt' } });
    expect(secrets.labels).toEqual(['prod', 'default']);
  });

  it('fails on a missing or empty password file unless another source works (then warns)', async () => {
    await expect(loadVaultSecrets({ ...base, passwordFiles: ['missing.txt'] })).rejects.toThrow(/The vault password file .*missing\.txt was not found/);
    await expect(loadVaultSecrets({ ...base, passwordFiles: ['empty.txt'] })).rejects.toThrow(/Invalid vault password was provided from file/);
    const warnings: string[] = [];
    const secrets = await loadVaultSecrets({ ...base, passwordFiles: ['missing.txt', 'pass.txt'], onWarning: (m) => warnings.push(m) });
    expect(secrets.labels).toEqual(['default']);
    expect(warnings[0]).toMatch(/^Error getting vault password file \(default\): The vault password file .*missing\.txt was not found/);
  });

  it('reads a vaulted password file with an earlier secret', async () => {
    writeFileSync(join(project.dir, 'prod.vault'), new VaultSecrets([DEFAULT]).encrypt('prod-pass\n'));
    const secrets = await loadVaultSecrets({ ...base, vaultIds: ['default@pass.txt', 'prod@prod.vault'] });
    expect(secrets.decrypt(fixture('file-1.2-prod.yml'))).toBe(fixture('plaintext.yml'));
  });
});

describe('warmVaultValues', () => {
  it('decrypts all !vault values in the background so their first use is a cache hit', async () => {
    const { warmVaultValues } = await import('../../../core/vault/warm.js');
    const writer = new VaultSecrets([DEFAULT]);
    const doc = ['a', 'b', 'c'].map((k) => `${k}: !vault |\n  ${writer.encrypt(`value ${k}`).trimEnd().split('\n').join('\n  ')}`).join('\n');
    const reader = new VaultSecrets([DEFAULT]);
    const data = loadYaml(`${doc}\nnested: [{d: 1}]\n`, { file: 'w.yml', vault: reader }) as Record<string, { reveal(): string }>;
    expect(await warmVaultValues(data, reader)).toBe(3);
    const started = process.hrtime.bigint();
    expect([data.a!.reveal(), data.b!.reveal(), data.c!.reveal()]).toEqual(['value a', 'value b', 'value c']);
    // Three PBKDF2 runs would take ~30 ms; cache hits take well under one.
    expect(Number(process.hrtime.bigint() - started) / 1e6).toBeLessThan(5);
  });
});

describe('vault / unvault filter helpers', () => {
  it('match Ansible\'s do_vault output for a fixed salt (vault id filter_default), and reverse it', async () => {
    const { vaultFilterEncrypt, vaultFilterDecrypt } = await import('../../../core/vault/filter-helpers.js');
    // /usr/bin/python3 -c "from ansible.plugins.filter.encryption import do_vault;
    //   print(do_vault('hello filter', 'filter-pass', salt='0123456789abcdef0123456789abcdef'))"
    const ansible = '$ANSIBLE_VAULT;1.2;AES256;filter_default\n'
      + '33303331333233333334333533363337333833393631363236333634363536363330333133323333\n'
      + '3334333533363337333833393631363236333634363536360a646539353166663234313032643337\n'
      + '33633161383831393863376430316535306661343132663938343466343130396532313330666230\n'
      + '6135656363373139330a333238376530613432343038323239306562383965656137323733343262\n'
      + '6530\n';
    expect(vaultFilterEncrypt('hello filter', 'filter-pass', { salt: '0123456789abcdef0123456789abcdef' })).toBe(ansible);
    expect(vaultFilterDecrypt(ansible, 'filter-pass')).toBe('hello filter');
    expect(() => vaultFilterDecrypt(ansible, 'other-pass')).toThrow('Decryption failed');
  });
});
