import { isTsibleError, type Connection } from 'tsible';
import ssh from '../../../plugins/connection/ssh';
import { connectionContext } from '../../helpers/ssh-context';
import { fixtureHostVars, sshFixture } from '../../helpers/sshd';

describe('ssh connection: exec', () => {
  const fx = sshFixture();
  let conn: Connection;
  const ctx = connectionContext('web1', fixtureHostVars(0));

  beforeAll(async () => {
    conn = ssh.create(ctx);
    await conn.connect();
  });
  afterAll(async () => {
    await conn.close();
  });

  it('is a connection definition named ssh', () => {
    expect(ssh.kind).toBe('connection');
    expect(ssh.name).toBe('ssh');
    expect(conn.transport).toBe('ssh');
  });

  it('negotiates curve25519 key exchange (group exchange costs ~1.8 s in ssh2)', () => {
    expect(ctx.log.lines.find((l) => l.includes(' kex '))).toMatch(/kex curve25519-sha256/);
  });

  it('runs a command as the fixture user and returns rc, stdout and stderr', async () => {
    const result = await conn.exec('id -un; echo oops >&2; exit 3');
    expect(result).toEqual({ rc: 3, stdout: `${fx.user}\n`, stderr: 'oops\n' });
  });

  it('reaches the address given in ansible_host', async () => {
    const result = await conn.exec('echo $SSH_CONNECTION');
    expect(result.stdout.trim().split(' ')[2]).toBe(fx.hosts[0]);
  });

  it('feeds stdin, text and binary', async () => {
    expect((await conn.exec('cat', { stdin: 'line1\nline2\n' })).stdout).toBe('line1\nline2\n');
    const bin = Buffer.from(Array.from({ length: 70000 }, (_, i) => i % 256));
    const result = await conn.exec('od -An -tx1 | tr -d " \\n" | head -c 20', { stdin: bin });
    expect(result.stdout).toBe('000102030405060708090a'.slice(0, 20));
  });

  it('closes stdin when none is given', async () => {
    expect(await conn.exec('cat; echo end')).toEqual({ rc: 0, stdout: 'end\n', stderr: '' });
  });

  it('reuses one connection: sequential execs cost milliseconds', async () => {
    const timings: number[] = [];
    for (let i = 0; i < 40; i++) {
      const started = performance.now();
      await conn.exec('true');
      timings.push(performance.now() - started);
    }
    const median = timings.sort((a, b) => a - b)[20]!;
    expect(median).toBeLessThan(30); // Nagle + delayed ACK puts a ~44 ms floor under every exec without TCP_NODELAY
    const ports = new Set<string>();
    for (let i = 0; i < 3; i++) ports.add((await conn.exec('echo $SSH_CONNECTION')).stdout.split(' ')[1]!);
    expect(ports.size).toBe(1);
  });

  it('runs 50 commands at once on one connection within the MaxSessions limit', async () => {
    const results = await Promise.all(Array.from({ length: 50 }, (_, i) => conn.exec(`sleep 0.05; echo ${i}`)));
    expect(results.map((r) => r.rc)).toEqual(Array(50).fill(0));
    expect(results.map((r) => r.stdout)).toEqual(Array.from({ length: 50 }, (_, i) => `${i}\n`));
  });

  it('queues and retries when the per-host limit is set above the server MaxSessions (10)', async () => {
    const greedy = ssh.create(connectionContext('greedy', fixtureHostVars(1), { max_sessions_per_host: 16 }));
    try {
      const results = await Promise.all(Array.from({ length: 40 }, (_, i) => greedy.exec(`sleep 0.2; echo ${i}`)));
      expect(results.map((r) => r.stdout)).toEqual(Array.from({ length: 40 }, (_, i) => `${i}\n`));
    } finally {
      await greedy.close();
    }
  });

  it('kills a command that runs too long and reports rc -1', async () => {
    const started = Date.now();
    const result = await conn.exec('sleep 20', { timeoutSeconds: 0.5 });
    expect(result.rc).toBe(-1);
    expect(result.stderr).toMatch(/timed out/);
    expect(Date.now() - started).toBeLessThan(4000);
    expect((await conn.exec('echo still-usable')).stdout).toBe('still-usable\n');
  });

  it('never starts a command whose signal was aborted while it waited for a channel', async () => {
    const controller = new AbortController();
    const marker = `/tmp/tsible-abort-${process.pid}`;
    const busy = Array.from({ length: 5 }, () => conn.exec('sleep 0.3'));
    const queued = conn.exec(`touch ${marker}`, { signal: controller.signal }).catch((e: unknown) => e);
    controller.abort();
    const error = await queued;
    expect(isTsibleError(error) && error.code).toBe('TSIBLE_ABORTED');
    await Promise.all(busy);
    expect((await conn.exec(`test -e ${marker}; echo $?`)).stdout).toBe('1\n');
  });

  it('cancels a command on abort', async () => {
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 200);
    const error = await conn.exec('sleep 20', { signal: controller.signal }).catch((e: unknown) => e);
    expect(isTsibleError(error) && error.code).toBe('TSIBLE_ABORTED');
  });
});
