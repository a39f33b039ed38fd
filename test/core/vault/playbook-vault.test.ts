import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { PassThrough } from 'node:stream';
import { VaultSecrets } from 'tsible';
import { playbookMain } from '../../../core/cli/commands/playbook';
import { cleanEnv, tempProject } from '../../helpers/tmp';

/**
 * Vault in playbooks: vaulted vars_files, group_vars, inline !vault values, vaulted copy and
 * template sources, the unvault lookup and the vault/unvault filters, with --vault-password-file.
 */
describe('vault in playbooks', () => {
  const secrets = new VaultSecrets([{ label: 'default', password: 'pw-123' }]);
  const inline = secrets.encrypt('inline-secret').split('\n').map((l) => `      ${l}`).join('\n');
  const p = tempProject({
    'pass.txt': 'pw-123\n',
    'secret-vars.yml': secrets.encrypt('file_secret: from-vars-file\n'),
    'group_vars/all.yml': secrets.encrypt('group_secret: from-group-vars\n'),
    'files/blob.txt': secrets.encrypt('copied plaintext\n'),
    'templates/t.j2': secrets.encrypt('rendered {{ file_secret }}\n'),
    'inventory.ini': 'localhost ansible_connection=local ansible_python_interpreter=/usr/bin/python3\n',
    'play.yml': `- hosts: localhost
  gather_facts: false
  vars_files: [secret-vars.yml]
  vars:
    inline_secret: !vault |
${inline}
  tasks:
    - copy: { src: blob.txt, dest: "{{ out }}/blob.txt", mode: "0600" }
    - template: { src: t.j2, dest: "{{ out }}/t.txt", mode: "0600" }
    - copy:
        dest: "{{ out }}/values.txt"
        mode: "0600"
        content: |
          {{ file_secret }} {{ group_secret }} {{ inline_secret }}
          {{ lookup('unvault', 'files/blob.txt') | trim }}
          {{ 'round trip' | vault('filterpw') | unvault('filterpw') }}
`,
  });
  afterAll(() => p.cleanup());

  async function runTsible(out: string): Promise<{ code: number; stdout: string }> {
    const stdout = new PassThrough();
    let text = '';
    stdout.on('data', (c) => { text += String(c); });
    const io = { stdout, stderr: new PassThrough(), stdin: new PassThrough(), env: cleanEnv({ NO_COLOR: '1' }), cwd: p.dir };
    const code = await playbookMain(['-i', 'inventory.ini', '--vault-password-file', 'pass.txt', '-e', `out=${out}`, 'play.yml'], io as never);
    return { code, stdout: text };
  }

  test('decrypts what it needs and writes what ansible-playbook writes', async () => {
    const ours = p.write('out-tsible/.keep', '').replace(/\/\.keep$/, '');
    const r = await runTsible(ours);
    expect(r.stdout).toContain('ok=3');
    expect(r.code).toBe(0);
    expect(readFileSync(`${ours}/blob.txt`, 'utf8')).toBe('copied plaintext\n');
    expect(readFileSync(`${ours}/t.txt`, 'utf8')).toBe('rendered from-vars-file\n');
    expect(readFileSync(`${ours}/values.txt`, 'utf8')).toBe('from-vars-file from-group-vars inline-secret\ncopied plaintext\nround trip\n');
    expect(r.stdout).not.toContain('pw-123');
    if (spawnSync('ansible-playbook', ['--version']).status !== 0) return;
    const theirs = p.write('out-ansible/.keep', '').replace(/\/\.keep$/, '');
    execFileSync('ansible-playbook', ['-i', 'inventory.ini', '--vault-password-file', 'pass.txt', '-e', `out=${theirs}`, 'play.yml'],
      { cwd: p.dir, env: { ...process.env, ANSIBLE_NOCOLOR: '1' } });
    for (const f of ['blob.txt', 't.txt', 'values.txt']) {
      expect(readFileSync(`${ours}/${f}`, 'utf8')).toBe(readFileSync(`${theirs}/${f}`, 'utf8'));
    }
  }, 120_000);

  test('a wrong vault password is a clear error that does not show the password', async () => {
    p.write('wrong.txt', 'not-it\n');
    const stderr = new PassThrough();
    let err = '';
    stderr.on('data', (c) => { err += String(c); });
    const io = { stdout: new PassThrough(), stderr, stdin: new PassThrough(), env: cleanEnv(), cwd: p.dir };
    await expect(playbookMain(['-i', 'inventory.ini', '--vault-password-file', 'wrong.txt', '-e', 'out=/tmp', 'play.yml'], io as never))
      .rejects.toMatchObject({ code: 'TSIBLE_VAULT' });
    expect(err).not.toContain('not-it');
  });
});
