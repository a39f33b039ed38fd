import { readFileSync } from 'node:fs';
import { utils, type AnyAuthMethod, type AuthHandlerMiddleware, type ParsedKey } from 'ssh2';
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
export function loadIdentities(target: SshTarget, authLog: AuthLog, log: Logger): Identity[] {
  const identities: Identity[] = [];
  for (const path of target.identityFiles) {
    let data: Buffer;
    try {
      data = readFileSync(path);
    } catch (error) {
      authLog.notes.push(`key ${path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
      continue;
    }
    const parsed = utils.parseKey(data, target.passphrase);
    if (parsed instanceof Error) {
      const encrypted = /encrypted|passphrase|decrypt/i.test(parsed.message) || /ENCRYPTED|bcrypt/.test(data.toString('latin1'));
      const reason = encrypted && !target.passphrase
        ? 'is encrypted and no passphrase was given (ansible_ssh_private_key_passphrase)'
        : encrypted ? 'could not be decrypted with the given passphrase' : `could not be read: ${parsed.message}`;
      authLog.notes.push(`key ${path} ${reason}`);
      log.verbose(3, `ssh key ${path} ${reason}`);
      continue;
    }
    identities.push({ path, key: Array.isArray(parsed) ? parsed[0]! : parsed });
  }
  return identities;
}

/**
 * Tries, in order: each identity file, the ssh-agent, then the password (through `password`, or
 * `keyboard-interactive` answering every hidden prompt). Methods the server does not offer are
 * skipped once it has said which ones it accepts.
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
  return (methodsLeft, _partial, callback) => {
    if (methodsLeft) authLog.serverMethods = methodsLeft;
    while (next < plan.length) {
      const step = plan[next++]!;
      if (methodsLeft && !(methodsLeft as string[]).includes(step.method)) continue;
      authLog.tried.push(step.describe);
      return callback(step.make());
    }
    return callback(false as never);
  };
}
