import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { TsibleError, VaultSecrets, isTsibleError } from 'tsible';
import type { CliIO } from '../../../core/cli/io.js';
import { vaultMain } from '../../../core/cli/commands/vault.js';
import { cleanEnv, tempProject } from '../../helpers/tmp.js';

const ROOT = join(__dirname, '..', '..', '..');

function fakeIO(cwd: string, stdin = '', env: NodeJS.ProcessEnv = cleanEnv()): CliIO & { out(): string; err(): string } {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const chunks = { out: [] as Buffer[], err: [] as Buffer[] };
  stdout.on('data', (c: Buffer) => chunks.out.push(c));
  stderr.on('data', (c: Buffer) => chunks.err.push(c));
  return {
    stdout, stderr, env, cwd,
    stdin: Readable.from([Buffer.from(stdin)]),
    out: () => Buffer.concat(chunks.out).toString('utf8'),
    err: () => Buffer.concat(chunks.err).toString('utf8'),
  };
}

async function failure(promise: Promise<unknown>): Promise<TsibleError> {
  const err = await promise.then(() => undefined, (e: unknown) => e);
  if (!isTsibleError(err)) throw new Error(`expected a TsibleError, got ${String(err)}`);
  return err as TsibleError;
}

describe('tsible-vault (in process)', () => {
  const project = tempProject({ pass: 'cli-pass\n', prod: 'prod-pass\n', 'new-pass': 'new-pass\n', 'plain.yml': 'a: 1\n' });
  afterAll(() => project.cleanup());
  const dir = project.dir;
  const secrets = new VaultSecrets([{ label: 'default', password: 'cli-pass' }, { label: 'prod', password: 'prod-pass' }]);
  const read = (f: string) => readFileSync(join(dir, f), 'utf8');

  it('encrypts a file in place with mode 0600, views and decrypts it', async () => {
    project.write('e.yml', 'secret: 1\n');
    chmodSync(join(dir, 'e.yml'), 0o644);
    expect(await vaultMain(['encrypt', '--vault-password-file', 'pass', 'e.yml'], fakeIO(dir))).toBe(0);
    expect(read('e.yml').startsWith('$ANSIBLE_VAULT;1.1;AES256\n')).toBe(true);
    expect(statSync(join(dir, 'e.yml')).mode & 0o777).toBe(0o600);
    const view = fakeIO(dir);
    await vaultMain(['view', '--vault-password-file', 'pass', 'e.yml'], view);
    expect(view.out()).toBe('secret: 1\n');
    await vaultMain(['decrypt', '--vault-password-file', 'pass', 'e.yml'], fakeIO(dir));
    expect(read('e.yml')).toBe('secret: 1\n');
  });

  it('reads stdin and writes stdout with -, and --output to a file', async () => {
    const enc = fakeIO(dir, 'from stdin\n');
    await vaultMain(['encrypt', '--vault-id', 'prod@prod', '--output', '-', '-'], enc);
    expect(enc.out().startsWith('$ANSIBLE_VAULT;1.2;AES256;prod\n')).toBe(true);
    expect(secrets.decrypt(enc.out())).toBe('from stdin\n');
    const dec = fakeIO(dir, enc.out());
    await vaultMain(['decrypt', '--vault-id', 'prod@prod', '--output', 'out.txt'], dec);
    expect(read('out.txt')).toBe('from stdin\n');
  });

  it('refuses to encrypt twice or decrypt plaintext, with ansible-vault\'s words', async () => {
    project.write('twice.yml', secrets.encrypt('x'));
    expect((await failure(vaultMain(['encrypt', '--vault-password-file', 'pass', 'twice.yml'], fakeIO(dir)))).message).toContain('input is already encrypted');
    const err = await failure(vaultMain(['decrypt', '--vault-password-file', 'pass', 'plain.yml'], fakeIO(dir)));
    expect(err.message).toBe('input is not vault encrypted data. plain.yml is not a vault encrypted file for plain.yml');
  });

  it('encrypt_string prints name: !vault | blocks that decrypt, from args and stdin', async () => {
    const io = fakeIO(dir, 'piped value');
    await vaultMain(['encrypt_string', '--vault-password-file', 'pass', '--stdin-name', 'piped', '-n', 'first', 'one', 'two'], io);
    const out = io.out();
    expect(out).toMatch(/^piped: !vault \|\n {10}\$ANSIBLE_VAULT;1\.1;AES256\n/);
    expect(out).toMatch(/\nfirst: !vault \|\n {10}\$ANSIBLE_VAULT/);
    expect(out).toMatch(/\n!vault \|\n {10}\$ANSIBLE_VAULT/);
    expect(out.endsWith('\n')).toBe(false);
    expect(io.err()).toContain('# The encrypted version of variable ("piped", the string #1 from stdin).');
    const blocks = out.split(/^(?=\S)/m).map((b) => b.replace(/^.*\n/, '').replace(/^ {10}/gm, ''));
    expect(blocks.map((b) => secrets.decrypt(b))).toEqual(['piped value', 'one', 'two']);
  });

  it('needs --encrypt-vault-id when several ids could encrypt', async () => {
    const err = await failure(vaultMain(['encrypt_string', '--vault-password-file', 'pass', '--vault-id', 'prod@prod', 'x'], fakeIO(dir)));
    expect(err.message).toBe('The vault-ids prod,default are available to encrypt. Specify the vault-id to encrypt with --encrypt-vault-id');
    expect(err.exitCode).toBe(5);
    const io = fakeIO(dir);
    await vaultMain(['encrypt_string', '--vault-password-file', 'pass', '--vault-id', 'prod@prod', '--encrypt-vault-id', 'prod', 'x'], io);
    expect(io.out()).toContain('$ANSIBLE_VAULT;1.2;AES256;prod');
  });

  it('asks for passwords on stdin with --ask-vault-pass, confirming new ones', async () => {
    const io = fakeIO(dir, 'typed-pass\ntyped-pass\n');
    await vaultMain(['encrypt', '--ask-vault-pass', 'plain.yml', '--output', 'asked.yml'], io);
    expect(io.err()).toBe('New Vault password: Confirm New Vault password: ');
    expect(new VaultSecrets([{ label: 'default', password: 'typed-pass' }]).decrypt(read('asked.yml'))).toBe('a: 1\n');
    const mismatch = await failure(vaultMain(['encrypt', '--ask-vault-pass', 'plain.yml', '--output', 'm.yml'], fakeIO(dir, 'one\ntwo\n')));
    expect(mismatch.message).toBe('Passwords do not match');
    expect(existsSync(join(dir, 'm.yml'))).toBe(false);
  });

  it('rekeys to a new password and vault id, keeping the file mode', async () => {
    project.write('r.yml', secrets.encrypt('rekey me\n'));
    chmodSync(join(dir, 'r.yml'), 0o640);
    const io = fakeIO(dir);
    await vaultMain(['rekey', '--vault-password-file', 'pass', '--new-vault-id', 'next@new-pass', 'r.yml'], io);
    expect(io.err()).toBe('Rekey successful\n');
    expect(read('r.yml').startsWith('$ANSIBLE_VAULT;1.2;AES256;next\n')).toBe(true);
    expect(new VaultSecrets([{ label: 'next', password: 'new-pass' }]).decrypt(read('r.yml'))).toBe('rekey me\n');
    expect(statSync(join(dir, 'r.yml')).mode & 0o777).toBe(0o640);
  });

  it('creates and edits through $EDITOR, keeping the header id', async () => {
    const editor = project.write('editor.sh', '#!/bin/sh\nprintf "edited: %s\\n" "$(wc -c < "$1" | tr -d " ")" >> "$1"\n');
    chmodSync(editor, 0o755);
    const env = cleanEnv({ EDITOR: editor });
    await vaultMain(['create', '--vault-id', 'prod@prod', 'new/secret.yml'], fakeIO(dir, '', env));
    expect(secrets.decrypt(read('new/secret.yml'))).toBe('edited: 0\n');
    expect((await failure(vaultMain(['create', '--vault-id', 'prod@prod', 'new/secret.yml'], fakeIO(dir, '', env)))).message).toContain("exists, please use 'edit' instead");
    await vaultMain(['edit', '--vault-id', 'prod@prod', 'new/secret.yml'], fakeIO(dir, '', env));
    expect(read('new/secret.yml').startsWith('$ANSIBLE_VAULT;1.2;AES256;prod\n')).toBe(true);
    expect(secrets.decrypt(read('new/secret.yml'))).toBe('edited: 0\nedited: 10\n');
  });

  it('leaves a file untouched when the editor changes nothing or fails', async () => {
    project.write('same.yml', secrets.encrypt('same\n'));
    const before = read('same.yml');
    await vaultMain(['edit', '--vault-password-file', 'pass', 'same.yml'], fakeIO(dir, '', cleanEnv({ EDITOR: 'true' })));
    expect(read('same.yml')).toBe(before);
    const err = await failure(vaultMain(['edit', '--vault-password-file', 'pass', 'same.yml'], fakeIO(dir, '', cleanEnv({ EDITOR: 'false' }))));
    expect(err.message).toContain('nothing was saved');
    expect(read('same.yml')).toBe(before);
  });

  it('rejects unknown actions, misplaced flags and bad vault ids', async () => {
    expect((await failure(vaultMain(['explode'], fakeIO(dir)))).message).toContain("argument action: invalid choice: 'explode'");
    expect((await failure(vaultMain(['view', '--output', 'x', 'a.yml'], fakeIO(dir)))).message).toContain('unrecognized arguments: --output');
    expect((await failure(vaultMain(['view', '--vault-id', 'a;b@pass', 'a.yml'], fakeIO(dir)))).message).toContain("The character ';' is not allowed in vault ids");
    expect((await failure(vaultMain(['create', 'a', 'b'], fakeIO(dir)))).message).toBe('ansible-vault create can take only one filename argument');
  });
});

