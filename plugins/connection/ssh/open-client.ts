import type { Duplex } from 'node:stream';
import type { Client, ConnectConfig } from 'ssh2';
// The client alone, not ssh2's index (see ssh2-parts.d.ts); the types are the package's.
import ClientClass = require('ssh2/lib/client.js');
import { UnreachableError, type Logger } from 'tsible';
import { authHandler, loadIdentities, type AuthLog } from './auth.js';
import { verifyHostKey, preferredHostKeyAlgorithms } from './host-key.js';
import type { SshTarget } from './target.js';

/** curve25519 first: ssh2's group-exchange KEX costs ~1.8 s per handshake, curve25519 ~40 ms. */
export const KEX_ORDER = [
  'curve25519-sha256', 'curve25519-sha256@libssh.org',
  'ecdh-sha2-nistp256', 'ecdh-sha2-nistp384', 'ecdh-sha2-nistp521',
  'diffie-hellman-group14-sha256', 'diffie-hellman-group16-sha512', 'diffie-hellman-group18-sha512',
  'diffie-hellman-group-exchange-sha256',
];

export function label(t: SshTarget): string {
  return `${t.user}@${t.host}:${t.port}`;
}

/**
 * Runs the SSH handshake and authentication for one hop over an already connected stream.
 * Resolves once the client is ready; rejects with UnreachableError naming the real reason
 * (host key problem, authentication, timeout, reset). `deadline` is an absolute time in ms.
 */
export function openClient(target: SshTarget, sock: Duplex, deadline: number, log: Logger, cache?: Map<string, unknown>): Promise<Client> {
  const client = new ClientClass();
  const authLog: AuthLog = { tried: [], notes: [] };
  const identities = loadIdentities(target, authLog, log, cache);
  let hostKeyError: UnreachableError | undefined;
  const config: ConnectConfig = {
    sock, username: target.user,
    readyTimeout: 0, // our own deadline covers TCP connect + handshake + auth
    keepaliveInterval: target.keepaliveIntervalMs, keepaliveCountMax: target.keepaliveCountMax,
    algorithms: { kex: KEX_ORDER as never, serverHostKey: preferredHostKeyAlgorithms(target, cache) as never },
    hostVerifier: (key: Buffer) => {
      hostKeyError = verifyHostKey(target, key, log, cache);
      return !hostKeyError;
    },
    authHandler: authHandler(target, identities, authLog),
  };
  return new Promise<Client>((resolve, reject) => {
    const fail = (error: Error): void => {
      clearTimeout(timer);
      client.removeAllListeners('ready');
      client.on('error', () => { /* late errors after we gave up */ });
      client.end();
      sock.destroy();
      reject(error);
    };
    const timer = setTimeout(() => fail(new UnreachableError(
      `timed out after ${Math.round(target.connectTimeoutMs / 100) / 10}s waiting for the SSH handshake with ${label(target)}`,
      { hints: ['the port accepts connections but does not speak SSH in time; check the port and the timeout setting'] },
    )), Math.max(0, deadline - Date.now()));
    const onClose = (): void => fail(hostKeyError ?? new UnreachableError(`${label(target)} closed the connection during the SSH handshake`));
    const onError = (error: Error & { level?: string }): void => {
      if (hostKeyError) return fail(hostKeyError);
      if (error.level === 'client-authentication') return fail(authError(target, authLog));
      fail(new UnreachableError(`SSH handshake with ${label(target)} failed: ${error.message}`, { cause: error }));
    };
    client.once('ready', () => {
      clearTimeout(timer);
      client.removeListener('error', onError);
      client.removeListener('close', onClose);
      client.on('error', () => { /* the owner watches 'close' to notice a dropped connection */ });
      resolve(client);
    });
    client.once('error', onError);
    client.once('close', onClose);
    client.once('handshake', (negotiated) => log.verbose(4,
      `ssh: ${label(target)} kex ${negotiated.kex}, host key ${negotiated.serverHostKey}, cipher ${negotiated.cs.cipher}`));
    client.connect(config);
  });
}

function authError(target: SshTarget, authLog: AuthLog): UnreachableError {
  const tried = authLog.tried.length ? authLog.tried.join(', ') : 'nothing';
  const allowed = authLog.serverMethods ? ` (server allows: ${authLog.serverMethods.join(',')})` : '';
  const notes = authLog.notes.length ? `; ${authLog.notes.join('; ')}` : '';
  return new UnreachableError(`Permission denied for ${label(target)}: tried ${tried}${allowed}${notes}`, {
    hints: ['set ansible_user, ansible_ssh_private_key_file or ansible_password (-k), or load the key into ssh-agent'],
  });
}
