import { createServer, type Server, type Socket } from 'node:net';
import { isTsibleError, type Connection } from 'tsible';
import ssh from '../../../plugins/connection/ssh';
import { connectionContext } from '../../helpers/ssh-context';
import { fixtureHostVars, sshFixture } from '../../helpers/sshd';

function listen(server: Server, host: string): Promise<number> {
  return new Promise((resolve) => server.listen(0, host, () => resolve((server.address() as { port: number }).port)));
}

/**
 * Prints the pid of this connection's sshd session process. $PPID is not it when the command runs
 * in a persistent shell (its parent is that shell), so walk up to the first process named sshd.
 */
const SSHD_SESSION_PID = 'p=$PPID; while [ "$(cat /proc/$p/comm)" != sshd ]; do p=$(cut -d" " -f4 /proc/$p/stat); done; echo $p';

async function errorOf(promise: Promise<unknown>): Promise<Error> {
  const result = await promise.then(() => undefined, (e: unknown) => e as Error);
  if (!result) throw new Error('expected a failure');
  return result;
}

describe('ssh connection: unreachable hosts and dropped connections', () => {
  const fx = sshFixture();
  const opened: Connection[] = [];
  const open = (index: number, extra: Record<string, unknown> = {}, settings: Record<string, unknown> = {}): Connection => {
    const conn = ssh.create(connectionContext(`host${index}`, fixtureHostVars(index, extra), settings));
    opened.push(conn);
    return conn;
  };
  afterAll(async () => { await Promise.all(opened.map((c) => c.close())); });

  it('reports a closed port as unreachable: connection refused', async () => {
    const server = createServer();
    const port = await listen(server, fx.hosts[5]!);
    await new Promise((r) => server.close(r));
    const started = Date.now();
    const error = await errorOf(open(5, { ansible_port: port }).connect());
    expect(isTsibleError(error) && error.code).toBe('TSIBLE_UNREACHABLE');
    expect(error.message).toBe(`cannot connect to ${fx.hosts[5]} port ${port}: connection refused`);
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it('times out on a port that accepts and never answers, without delaying another host', async () => {
    const sockets: Socket[] = [];
    const server = createServer((s) => sockets.push(s));
    const port = await listen(server, fx.hosts[6]!);
    try {
      const started = Date.now();
      let failedAt = 0;
      const silent = errorOf(open(6, { ansible_port: port }, { timeout: 1 }).exec('true')).finally(() => { failedAt = Date.now() - started; });
      const healthy = open(7).exec('echo fine').then((r) => ({ out: r.stdout, at: Date.now() - started }));
      const [error, good] = await Promise.all([silent, healthy]);
      expect(good.out).toBe('fine\n');
      expect(good.at).toBeLessThan(failedAt); // the healthy host did not wait for the silent one
      expect(isTsibleError(error) && error.code).toBe('TSIBLE_UNREACHABLE');
      expect(error.message).toMatch(/timed out after 1s waiting for the SSH handshake with tsible@127\.0\.0\.8/);
      expect(Date.now() - started).toBeGreaterThanOrEqual(950);
      expect(Date.now() - started).toBeLessThan(3000);
    } finally {
      sockets.forEach((s) => s.destroy());
      server.close();
    }
  });

  it('honours ansible_ssh_timeout over the timeout setting', async () => {
    const sockets: Socket[] = [];
    const server = createServer((s) => sockets.push(s));
    const port = await listen(server, fx.hosts[6]!);
    try {
      const error = await errorOf(open(6, { ansible_port: port, ansible_ssh_timeout: 1 }, { timeout: 30 }).connect());
      expect(error.message).toMatch(/timed out after 1s/);
    } finally {
      sockets.forEach((s) => s.destroy());
      server.close();
    }
  });

  it('fails a command whose connection is killed mid-run; other hosts finish; the next call reconnects', async () => {
    const victim = open(8);
    const other = open(9);
    const before = (await victim.exec('echo $SSH_CONNECTION')).stdout.split(' ')[1];
    const longRunning = errorOf(victim.exec('sleep 5; echo never'));
    const otherWork = Promise.all(Array.from({ length: 10 }, (_, i) => other.exec(`sleep 0.1; echo ${i}`)));
    await new Promise((r) => setTimeout(r, 200));
    // Kill this connection's sshd session process: the TCP connection drops under the running command.
    const sessionPid = Number((await victim.exec(SSHD_SESSION_PID)).stdout);
    await victim.exec(`kill -9 ${sessionPid}`).catch(() => undefined);
    const error = await longRunning;
    expect(isTsibleError(error) && error.code).toBe('TSIBLE_UNREACHABLE');
    expect(error.message).toMatch(/connection to .* (was )?lost/);
    expect((await otherWork).map((r) => r.stdout)).toEqual(Array.from({ length: 10 }, (_, i) => `${i}\n`));
    await new Promise((r) => setTimeout(r, 100));
    const after = await victim.exec('echo $SSH_CONNECTION');
    expect(after.rc).toBe(0);
    expect(after.stdout.split(' ')[1]).not.toBe(before); // a new TCP connection
  });

  it('notices a frozen server through keepalives instead of waiting forever', async () => {
    const conn = open(12, { ansible_ssh_extra_args: '-o ServerAliveInterval=1 -o ServerAliveCountMax=2' });
    const sessionPid = Number((await conn.exec(SSHD_SESSION_PID)).stdout);
    try {
      const started = Date.now();
      // Stop this connection's sshd process: TCP stays up, but nothing answers any more.
      const error = await errorOf(conn.exec(`kill -STOP ${sessionPid}; sleep 30`));
      expect(isTsibleError(error) && error.code).toBe('TSIBLE_UNREACHABLE');
      expect(Date.now() - started).toBeLessThan(8000);
    } finally {
      process.kill(sessionPid, 'SIGKILL');
    }
    expect((await conn.exec('echo back')).stdout).toBe('back\n');
  });

  it('opens a fresh connection after reset (meta: reset_connection)', async () => {
    const conn = open(10);
    const first = (await conn.exec('echo $SSH_CONNECTION')).stdout.split(' ')[1];
    await conn.reset();
    const second = (await conn.exec('echo $SSH_CONNECTION')).stdout.split(' ')[1];
    expect(second).not.toBe(first);
  });

  it('names the host in an unresolvable-hostname error', async () => {
    const error = await errorOf(open(11, { ansible_host: 'no-such-host.invalid' }, { timeout: 5 }).connect());
    expect(isTsibleError(error) && error.code).toBe('TSIBLE_UNREACHABLE');
    expect(error.message).toMatch(/no-such-host\.invalid.*could not resolve hostname/);
  });
});
