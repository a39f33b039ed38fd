import { execFileSync, spawn } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, readdirSync, rmSync, unlinkSync, writeFileSync, mkdirSync } from 'node:fs';
import { createServer, connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FIXTURE_USER, NOPASS_BECOME_USER, ensureFixtureUser, ensurePackages } from './ssh-fixture-system';
import { SSH_FIXTURE_ENV, type SshFixture } from './sshd';

/**
 * How many loopback addresses (127.0.0.2 …) tests may use as distinct hosts. sshd accepts at most
 * 16 ListenAddress lines, so the main sshd listens on the wildcard address and only lets the test
 * user in from loopback (AllowUsers user@127.0.0.0/8).
 */
const HOST_COUNT = 100;

/** Starts sshd, the jump sshd and an ssh-agent; returns what tests need (also put in the env). */
export async function startSshFixture(repoRoot: string): Promise<SshFixture> {
  ensurePackages(repoRoot);
  const password = ensureFixtureUser();
  mkdirSync('/run/sshd', { recursive: true, mode: 0o755 });
  removeStaleFixtures();
  const dir = mkdtempSync(join(tmpdir(), 'tsible-sshd-'));
  chmodSync(dir, 0o755); // sshd reads authorized_keys as the test user
  const pids: number[] = [];
  try {
    return await startIn(dir, password, pids);
  } catch (error) {
    for (const pid of pids) killQuietly(pid);
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
}

async function startIn(dir: string, password: string, pids: number[]): Promise<SshFixture> {
  const keys = generateKeys(dir);
  const hosts = Array.from({ length: HOST_COUNT }, (_, i) => `127.0.0.${i + 2}`);
  const main = await startSshd(dir, 'main', ['0.0.0.0'], mainOptions(), hosts.slice(0, 3));
  pids.push(main.pid);
  const jump = await startSshd(dir, 'jump', ['127.0.0.1'], jumpOptions(), ['127.0.0.1']);
  pids.push(jump.pid);
  const agent = await startAgent(dir, keys.agentKey);
  pids.push(agent.pid);
  writeFileSync(join(dir, 'owner.json'), JSON.stringify({ ownerPid: process.pid, pids }));
  const knownHosts = join(dir, 'known_hosts');
  const entries = [...hosts.map((h) => `[${h}]:${main.port}`), `[127.0.0.1]:${jump.port}`];
  writeFileSync(knownHosts, entries.map((e) => `${e} ${keys.hostPublic}\n`).join(''));
  return {
    dir, hosts, port: main.port, user: FIXTURE_USER, password, nopassBecomeUser: NOPASS_BECOME_USER,
    keys: { ed25519: keys.ed25519, encrypted: keys.encrypted, passphrase: keys.passphrase, pem: keys.pem, agentPublic: keys.agentPublic },
    knownHosts, hostPublicKey: keys.hostPublic, hostKeyFingerprint: keys.hostFingerprint,
    otherHostPublicKey: keys.otherHostPublic, agentSocket: agent.socket,
    jump: { host: '127.0.0.1', port: jump.port, log: jump.log }, sshdLog: main.log, sshdPid: main.pid, pids: [...pids],
  };
}

/** Kills what startSshFixture started (by pid) and removes its directory. */
export function stopSshFixture(): void {
  const raw = process.env[SSH_FIXTURE_ENV];
  if (!raw) return;
  const fx = JSON.parse(raw) as Partial<SshFixture>;
  for (const pid of fx.pids ?? []) killQuietly(pid);
  if (fx.dir) rmSync(fx.dir, { recursive: true, force: true });
}

/**
 * A jest run that was killed never ran its teardown: stop the processes of fixtures whose owner is
 * gone. Only pids recorded by the fixture are touched, and only if their command line still names
 * the fixture's directory (pids get reused).
 */
function removeStaleFixtures(): void {
  for (const name of readdirSync(tmpdir()).filter((n) => n.startsWith('tsible-sshd-'))) {
    const dir = join(tmpdir(), name);
    let owner: { ownerPid: number; pids: number[] };
    try {
      owner = JSON.parse(readFileSync(join(dir, 'owner.json'), 'utf8')) as typeof owner;
    } catch {
      continue; // still starting, or not ours
    }
    if (isAlive(owner.ownerPid)) continue;
    for (const pid of owner.pids) {
      const cmdline = safeReadRaw(`/proc/${pid}/cmdline`);
      if (cmdline.includes(dir)) killQuietly(pid);
    }
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Whether a process still runs (or is a zombie not yet reaped). */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

function safeReadRaw(file: string): string {
  try { return readFileSync(file, 'latin1'); } catch { return ''; }
}

function generateKeys(dir: string) {
  const keygen = (file: string, ...args: string[]): string => {
    execFileSync('ssh-keygen', ['-q', '-f', file, '-C', 'tsible-test', ...args]);
    return readFileSync(`${file}.pub`, 'utf8').trim();
  };
  const hostPublic = keygen(join(dir, 'host_ed25519'), '-t', 'ed25519', '-N', '');
  const otherHostPublic = keygen(join(dir, 'other_host_ed25519'), '-t', 'ed25519', '-N', '');
  const passphrase = 'fixture passphrase';
  const ed25519 = join(dir, 'id_ed25519');
  const encrypted = join(dir, 'id_encrypted');
  const pem = join(dir, 'id_pem');
  const agentKey = join(dir, 'id_agent');
  const authorized = [
    keygen(ed25519, '-t', 'ed25519', '-N', ''),
    keygen(encrypted, '-t', 'ed25519', '-N', passphrase),
    keygen(pem, '-t', 'ecdsa', '-b', '256', '-m', 'PEM', '-N', ''),
    keygen(agentKey, '-t', 'ed25519', '-N', ''),
  ];
  writeFileSync(join(dir, 'authorized_keys'), `${authorized.join('\n')}\n`, { mode: 0o644 });
  const hostFingerprint = execFileSync('ssh-keygen', ['-l', '-E', 'sha256', '-f', join(dir, 'host_ed25519.pub')], { encoding: 'utf8' }).split(' ')[1]!;
  return { hostPublic, otherHostPublic, hostFingerprint, passphrase, ed25519, encrypted, pem, agentKey, agentPublic: authorized[3]! };
}

function mainOptions(): string[] {
  return ['UsePAM no', 'KbdInteractiveAuthentication no', 'Subsystem sftp internal-sftp', 'MaxSessions 10'];
}

function jumpOptions(): string[] {
  // PAM gives keyboard-interactive; no Subsystem line, so this server has no SFTP.
  return ['UsePAM yes', 'KbdInteractiveAuthentication yes', 'PasswordAuthentication no', 'LogLevel DEBUG1', 'MaxSessions 10'];
}

function sshdConfig(dir: string, name: string, addresses: string[], port: number, extra: string[]): string {
  // OpenSSH keeps the first value of a keyword: the per-server options come first.
  return [
    ...extra,
    `Port ${port}`,
    ...addresses.map((a) => `ListenAddress ${a}`),
    `HostKey ${join(dir, 'host_ed25519')}`,
    `PidFile ${join(dir, `${name}.pid`)}`,
    `AuthorizedKeysFile ${join(dir, 'authorized_keys')}`,
    'StrictModes no', 'UseDNS no', 'PermitRootLogin no', `AllowUsers ${FIXTURE_USER}@127.0.0.0/8`,
    'PasswordAuthentication yes', 'PubkeyAuthentication yes', 'PrintMotd no', 'PrintLastLog no',
    'AllowTcpForwarding yes', 'MaxStartups 300:30:600', 'MaxAuthTries 20', 'LoginGraceTime 30',
  ].join('\n') + '\n';
}

async function startSshd(dir: string, name: string, addresses: string[], extra: string[], probe: string[]) {
  let lastError = '';
  for (let attempt = 0; attempt < 5; attempt++) {
    const port = await freePort(addresses[0]!);
    const config = join(dir, `${name}_sshd_config`);
    const log = join(dir, `${name}_sshd.log`);
    writeFileSync(config, sshdConfig(dir, name, addresses, port, extra));
    const child = spawn('/usr/sbin/sshd', ['-D', '-f', config, '-E', log], { detached: true, stdio: 'ignore' });
    child.unref();
    if (await waitForListening(probe, port, child)) return { port, log, pid: child.pid! };
    lastError = safeRead(log);
    killQuietly(child.pid!);
  }
  throw new Error(`sshd (${name}) did not start: ${lastError}`);
}

async function startAgent(dir: string, keyFile: string) {
  const socket = join(dir, 'agent.sock');
  const child = spawn('ssh-agent', ['-D', '-a', socket], { detached: true, stdio: 'ignore' });
  child.unref();
  for (let i = 0; i < 100; i++) {
    try {
      execFileSync('ssh-add', ['-q', keyFile], { env: { ...process.env, SSH_AUTH_SOCK: socket }, stdio: 'pipe' });
      unlinkSync(keyFile); // only the agent holds this key from now on
      return { socket, pid: child.pid! };
    } catch {
      await sleep(20);
    }
  }
  throw new Error('ssh-agent did not start');
}

function freePort(address: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, address, () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

async function waitForListening(addresses: string[], port: number, child: ReturnType<typeof spawn>): Promise<boolean> {
  for (let i = 0; i < 150; i++) {
    if (child.exitCode !== null) return false;
    const ok = await Promise.all(addresses.map((a) => canConnect(a, port)));
    if (ok.every(Boolean)) return true;
    await sleep(20);
  }
  return false;
}

function canConnect(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    socket.once('connect', () => { socket.destroy(); resolve(true); });
    socket.once('error', () => resolve(false));
  });
}

function safeRead(file: string): string {
  try { return readFileSync(file, 'utf8').trim().split('\n').slice(-5).join(' | '); } catch { return '(no log)'; }
}

function killQuietly(pid: number): void {
  try { process.kill(pid, 'SIGTERM'); } catch { /* already gone */ }
}

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}
