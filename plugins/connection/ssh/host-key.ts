import { UnreachableError, type Logger } from 'tsible';
import { checkHostKey, fingerprintOf, keyTypeOf, knownHostsName, knownKeyTypes, rememberHostKey } from './known-hosts.js';
import type { SshTarget } from './target.js';

const DEFAULT_HOST_KEY_ALGORITHMS = [
  'ssh-ed25519', 'ecdsa-sha2-nistp256', 'ecdsa-sha2-nistp384', 'ecdsa-sha2-nistp521', 'rsa-sha2-512', 'rsa-sha2-256', 'ssh-rsa',
];

function algorithmsFor(keyType: string): string[] {
  return keyType === 'ssh-rsa' ? ['rsa-sha2-512', 'rsa-sha2-256', 'ssh-rsa'] : [keyType];
}

/** Host key algorithms with the types already in known_hosts first, so the key we get can be checked. */
export function preferredHostKeyAlgorithms(target: SshTarget, cache?: Map<string, unknown>): string[] {
  if (target.strict === 'off') return DEFAULT_HOST_KEY_ALGORITHMS;
  const known = knownKeyTypes(target.knownHostsFiles, target.host, target.port, cache).flatMap(algorithmsFor)
    .filter((a) => DEFAULT_HOST_KEY_ALGORITHMS.includes(a));
  return [...new Set([...known, ...DEFAULT_HOST_KEY_ALGORITHMS])];
}

/**
 * Checks the server's key against known_hosts. Returns the error to report, or undefined to go on.
 * A changed or revoked key is refused whenever checking is on (also with accept-new); an unknown
 * one is refused with its fingerprint and how to accept it.
 */
export function verifyHostKey(target: SshTarget, blob: Buffer, log: Logger, cache?: Map<string, unknown>): UnreachableError | undefined {
  if (target.strict === 'off') return undefined;
  const name = knownHostsName(target.host, target.port);
  const type = keyTypeOf(blob);
  const fingerprint = fingerprintOf(blob);
  const check = checkHostKey(target.knownHostsFiles, target.host, target.port, blob, cache);
  if (check.status === 'match') return undefined;
  if (check.status === 'mismatch' || check.status === 'revoked') {
    const what = check.status === 'revoked' ? 'has been REVOKED' : 'has CHANGED';
    return new UnreachableError(
      `host key verification failed: the ${type} host key for ${name} ${what} (now ${fingerprint}; `
      + `known_hosts entry at ${check.where}). This could be a man-in-the-middle attack, or the host was reinstalled.`,
      { hints: [`if the change is expected, remove the old key with: ssh-keygen -R '${name}'`] },
    );
  }
  const file = target.knownHostsFiles[0];
  if (target.strict === 'accept-new' && file) {
    rememberHostKey(file, target.host, target.port, blob);
    log.warn(`Permanently added '${name}' (${type} ${fingerprint}) to the list of known hosts (${file}).`);
    return undefined;
  }
  return new UnreachableError(
    `host key verification failed: ${name} is not a known host (${type} key fingerprint is ${fingerprint}). `
    + `To accept it, check the fingerprint, then run: ssh-keyscan -p ${target.port} -t ${type} ${target.host} >> ~/.ssh/known_hosts`,
    {
      hints: [
        `check the fingerprint, then accept it with: ssh-keyscan -p ${target.port} -t ${type} ${target.host} >> ~/.ssh/known_hosts`,
        'or connect once with the ssh command, or use -o StrictHostKeyChecking=accept-new, or set host_key_checking = False',
      ],
    },
  );
}
