import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isTsibleError, type Connection, type ConnectionContext } from 'tsible';
import { utils, type ParsedKey } from 'ssh2';
import ssh from '../../../plugins/connection/ssh';
import { authHandler, withCachedSigningKey, type AuthLog } from '../../../plugins/connection/ssh/auth';
import type { SshTarget } from '../../../plugins/connection/ssh/target';
import { connectionContext } from '../../helpers/ssh-context';
import { fixtureHostVars, sshFixture } from '../../helpers/sshd';

/** Connects, runs `whoami`, closes; returns the user or the error. */
async function whoami(ctx: ConnectionContext): Promise<string | Error> {
  const conn: Connection = ssh.create(ctx);
  try {
    return (await conn.exec('id -un')).stdout.trim();
  } catch (error) {
    return error as Error;
  } finally {
    await conn.close();
  }
}

function expectUnreachable(result: string | Error, pattern: RegExp): void {
  expect(result).toBeInstanceOf(Error);
  expect(isTsibleError(result) && result.code).toBe('TSIBLE_UNREACHABLE');
  expect((result as Error).message).toMatch(pattern);
}

describe('ssh connection: authentication', () => {
  const fx = sshFixture();
  const savedAgent = process.env.SSH_AUTH_SOCK;
  let dir: string;
  beforeAll(() => { dir = mkdtempSync(join(tmpdir(), 'tsible-ssh-auth-')); });
  afterAll(() => { rmSync(dir, { recursive: true, force: true }); });
  beforeEach(() => { delete process.env.SSH_AUTH_SOCK; });
  afterEach(() => {
    if (savedAgent === undefined) delete process.env.SSH_AUTH_SOCK;
    else process.env.SSH_AUTH_SOCK = savedAgent;
  });

  const noKey = (extra: Record<string, unknown> = {}) => {
    const vars = fixtureHostVars(0);
    delete vars.ansible_ssh_private_key_file;
    return { ...vars, ...extra };
  };

  it('logs in with an OpenSSH ed25519 key and with a PEM key', async () => {
    expect(await whoami(connectionContext('h', fixtureHostVars(0)))).toBe(fx.user);
    expect(await whoami(connectionContext('h', fixtureHostVars(1, { ansible_ssh_private_key_file: fx.keys.pem })))).toBe(fx.user);
    expect(await whoami(connectionContext('h', noKey({ ansible_private_key_file: fx.keys.pem })))).toBe(fx.user);
  });

  it('takes the key from settings.private_key_file (--private-key) and the user from settings.remote_user', async () => {
    const vars = noKey();
    delete vars.ansible_user;
    expect(await whoami(connectionContext('h', vars, { private_key_file: fx.keys.ed25519, remote_user: fx.user }))).toBe(fx.user);
  });

  it('decrypts an encrypted key with its passphrase, and says why it cannot without one', async () => {
    const withPass = noKey({ ansible_ssh_private_key_file: fx.keys.encrypted, ansible_ssh_private_key_passphrase: fx.keys.passphrase });
    expect(await whoami(connectionContext('h', withPass))).toBe(fx.user);
    expectUnreachable(await whoami(connectionContext('h', noKey({ ansible_ssh_private_key_file: fx.keys.encrypted }))),
      /Permission denied[\s\S]*is encrypted and no passphrase was given/);
    const wrong = noKey({ ansible_ssh_private_key_file: fx.keys.encrypted, ansible_ssh_private_key_passphrase: 'nope' });
    expectUnreachable(await whoami(connectionContext('h', wrong)), /could not be decrypted with the given passphrase/);
  });

  it('decrypts a key once per run when connections share the run cache', async () => {
    const runCache = new Map<string, unknown>();
    const vars = noKey({ ansible_ssh_private_key_file: fx.keys.encrypted, ansible_ssh_private_key_passphrase: fx.keys.passphrase });
    let started = Date.now();
    expect(await whoami({ ...connectionContext('a', vars), runCache })).toBe(fx.user);
    const first = Date.now() - started;
    started = Date.now();
    expect(await whoami({ ...connectionContext('b', { ...vars, ansible_host: fx.hosts[1] }), runCache })).toBe(fx.user);
    expect(Date.now() - started).toBeLessThan(first * 0.6); // bcrypt key derivation dominates the first
    expect([...runCache.keys()].some((k) => k.includes(fx.keys.encrypted))).toBe(true);
  });

  it('authenticates through ssh-agent from SSH_AUTH_SOCK or IdentityAgent', async () => {
    expectUnreachable(await whoami(connectionContext('h', noKey())), /Permission denied/);
    process.env.SSH_AUTH_SOCK = fx.agentSocket;
    expect(await whoami(connectionContext('h', noKey()))).toBe(fx.user);
    delete process.env.SSH_AUTH_SOCK;
    const viaOption = noKey({ ansible_ssh_extra_args: `-o IdentityAgent=${fx.agentSocket}` });
    expect(await whoami(connectionContext('h', viaOption))).toBe(fx.user);
  });

  it('logs in with ansible_password, ansible_ssh_pass or the -k password', async () => {
    expect(await whoami(connectionContext('h', noKey({ ansible_password: fx.password })))).toBe(fx.user);
    expect(await whoami(connectionContext('h', noKey({ ansible_ssh_pass: fx.password })))).toBe(fx.user);
    expect(await whoami(connectionContext('h', noKey(), {}, { connPass: fx.password }))).toBe(fx.user);
  });

  it('reports a wrong password as unreachable with what was tried, never echoing the password', async () => {
    const result = await whoami(connectionContext('h', noKey({ ansible_password: 'wrong-password-123' })));
    expectUnreachable(result, /Permission denied for tsible@127\.0\.0\.2:\d+: tried password/);
    expect((result as Error).message).not.toContain('wrong-password-123');
  });

  it('answers keyboard-interactive prompts with the password (PAM server without password auth)', async () => {
    const vars = { ...noKey({ ansible_password: fx.password }), ansible_host: fx.jump.host, ansible_port: fx.jump.port };
    expect(await whoami(connectionContext('h', vars))).toBe(fx.user);
    const wrong = { ...vars, ansible_password: 'bad' };
    expectUnreachable(await whoami(connectionContext('h', wrong)), /tried keyboard-interactive/);
  });

  it('reads ~/.ssh/config by default, with Include, and ~/.ssh/id_* keys when no key is set', async () => {
    const home = join(dir, 'home');
    mkdirSync(join(home, '.ssh', 'conf.d'), { recursive: true });
    copyFileSync(fx.keys.pem, join(home, '.ssh', 'id_ecdsa'));
    writeFileSync(join(home, '.ssh', 'config'), 'Include conf.d/*.conf\n');
    writeFileSync(join(home, '.ssh', 'conf.d', 'lab.conf'),
      `Host lab\n  HostName ${fx.hosts[4]}\n  Port ${fx.port}\n  User ${fx.user}\n  UserKnownHostsFile ${fx.knownHosts}\n`);
    const savedHome = process.env.HOME;
    process.env.HOME = home;
    try {
      const conn = ssh.create(connectionContext('lab', {}));
      try {
        const out = (await conn.exec('id -un; echo $SSH_CONNECTION')).stdout.split('\n');
        expect(out[0]).toBe(fx.user);
        expect(out[1]!.split(' ')[2]).toBe(fx.hosts[4]);
      } finally {
        await conn.close();
      }
    } finally {
      process.env.HOME = savedHome;
    }
  });

  it('reads Host, HostName, User, Port, IdentityFile and UserKnownHostsFile from an ssh config file', async () => {
    const config = join(dir, 'config');
    writeFileSync(config, [
      'Host other-*', '  User nobody-here',
      'Host web-alias', `  HostName ${fx.hosts[2]}`, `  Port ${fx.port}`, `  User ${fx.user}`,
      `  IdentityFile ${fx.keys.pem}`, `  UserKnownHostsFile ${fx.knownHosts}`,
      'Host *', '  User not-this-one', '',
    ].join('\n'));
    const conn = ssh.create(connectionContext('web', { ansible_host: 'web-alias', ansible_ssh_common_args: `-F ${config}` }));
    try {
      const out = (await conn.exec('id -un; echo $SSH_CONNECTION')).stdout.split('\n');
      expect(out[0]).toBe(fx.user);
      expect(out[1]!.split(' ')[2]).toBe(fx.hosts[2]);
    } finally {
      await conn.close();
    }
  });
});

