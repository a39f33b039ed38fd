import { isTsibleError, type Connection } from 'tsible';
import local from '../../../plugins/connection/local';
import ssh from '../../../plugins/connection/ssh';
import { spawn } from 'node:child_process';
import type { ProcessHandle } from '../../../plugins/connection/_shared/drive-process';
import { MarkerReader } from '../../../plugins/connection/_shared/marker-reader';
import { PersistentShell } from '../../../plugins/connection/_shared/persistent-shell';
import { ShellPool } from '../../../plugins/connection/_shared/shell-pool';
import { recordingLogger } from '../../helpers/ssh-context';
import { connectionContext } from '../../helpers/ssh-context';
import { fixtureHostVars, sshFixture } from '../../helpers/sshd';

/** A command that finds no idle shell starts one (up to two): two at once leave two shells idle. */
async function warm(conn: Connection): Promise<void> {
  await Promise.all([conn.exec('true'), conn.exec('true')]);
}

/** Pid of the process that ran the command's `sh -c` (the persistent shell, or sshd/the spawner for a fresh exec). */
const PARENT = 'cut -d" " -f4 /proc/$$/stat';

describe('MarkerReader', () => {
  it('cuts one command\'s output between its markers, across chunk boundaries, and keeps what arrives outside as stray', () => {
    const reader = new MarkerReader();
    reader.feed('left over from before\n');
    reader.expect('T:1:S\n', 'T:1:E');
    const input = 'noise T:1:S\nhello\nno newline at the endT:1:E 7\n';
    for (const ch of input) reader.feed(ch); // one character at a time: markers split everywhere
    expect(reader.done).toEqual({ text: 'hello\nno newline at the end', trailer: ' 7' });
    expect(reader.takeStray()).toBe('left over from before\nnoise ');
    reader.feed('late');
    expect(reader.takeStray()).toBe('late');
  });

  it('finds the end marker in large output without losing bytes', () => {
    const reader = new MarkerReader();
    reader.expect('S\n', '#END#');
    const big = 'x'.repeat(65536);
    reader.feed('S\n');
    for (let i = 0; i < 64; i++) reader.feed(big);
    reader.feed('tail#EN');
    expect(reader.done).toBeUndefined();
    expect(reader.partial().length).toBe(64 * 65536 + 'tail#EN'.length);
    reader.feed('D# 0\n');
    expect(reader.done!.text.length).toBe(64 * 65536 + 4);
    expect(reader.done!.text.endsWith('xtail')).toBe(true);
  });
});

/** A shell started the way a login shell would start it: `sh -c '<prelude>; exec /bin/sh'`. */
function shellProcess(prelude: string): ProcessHandle {
  return processFor(`${prelude}; exec /bin/sh`);
}

function processFor(line: string): ProcessHandle {
  const child = spawn('/bin/sh', ['-c', line], { stdio: 'pipe', detached: true });
  const exited = new Promise<number>((resolve) => child.on('close', (code) => resolve(code ?? -1)));
  return { stdin: child.stdin, stdout: child.stdout, stderr: child.stderr, exited, kill: () => process.kill(-child.pid!, 'SIGKILL') };
}

describe('PersistentShell and ShellPool', () => {
  it('ignores what the login shell prints before the first command (an rc file\'s banner)', async () => {
    const shell = new PersistentShell(shellProcess('echo welcome; echo to stderr >&2'));
    expect(await shell.run('echo one')).toEqual({ rc: 0, stdout: 'one\n', stderr: '' });
    expect(await shell.run('echo two')).toEqual({ rc: 0, stdout: 'two\n', stderr: '' });
    expect(shell.available).toBe(true);
    shell.close();
  });

  const freshRuns = (log: string[]) => (n: number) => async () => {
    log.push(`fresh ${n}`);
    return { rc: 0, stdout: `fresh ${n}\n`, stderr: '' };
  };

  it('starts a shell with the first command, which then serves the next ones', async () => {
    const log: string[] = [];
    const lines: string[] = [];
    const pool = new ShellPool(async (line) => { lines.push(line); return processFor(line); }, 1, recordingLogger(), 'h');
    const fresh = freshRuns(log);
    const [first, second] = await Promise.all([pool.run('echo $$', {}, fresh(1)), pool.run('echo two', {}, fresh(2))]);
    expect(second).toEqual({ rc: 0, stdout: 'fresh 2\n', stderr: '' }); // the pool of one was busy starting
    const third = await pool.run('echo $$; echo three >&2', {}, fresh(3));
    expect(third.stderr).toBe('three\n');
    expect(third.stdout).not.toBe(first.stdout); // each command still has its own process
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/exec \/bin\/sh$/);
    expect(log).toEqual(['fresh 2']);
    pool.close();
  });

  it('runs the command elsewhere and opens no more shells when one cannot start', async () => {
    const log: string[] = [];
    let opened = 0;
    const pool = new ShellPool(async () => { opened++; return shellProcess('exit 1'); }, 2, recordingLogger(), 'h');
    const fresh = freshRuns(log);
    for (let i = 1; i <= 4; i++) expect((await pool.run('echo never', {}, fresh(i))).stdout).toBe(`fresh ${i}\n`);
    expect(opened).toBe(1);
    expect(log).toEqual(['fresh 1', 'fresh 2', 'fresh 3', 'fresh 4']);
  });

  it('opens no more shells when a shell ends right after its first command (exec /bin/sh refused)', async () => {
    const log: string[] = [];
    let opened = 0;
    const pool = new ShellPool(async (line) => { opened++; return processFor(line.replace(/exec \/bin\/sh$/, 'exit 0')); }, 2, recordingLogger(), 'h');
    const fresh = freshRuns(log);
    expect(await pool.run('echo first', {}, fresh(1))).toEqual({ rc: 0, stdout: 'first\n', stderr: '' });
    await new Promise((r) => setTimeout(r, 100));
    expect((await pool.run('echo second', {}, fresh(2))).stdout).toBe('fresh 2\n');
    expect((await pool.run('echo third', {}, fresh(3))).stdout).toBe('fresh 3\n');
    expect(opened).toBe(1);
  });

  it('starts no shell for a first command too long for one argument', async () => {
    let opened = 0;
    const pool = new ShellPool(async (line) => { opened++; return processFor(line); }, 2, recordingLogger(), 'h');
    const long = `echo ${'x'.repeat(120 * 1024)} >/dev/null; echo done`;
    expect((await pool.run(long, {}, freshRuns([])(1))).stdout).toBe('fresh 1\n');
    expect(opened).toBe(0);
  });
});

