import { execFileSync } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isTsibleError } from 'tsible';
import ssh from '../../../plugins/connection/ssh';
import { checkHostKey, knownKeyTypes } from '../../../plugins/connection/ssh/known-hosts';
import { connectionContext } from '../../helpers/ssh-context';
import { fixtureHostVars, sshFixture } from '../../helpers/sshd';

describe('ssh connection: host keys', () => {
  const fx = sshFixture();
  let dir: string;
  beforeAll(() => { dir = mkdtempSync(join(tmpdir(), 'tsible-ssh-hk-')); });
  afterAll(() => { rmSync(dir, { recursive: true, force: true }); });

  async function attempt(knownHosts: string, extra: Record<string, unknown> = {}, settings: Record<string, unknown> = {}) {
    const vars = fixtureHostVars(3, { ansible_ssh_common_args: `-F none -o UserKnownHostsFile=${knownHosts}`, ...extra });
    const conn = ssh.create(connectionContext('db1', vars, settings));
    try {
      return (await conn.exec('echo ok')).stdout;
    } catch (error) {
      return error as Error;
    } finally {
      await conn.close();
    }
  }
  const name = (): string => `[${fx.hosts[3]}]:${fx.port}`;

  it('refuses an unknown host, showing its SHA256 fingerprint and how to accept it', async () => {
    const empty = join(dir, 'empty');
    writeFileSync(empty, '');
    const result = await attempt(empty);
    expect(isTsibleError(result) && result.code).toBe('TSIBLE_UNREACHABLE');
    const message = (result as Error).message;
    expect(message).toContain(`${name()} is not a known host`);
    expect(message).toContain(fx.hostKeyFingerprint);
    expect(message).toContain(`ssh-keyscan -p ${fx.port}`);
  });

  it('always refuses a changed key, also with StrictHostKeyChecking=accept-new', async () => {
    const changed = join(dir, 'changed');
    writeFileSync(changed, `${name()} ${fx.otherHostPublicKey}\n`);
    for (const extra of [{}, { ansible_ssh_extra_args: '-o StrictHostKeyChecking=accept-new' }]) {
      const result = await attempt(changed, extra);
      expect(isTsibleError(result) && result.code).toBe('TSIBLE_UNREACHABLE');
      expect((result as Error).message).toMatch(/host key for .* has CHANGED \(now SHA256:/);
      expect((result as Error).message).toContain(`${changed}:1`);
    }
  });

  it('connects to an unknown or changed host when host_key_checking is false', async () => {
    const changed = join(dir, 'changed2');
    writeFileSync(changed, `${name()} ${fx.otherHostPublicKey}\n`);
    expect(await attempt(changed, {}, { host_key_checking: false })).toBe('ok\n');
    expect(await attempt(changed, { ansible_host_key_checking: 'False' })).toBe('ok\n');
    expect(await attempt(join(dir, 'absent'), { ansible_ssh_common_args: '-o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null' })).toBe('ok\n');
  });

  it('adds an unknown host with accept-new, then verifies against it', async () => {
    const file = join(dir, 'accept-new');
    writeFileSync(file, '');
    expect(await attempt(file, { ansible_ssh_extra_args: '-o StrictHostKeyChecking=accept-new' })).toBe('ok\n');
    expect(readFileSync(file, 'utf8')).toContain(`${name()} ${fx.hostPublicKey.split(' ').slice(0, 2).join(' ')}`);
    expect(await attempt(file)).toBe('ok\n');
  });

  it('matches hashed known_hosts entries', async () => {
    const hashed = join(dir, 'hashed');
    writeFileSync(hashed, `${name()} ${fx.hostPublicKey}\n`);
    execFileSync('ssh-keygen', ['-q', '-H', '-f', hashed], { stdio: 'pipe' });
    expect(readFileSync(hashed, 'utf8')).toMatch(/^\|1\|/);
    expect(await attempt(hashed)).toBe('ok\n');
  });

  it('matches wildcard host patterns and rejects @revoked keys', async () => {
    const wild = join(dir, 'wild');
    writeFileSync(wild, `[127.0.0.*]:${fx.port} ${fx.hostPublicKey}\n`);
    expect(await attempt(wild)).toBe('ok\n');
    const revoked = join(dir, 'revoked');
    writeFileSync(revoked, `${name()} ${fx.hostPublicKey}\n@revoked * ${fx.hostPublicKey}\n`);
    expect((await attempt(revoked) as Error).message).toMatch(/REVOKED/);
  });
});

describe('known_hosts lookup (indexed by name, patterns in file order)', () => {
  const blob = (seed: number): Buffer => {
    const type = Buffer.from('ssh-ed25519');
    const key = Buffer.alloc(32, seed);
    const out = Buffer.alloc(4 + type.length + 4 + key.length);
    out.writeUInt32BE(type.length, 0);
    type.copy(out, 4);
    out.writeUInt32BE(key.length, 4 + type.length);
    key.copy(out, 8 + type.length);
    return out;
  };
  const line = (hosts: string, seed: number, marker = '') => `${marker}${hosts} ssh-ed25519 ${blob(seed).toString('base64')}`;
  const hashed = (name: string, salt: Buffer) => `|1|${salt.toString('base64')}|${createHmac('sha1', salt).update(name).digest('base64')}`;

  test('literal, hashed, wildcard, negated and revoked entries give what OpenSSH would', () => {
    const dir = mkdtempSync(join(tmpdir(), 'tsible-kh-'));
    try {
      const file = join(dir, 'known_hosts');
      writeFileSync(file, [
        '# comment',
        line('Web1.Example,web2.example', 1),
        line('*.example,!web3.example', 2),
        line(hashed('[db.example]:2222', Buffer.alloc(20, 7)), 3),
        line('web2.example', 4, '@revoked '),
        line('web4.other', 5),
      ].join('\n'));
      const cache = new Map<string, unknown>();
      const check = (host: string, port: number, seed: number) => checkHostKey([file], host, port, blob(seed), cache);
      expect(check('web1.example', 22, 1)).toEqual({ status: 'match', where: `${file}:2` });
      expect(check('web1.example', 22, 2)).toEqual({ status: 'match', where: `${file}:3` }); // the wildcard line also names it
      expect(check('web1.example', 22, 9)).toEqual({ status: 'mismatch', where: `${file}:2` }); // first line of the same type
      expect(check('web2.example', 22, 4)).toEqual({ status: 'revoked', where: `${file}:5` });
      expect(check('web3.example', 22, 2)).toEqual({ status: 'unknown' }); // negated by the pattern list
      expect(check('db.example', 2222, 3)).toEqual({ status: 'match', where: `${file}:4` });
      expect(check('db.example', 22, 3)).toEqual({ status: 'mismatch', where: `${file}:3` }); // only the wildcard names it on port 22
      expect(check('WEB4.other', 22, 9)).toEqual({ status: 'mismatch', where: `${file}:6` });
      expect(knownKeyTypes([file], 'nowhere.org', 22, cache)).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
