import { constants } from 'node:fs';
import { access, readFile, stat } from 'node:fs/promises';
import { homedir } from 'node:os';
import { basename, extname, resolve } from 'node:path';
import { TsibleError } from '../errors.js';
import { isVaultText } from './envelope.js';
import type { VaultSecrets } from './secrets.js';

/** Exit status of a `*-client` password script that has no secret for the requested vault id. */
const CLIENT_UNKNOWN_ID = 2;

function vaultError(message: string): TsibleError {
  return new TsibleError('TSIBLE_VAULT', message);
}

export function expandUser(path: string, env: NodeJS.ProcessEnv): string {
  if (path === '~' || path.startsWith('~/')) return (env.HOME ?? homedir()) + path.slice(1);
  return path;
}

async function isExecutable(path: string): Promise<boolean> {
  try {
    await access(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function runScript(file: string, args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number; stdout: Buffer; stderr: string }> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { execFile } = require('node:child_process') as typeof import('node:child_process');
  return new Promise((done, fail) => {
    execFile(file, args, { encoding: 'buffer', env, maxBuffer: 1 << 20 }, (err, stdout, stderr) => {
      const code = err ? (typeof (err as { code?: unknown }).code === 'number' ? (err as { code: number }).code : -1) : 0;
      if (err && code === -1) {
        fail(vaultError(`Problem running vault password script ${file} (${err.message}). If this is not a script, remove the executable bit from the file.`));
        return;
      }
      done({ code, stdout, stderr: stderr.toString('utf8').trim() });
    });
  });
}

/** Runs a password script; `*-client` scripts get `--vault-id <label>` and may answer "unknown id". */
async function passwordFromScript(file: string, label: string, env: NodeJS.ProcessEnv): Promise<Buffer> {
  const isClient = basename(file, extname(file)).endsWith('-client');
  const { code, stdout, stderr } = await runScript(file, isClient ? ['--vault-id', label] : [], env);
  if (isClient && code === CLIENT_UNKNOWN_ID) {
    throw vaultError(`Vault password client script ${file} did not find a secret for vault-id=${label}: ${stderr}`);
  }
  if (code !== 0) throw vaultError(`Vault password script ${file} returned non-zero (${code}): ${stderr}`);
  const password = Buffer.from(stdout.toString('latin1').replace(/^[\r\n]+|[\r\n]+$/g, ''), 'latin1');
  if (password.length === 0) throw vaultError(`Invalid vault password was provided from script (${file})`);
  return password;
}

/** Reads a password file (whitespace-stripped; it may itself be vaulted with an earlier secret). */
async function passwordFromFile(file: string, earlier: VaultSecrets | undefined): Promise<Buffer> {
  let raw: Buffer;
  try {
    raw = await readFile(file);
  } catch (err) {
    throw vaultError(`Could not read vault password file ${file}: ${(err as Error).message}`);
  }
  let text = raw.toString('latin1').trim();
  if (isVaultText(text)) {
    if (!earlier || earlier.isEmpty()) throw vaultError(`The vault password file ${file} is vault-encrypted, and no earlier vault secret can open it`);
    text = earlier.decryptBytes(text, file).toString('latin1');
  }
  const password = Buffer.from(text.replace(/^[\r\n]+|[\r\n]+$/g, ''), 'latin1');
  if (password.length === 0) throw vaultError(`Invalid vault password was provided from file (${file})`);
  return password;
}

/** The password behind a `label@source` source that is a path: a plain file or an executable. */
export async function passwordFromPath(source: string, label: string, cwd: string, env: NodeJS.ProcessEnv, earlier?: VaultSecrets): Promise<Buffer> {
  const file = resolve(cwd, expandUser(source, env));
  const info = await stat(file).catch(() => undefined);
  if (!info) throw vaultError(`The vault password file ${file} was not found`);
  if (info.isFile() && (await isExecutable(file))) return passwordFromScript(file, label, env);
  return passwordFromFile(file, earlier);
}