describe.each([
  ['ssh', () => ssh.create(connectionContext('shell-ssh', fixtureHostVars(30)))],
  ['local', () => local.create(connectionContext('shell-local', {}))],
])('persistent shell over %s', (_name, create) => {
  sshFixture();
  let conn: Connection;
  beforeAll(async () => {
    conn = create();
    await warm(conn);
  });
  afterAll(async () => { await conn.close(); });

  it('runs a new connection\'s first command in the process that becomes its shell', async () => {
    const fresh = create();
    try {
      const first = (await fresh.exec(PARENT)).stdout;
      const second = (await fresh.exec(PARENT)).stdout;
      expect(second).toBe(first);
      expect((await fresh.exec(`ps -o args= -p ${first.trim()}`)).stdout.trim()).toBe('/bin/sh');
    } finally {
      await fresh.close();
    }
  });

  it('runs sequential commands in one long-lived shell, each in its own sh -c', async () => {
    const first = await conn.exec(`${PARENT}; echo $$`);
    const second = await conn.exec(`${PARENT}; echo $$`);
    const [parent1, pid1] = first.stdout.trim().split('\n');
    const [parent2, pid2] = second.stdout.trim().split('\n');
    expect(parent2).toBe(parent1); // the same shell started both
    expect(pid2).not.toBe(pid1); // but each command had its own process
    expect((await conn.exec(`ps -o args= -p ${parent1}`)).stdout.trim()).toBe('/bin/sh');
    expect((await conn.exec(`cat /proc/$(${PARENT})/comm`)).stdout).toBe('sh\n');
  });

  it('gives exactly what a fresh exec gives: rc, stdout without added newlines, stderr, exit and syntax errors', async () => {
    expect(await conn.exec('printf out; printf err >&2; exit 3')).toEqual({ rc: 3, stdout: 'out', stderr: 'err' });
    expect(await conn.exec('set -e; false; echo not reached')).toEqual({ rc: 1, stdout: '', stderr: '' });
    const syntax = await conn.exec('if then fi');
    expect(syntax.rc).toBe(2);
    expect(syntax.stderr).toMatch(/syntax error/i);
    expect(await conn.exec('printf \'%s\' "quotes \' \\" \\$ \\` and ünïcødé"')).toEqual({ rc: 0, stdout: 'quotes \' " $ ` and ünïcødé', stderr: '' });
    expect((await conn.exec('cd /; pwd')).stdout).toBe('/\n');
    expect((await conn.exec('pwd')).stdout).not.toBe('/\n'); // cd did not leak into the next command
    expect((await conn.exec('read line; echo "rc=$?"')).stdout).toBe('rc=1\n'); // stdin is empty, not the frame stream
  });

  it('runs a subshell command in a fork of the shell: no new /bin/sh, nothing leaks, exit and syntax errors as before', async () => {
    const shell = (await conn.exec(`${PARENT}`)).stdout.trim(); // a /bin/sh -c command's parent is the shell
    const sub = { subshell: true };
    // $$ in a subshell is the shell's own pid: the command ran in a fork of it, not in a new sh.
    expect((await conn.exec('echo $$', sub)).stdout.trim()).toBe(shell);
    expect(await conn.exec('printf out; printf err >&2; exit 3', sub)).toEqual({ rc: 3, stdout: 'out', stderr: 'err' });
    expect(await conn.exec('set -e; false; echo not reached', sub)).toEqual({ rc: 1, stdout: '', stderr: '' });
    const syntax = await conn.exec('if then fi', sub);
    expect([syntax.rc, /syntax error/i.test(syntax.stderr)]).toEqual([2, true]);
    expect((await conn.exec('cd /; tsible_x=leaked; trap "echo trapped" EXIT; pwd', sub)).stdout).toBe('/\ntrapped\n');
    expect((await conn.exec('pwd; echo "[$tsible_x]"', sub)).stdout).not.toMatch(/^\/\n|leaked/);
    expect((await conn.exec('read line; echo "rc=$?"', sub)).stdout).toBe('rc=1\n');
    expect((await conn.exec(`${PARENT}`)).stdout.trim()).toBe(shell); // the same shell serves on
  });

  it('returns large output intact', async () => {
    const result = await conn.exec('head -c 3000000 /dev/zero | tr "\\0" a; echo; seq 1 20000 >&2');
    expect(result.stdout.length).toBe(3000001);
    expect(result.stderr.split('\n').length).toBe(20001);
  });

  it('kills a command that times out with its children, and the next command gets a new shell', async () => {
    const marker = `tsible-timeout-${process.pid}-${Date.now()}`;
    const before = (await conn.exec(PARENT)).stdout;
    const started = Date.now();
    const result = await conn.exec(`sh -c 'sleep 30; echo ${marker}' & echo started; wait`, { timeoutSeconds: 1 });
    expect(Date.now() - started).toBeLessThan(5000);
    expect(result.rc).toBe(-1);
    expect(result.stdout).toBe('started\n');
    expect(result.stderr).toMatch(/timed out after 1s/);
    await new Promise((r) => setTimeout(r, 300));
    expect((await conn.exec(`pgrep -f '[s]leep 30; echo ${marker}' || echo gone`)).stdout).toBe('gone\n');
    await warm(conn);
    expect((await conn.exec(PARENT)).stdout).not.toBe(before);
  });

  it('cancels a command on abort', async () => {
    const controller = new AbortController();
    const running = conn.exec('sleep 30', { signal: controller.signal });
    setTimeout(() => controller.abort(), 200);
    const error = await running.then(() => undefined, (e: unknown) => e);
    expect(isTsibleError(error) && error.code).toBe('TSIBLE_ABORTED');
    expect((await conn.exec('echo still works')).stdout).toBe('still works\n');
    await warm(conn);
  });

  it('gives up a shell that a background process keeps writing to, without mixing its output into later commands', async () => {
    const first = await conn.exec(`${PARENT}; (sleep 0.3; echo stray output) &`);
    expect(first.stdout.trim().split('\n')).toHaveLength(1);
    await new Promise((r) => setTimeout(r, 600));
    await warm(conn);
    const later = await conn.exec(`${PARENT}; echo clean`);
    const [parent, text] = later.stdout.trim().split('\n');
    expect(text).toBe('clean');
    expect(later.stdout).not.toMatch(/stray/);
    expect(parent).not.toBe(first.stdout.trim());
  });

  it('runs concurrent commands correctly (shells while free, fresh processes beyond)', async () => {
    const results = await Promise.all(Array.from({ length: 12 }, (_, i) => conn.exec(`sleep 0.2; echo ${i}; echo e${i} >&2`)));
    expect(results).toEqual(Array.from({ length: 12 }, (_, i) => ({ rc: 0, stdout: `${i}\n`, stderr: `e${i}\n` })));
  });

  it('gives commands with stdin a fresh process, byte for byte', async () => {
    const parent = (await conn.exec(PARENT)).stdout;
    const all = Buffer.from(Array.from({ length: 512 }, (_, i) => i % 256));
    const echoed = await conn.exec(`${PARENT} >&2; od -An -v -tu1 | tr -s " \\n" "  "`, { stdin: all });
    expect(echoed.stderr).not.toBe(parent);
    expect(echoed.stdout.trim().split(' ').map(Number)).toEqual([...all]);
  });
});

describe('local connection reset', () => {
  it('drops the persistent shells on reset_connection, so later commands run in new ones', async () => {
    const conn = local.create(connectionContext('shell-reset', {}));
    try {
      await warm(conn);
      const before = (await conn.exec(PARENT)).stdout;
      await conn.reset();
      await warm(conn);
      const after = (await conn.exec(PARENT)).stdout;
      expect(after).not.toBe(before);
      expect((await conn.exec(`cat /proc/${after.trim()}/comm`)).stdout).toBe('sh\n');
    } finally {
      await conn.close();
    }
  });
});

describe('persistent shells turned off', () => {
  sshFixture();
  it('runs every command in a fresh exec when persistent_shells is 0', async () => {
    const conn = ssh.create(connectionContext('shell-off', fixtureHostVars(31), { persistent_shells: 0 }));
    try {
      // sshd starts each command's shell itself: no persistent sh in between
      expect((await conn.exec(`cat /proc/$(${PARENT})/comm`)).stdout).toBe('sshd\n');
      expect((await conn.exec(`cat /proc/$(${PARENT})/comm`)).stdout).toBe('sshd\n');
    } finally {
      await conn.close();
    }
  });
});