describe('tsible-vault as a process', () => {
  const project = tempProject({ pass: 'spawn-pass\n', wrong: 'wrong\n', 'v.yml': 'x: 1\n' });
  afterAll(() => project.cleanup());
  const bin = join(ROOT, 'core', 'cli', 'bin', 'tsible-vault.ts');
  const jiti = join(ROOT, 'node_modules', 'jiti', 'lib', 'jiti-cli.mjs');
  const run = (...args: string[]) => spawnSync(process.execPath, [jiti, bin, ...args], { cwd: project.dir, env: cleanEnv(), encoding: 'utf8' });

  it('prints its version, encrypts, and fails with ERROR!, status 1 and no secret on a wrong password', () => {
    expect(run('--version').stdout).toMatch(/^tsible-vault \d+\.\d+\.\d+/);
    expect(run('encrypt', '--vault-password-file', 'pass', 'v.yml').status).toBe(0);
    const bad = run('view', '--vault-password-file', 'wrong', 'v.yml');
    expect(bad.status).toBe(1);
    expect(bad.stderr).toMatch(/^ERROR! Decryption failed \(no vault secrets were found that could decrypt\) on v\.yml/);
    expect(bad.stderr).not.toContain('wrong\n');
    const usage = run('nonsense');
    expect(usage.status).toBe(2);
  });

  const hasAnsible = spawnSync('ansible', ['--version'], { stdio: 'ignore' }).status === 0;
  (hasAnsible ? it : it.skip)('writes encrypt_string output that ansible reads as a variable', () => {
    const vars = run('encrypt_string', '--vault-password-file', 'pass', '--name', 'token', 'from tsible');
    writeFileSync(join(project.dir, 'vars.yml'), `${vars.stdout}\n`);
    const out = execFileSync('ansible', ['localhost', '-i', 'localhost,', '-c', 'local', '-m', 'debug', '-a', 'var=token', '-e', '@vars.yml', '--vault-password-file', 'pass'], {
      cwd: project.dir, env: cleanEnv(), encoding: 'utf8',
    });
    expect(out).toContain('"token": "from tsible"');
  });
});