describe('signing with a key object made once', () => {
  /**
   * A private key as ssh-keygen writes it. (Not ssh2's generateKeyPairSync: about one ed25519 key
   * in 240 it makes is malformed, rejected by its own parser and by `ssh-keygen -y` alike.)
   */
  function keygen(type: string, bits: number): string {
    const dir = mkdtempSync(join(tmpdir(), 'tsible-keygen-'));
    try {
      execFileSync('ssh-keygen', ['-q', '-t', type, '-b', String(bits), '-N', '', '-f', join(dir, 'key')]);
      return readFileSync(join(dir, 'key'), 'utf8');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  function parse(privateKey: string): ParsedKey {
    const parsed = utils.parseKey(privateKey);
    if (parsed instanceof Error) throw parsed;
    return parsed as ParsedKey;
  }
  const cases: Array<[string, number, Array<string | undefined>]> = [
    ['ed25519', 256, [undefined]],
    ['ecdsa', 256, [undefined]],
    ['rsa', 2048, [undefined, 'sha256', 'sha512']],
  ];
  test.each(cases)('%s signatures are what ssh2 itself makes and verifies', (type, bits, hashes) => {
    const parsed = parse(keygen(type, bits));
    const fast = withCachedSigningKey(parsed);
    expect(fast).not.toBe(parsed);
    expect(fast.getPublicSSH()).toEqual(parsed.getPublicSSH());
    const data = Buffer.from('session id and userauth request');
    for (const hash of hashes) {
      const signature = fast.sign(data, hash);
      expect(signature).toBeInstanceOf(Buffer);
      expect(parsed.verify(data, signature, hash)).toBe(true);
      expect(parsed.verify(Buffer.from('other data'), signature, hash)).toBe(false);
      // Deterministic schemes (Ed25519, RSA PKCS#1 v1.5) give the very same bytes.
      if (type !== 'ecdsa') expect(signature).toEqual(parsed.sign(data, hash));
    }
  });

  test('a failure is returned, not thrown, as ssh2 expects', () => {
    const fast = withCachedSigningKey(parse(keygen('rsa', 1024)));
    const result: unknown = fast.sign(Buffer.from('x'), 'no-such-hash');
    expect(Buffer.isBuffer(result)).toBe(false);
    expect(String(result)).toMatch(/digest/i);
  });
});

describe('the order of authentication methods (planning only: ssh2 asks, the handler answers)', () => {
  type Answer = { type: string } | false;
  /** Drives the handler as ssh2 does: the first call knows nothing, later ones get the server's list. */
  function answers(target: Partial<SshTarget>, keys: number, serverLists: Array<string[]>): { order: string[]; log: AuthLog } {
    const log: AuthLog = { tried: [], notes: [] };
    const identities = Array.from({ length: keys }, (_, i) => ({ path: `/keys/id${i}`, key: {} as ParsedKey }));
    const handler = authHandler({ user: 'u', ...target } as SshTarget, identities, log);
    const order: string[] = [];
    let answer: Answer = { type: 'start' };
    for (let call = 0; answer && call <= serverLists.length; call++) {
      handler((call === 0 ? null : serverLists[call - 1]!) as never, null as never, ((a: Answer) => { answer = a; }) as never);
      order.push(answer ? answer.type : 'give up');
    }
    return { order, log };
  }

  test('a key is offered at once, without asking `none` first; `none` is the last resort', () => {
    const { order, log } = answers({ password: 'pw' }, 2, [['publickey', 'password'], ['publickey', 'password'], ['publickey', 'password'], ['publickey']]);
    expect(order).toEqual(['publickey', 'publickey', 'password', 'none', 'give up']);
    expect(log.tried).toEqual(['publickey /keys/id0', 'publickey /keys/id1', 'password']);
  });

  test('without a key, `none` asks first, and no password goes to a server that does not take passwords', () => {
    const { order, log } = answers({ password: 'pw' }, 0, [['publickey', 'keyboard-interactive'], ['publickey']]);
    expect(order).toEqual(['none', 'keyboard-interactive', 'give up']);
    expect(log.tried).toEqual(['keyboard-interactive']);
    expect(log.serverMethods).toEqual(['publickey']);
  });
});
