import { execFileSync, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** The unprivileged account tests log in as (never root: root's shell start-up is slow). */
export const FIXTURE_USER = 'tsible';
/** A user `FIXTURE_USER` may become with sudo/doas without a password. */
export const NOPASS_BECOME_USER = 'nobody';

const STATE_DIR = '/var/lib/tsible-test';

/** Installs openssh-server, sudo and doas through .ci/install-test-deps.sh when one is missing. */
export function ensurePackages(repoRoot: string): void {
  const needed = ['/usr/sbin/sshd', '/usr/bin/ssh-keygen', '/usr/bin/ssh-agent', '/usr/bin/sudo', '/usr/bin/doas'];
  if (needed.every((file) => existsSync(file))) return;
  if (process.getuid?.() !== 0) {
    throw new Error(`the sshd test fixture needs ${needed.filter((f) => !existsSync(f)).join(', ')}; `
      + 'run .ci/install-test-deps.sh as root');
  }
  execFileSync('sh', [join(repoRoot, '.ci', 'install-test-deps.sh')], { stdio: 'inherit' });
}

/**
 * Creates the test user once, with a random password kept in a root-only file so that several
 * test runs at the same time agree on it, and installs its sudo and doas rules.
 */
export function ensureFixtureUser(): string {
  if (process.getuid?.() !== 0) throw new Error('the sshd test fixture must run as root to manage its test user');
  if (spawnSync('id', ['-u', FIXTURE_USER]).status !== 0) {
    const made = spawnSync('useradd', ['--create-home', '--shell', '/bin/sh', FIXTURE_USER], { encoding: 'utf8' });
    if (made.status !== 0 && spawnSync('id', ['-u', FIXTURE_USER]).status !== 0) throw new Error(`useradd failed: ${made.stderr}`);
  }
  const password = fixturePassword();
  execFileSync('chpasswd', { input: `${FIXTURE_USER}:${password}\n` });
  writeAtomically('/etc/sudoers.d/tsible-test', sudoRules(), 0o440);
  writeAtomically('/etc/doas.conf', doasRules(), 0o600);
  return password;
}

function fixturePassword(): string {
  mkdirSync(STATE_DIR, { recursive: true, mode: 0o700 });
  const file = join(STATE_DIR, 'password');
  try {
    writeFileSync(file, `T${randomBytes(12).toString('base64url')}`, { flag: 'wx', mode: 0o600 });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  return readFileSync(file, 'utf8').trim();
}

function sudoRules(): string {
  return [
    '# Written by the tsible test fixture.',
    `Defaults:${FIXTURE_USER} timestamp_timeout=0, lecture=never, passwd_tries=3`,
    `${FIXTURE_USER} ALL=(ALL:ALL) ALL`,
    `${FIXTURE_USER} ALL=(${NOPASS_BECOME_USER}) NOPASSWD: ALL`,
    '',
  ].join('\n');
}

function doasRules(): string {
  const existing = existsSync('/etc/doas.conf') ? readFileSync('/etc/doas.conf', 'utf8') : '';
  const ours = [
    '# tsible test fixture',
    `permit ${FIXTURE_USER} as root`,
    `permit nopass ${FIXTURE_USER} as ${NOPASS_BECOME_USER}`,
  ];
  const kept = existing.split('\n').filter((line) => line.trim() && !ours.includes(line));
  return [...kept, ...ours, ''].join('\n');
}

function writeAtomically(file: string, content: string, mode: number): void {
  if (existsSync(file) && readFileSync(file, 'utf8') === content) return;
  const temp = `${file}.${process.pid}.tmp`;
  writeFileSync(temp, content, { mode });
  renameSync(temp, file);
}
