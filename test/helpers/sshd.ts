/**
 * What the jest global setup started (test/helpers/ssh-fixture.ts), as seen from a test: a real
 * OpenSSH server listening on several loopback addresses (each acts as a distinct host), a jump
 * host, a non-root user with sudo/doas, client keys, an ssh-agent and a known_hosts file.
 */
export interface SshFixture {
  /** Temp directory holding keys, configs and logs (removed by the global teardown). */
  dir: string;
  /** Addresses the main sshd listens on: 127.0.0.2, 127.0.0.3, … Use one per inventory host. */
  hosts: string[];
  port: number;
  user: string;
  /** Login password of `user`; also its sudo/doas/su password. */
  password: string;
  /** A user `user` can become with sudo or doas without a password. */
  nopassBecomeUser: string;
  keys: {
    /** Unencrypted OpenSSH-format ed25519 key. */
    ed25519: string;
    /** OpenSSH-format ed25519 key encrypted with `passphrase`. */
    encrypted: string;
    passphrase: string;
    /** Classic PEM ("BEGIN EC PRIVATE KEY") key. */
    pem: string;
    /** A key that only the ssh-agent holds (its private file is deleted). */
    agentPublic: string;
  };
  /** known_hosts with the host key for every address and the jump host. */
  knownHosts: string;
  hostPublicKey: string;
  /** `SHA256:…` as OpenSSH prints it. */
  hostKeyFingerprint: string;
  /** A host key that is NOT the server's, for changed-key tests. */
  otherHostPublicKey: string;
  agentSocket: string;
  /** A second sshd: jump host; also the one with PAM keyboard-interactive and without SFTP. */
  jump: { host: string; port: number; log: string };
  sshdLog: string;
  sshdPid: number;
  /** Processes the global teardown stops. */
  pids: number[];
}

export const SSH_FIXTURE_ENV = 'TSIBLE_SSH_FIXTURE';

/** The running fixture; throws with the reason when the global setup could not start it. */
export function sshFixture(): SshFixture {
  const raw = process.env[SSH_FIXTURE_ENV];
  if (!raw) throw new Error('the sshd fixture is not running: jest globalSetup (test/setup/global-setup.ts) did not start it');
  const parsed = JSON.parse(raw) as SshFixture | { error: string };
  if ('error' in parsed) throw new Error(`the sshd fixture failed to start: ${parsed.error}`);
  return parsed;
}

/** Inventory-style variables to reach fixture host `index` (0-based) with the unencrypted key. */
export function fixtureHostVars(index = 0, extra: Record<string, unknown> = {}): Record<string, unknown> {
  const fx = sshFixture();
  return {
    ansible_host: fx.hosts[index],
    ansible_port: fx.port,
    ansible_user: fx.user,
    ansible_ssh_private_key_file: fx.keys.ed25519,
    ansible_ssh_common_args: `-o UserKnownHostsFile=${fx.knownHosts}`,
    ...extra,
  };
}

/**
 * An INI inventory with `count` fixture hosts named host1, host2, … (each on its own loopback
 * address) in group `group`, with the user, key and known_hosts needed to reach them.
 */
export function fixtureInventoryIni(count: number, group = 'fixture'): string {
  const fx = sshFixture();
  if (count > fx.hosts.length) throw new Error(`the fixture has ${fx.hosts.length} host addresses, not ${count}`);
  const lines = fx.hosts.slice(0, count).map((address, i) => `host${i + 1} ansible_host=${address}`);
  return [
    `[${group}]`, ...lines, '',
    `[${group}:vars]`,
    `ansible_port=${fx.port}`,
    `ansible_user=${fx.user}`,
    `ansible_ssh_private_key_file=${fx.keys.ed25519}`,
    `ansible_ssh_common_args='-o UserKnownHostsFile=${fx.knownHosts}'`,
    `ansible_become_password=${fx.password}`,
    '',
  ].join('\n');
}
