import { createHash, createPrivateKey, sign as cryptoSign, type KeyObject } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import type { AnyAuthMethod, AuthHandlerMiddleware, ParsedKey } from 'ssh2';
import { parseKey } from 'ssh2/lib/protocol/keyParser.js';
import type { Logger } from 'tsible';
import type { SshTarget } from './target.js';

/** What authentication tried, for the "Permission denied" message. */
export interface AuthLog {
  tried: string[];
  notes: string[];
  serverMethods?: string[];
}

export interface Identity {
  path: string;
  key: ParsedKey;
}

/**
 * Reads and decrypts the identity files. A missing default key is skipped silently; an explicit
 * one that is missing, unreadable or cannot be decrypted is noted for the error message.
 */
export function loadIdentities(target: SshTarget, authLog: AuthLog, log: Logger, cache?: Map<string, unknown>): Identity[] {
  const identities: Identity[] = [];
  for (const path of target.identityFiles) {
    const cacheKey = identityCacheKey(path, target.passphrase);
    const cached = cacheKey ? cache?.get(cacheKey) as ParsedKey | undefined : undefined;
    if (cached) {
      identities.push({ path, key: cached });
      continue;
    }
    let data: Buffer;
    try {
      data = readFileSync(path);
    } catch (error) {
      authLog.notes.push(`key ${path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
      continue;
    }
    const parsed = parseKey(data, target.passphrase);
    if (parsed instanceof Error) {
      const encrypted = /encrypted|passphrase|decrypt/i.test(parsed.message) || /ENCRYPTED|bcrypt/.test(data.toString('latin1'));
      const reason = encrypted && !target.passphrase
        ? 'is encrypted and no passphrase was given (ansible_ssh_private_key_passphrase)'
        : encrypted ? 'could not be decrypted with the given passphrase' : `could not be read: ${parsed.message}`;
      authLog.notes.push(`key ${path} ${reason}`);
      log.verbose(3, `ssh key ${path} ${reason}`);
      continue;
    }
    const key = withCachedSigningKey(Array.isArray(parsed) ? parsed[0]! : parsed);
    if (cacheKey) cache?.set(cacheKey, key);
    identities.push({ path, key });
  }
  return identities;
}

/** The hash a key type signs with when ssh2 names none (RSA names one when it negotiated rsa-sha2-*). */
const DEFAULT_HASH: Record<string, string | null> = {
  'ssh-ed25519': null, 'ecdsa-sha2-nistp256': 'sha256', 'ecdsa-sha2-nistp384': 'sha384', 'ecdsa-sha2-nistp521': 'sha512',
  'ssh-rsa': 'sha1', 'ssh-dss': 'sha1',
};

/**
 * The same key, signing with a KeyObject made once. ssh2 signs with the key's PEM text, which
 * OpenSSL parses again for every signature (about a millisecond each, once per host connected);
 * the signature itself is identical. Keys of other types are returned as they are.
 */
export function withCachedSigningKey(key: ParsedKey): ParsedKey {
  const defaultHash = DEFAULT_HASH[key.type];
  const pem = key.getPrivatePEM();
  if (defaultHash === undefined || !pem) return key;
  let privateKey: KeyObject;
  try {
    privateKey = createPrivateKey(pem);
  } catch {
    return key;
  }
  const fast = Object.create(key) as ParsedKey;
  // Like ssh2's own sign, a failure is returned (ssh2 checks `instanceof Error`), not thrown.
  const sign = (data: string | Buffer, algo?: string): Buffer | Error => {
    try {
      return cryptoSign(algo || defaultHash, Buffer.from(data), privateKey);
    } catch (error) {
      return error as Error;
    }
  };
  fast.sign = sign as ParsedKey['sign'];
  return fast;
}

function identityCacheKey(path: string, passphrase: string | undefined): string | undefined {
  try {
    const stat = statSync(path);
    const secret = passphrase === undefined ? '' : createHash('sha256').update(passphrase).digest('hex');
    return `ssh-identity\0${path}\0${stat.mtimeMs}\0${stat.size}\0${secret}`;
  } catch {
    return undefined;
  }
}

/**
 * Tries, in order: each identity file, the ssh-agent, then the password (through `password`, or
 * `keyboard-interactive` answering every hidden prompt). Methods the server does not offer are
 * skipped once it has said which ones it accepts.
 *
 * With a key file to offer, the key goes first: a server that takes it needs no `none` request
 * before (OpenSSH's way of learning the accepted methods), one round trip less per connection.
 * Without one, `none` comes first, so no password is sent to a server that does not take
 * passwords. A server that refuses everything is asked `none` last (servers without
 * authentication accept only that).
 */
export function authHandler(target: SshTarget, identities: Identity[], authLog: AuthLog): AuthHandlerMiddleware {
  const username = target.user;
  const plan: Array<{ method: string; describe: string; make: () => AnyAuthMethod }> = [
    ...identities.map((id) => ({ method: 'publickey', describe: `publickey ${id.path}`, make: (): AnyAuthMethod => ({ type: 'publickey', username, key: id.key }) })),
  ];
  if (target.agentSocket) {
    plan.push({ method: 'publickey', describe: 'ssh-agent', make: () => ({ type: 'agent', username, agent: target.agentSocket! }) });
  }
  if (target.password !== undefined) {
    const password = target.password;
    plan.push({ method: 'password', describe: 'password', make: () => ({ type: 'password', username, password }) });
    plan.push({
      method: 'keyboard-interactive', describe: 'keyboard-interactive',
      make: () => ({
        type: 'keyboard-interactive', username,
        prompt: (_name, _instructions, _lang, prompts, finish) => finish(prompts.map((p) => (p.echo ? '' : password))),
      }),
    });
  }
  let next = 0;
  let askedNone = false;
  const keyFirst = identities.length > 0;
  return (methodsLeft, _partial, callback) => {
    if (!askedNone && !keyFirst) {
      askedNone = true; // the reply lists the methods worth trying
      return callback({ type: 'none', username });
    }
    if (methodsLeft) authLog.serverMethods = methodsLeft;
    while (next < plan.length) {
      const step = plan[next++]!;
      if (methodsLeft && !(methodsLeft as string[]).includes(step.method)) continue;
      authLog.tried.push(step.describe);
      return callback(step.make());
    }
    if (!askedNone) {
      askedNone = true;
      return callback({ type: 'none', username });
    }
    return callback(false as never);
  };
}
