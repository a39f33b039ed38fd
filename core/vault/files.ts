import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmod, open, readFile, rename, stat, unlink } from 'node:fs/promises';
import { basename, dirname, extname, join } from 'node:path';
import { TsibleError } from '../errors.js';
import { shlexSplit } from '../util/shlex.js';

/**
 * File handling for tsible-vault: never a half-written file (temp file in the same directory, then
 * rename), secrets written with mode 0600, and plaintext temp files overwritten before removal.
 */
export async function writeFileAtomic(path: string, data: Buffer | string, options: { mode?: number; keepMode?: boolean } = {}): Promise<void> {
  const previous = await stat(path).catch(() => undefined);
  const temp = join(dirname(path), `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`);
  const handle = await open(temp, 'wx', 0o600);
  try {
    await handle.writeFile(data);
    await handle.sync();
  } catch (err) {
    await handle.close();
    await unlink(temp).catch(() => undefined);
    throw err;
  }
  await handle.close();
  // rekey and edit keep an existing file's permissions, as ansible-vault does; the rest write 0600.
  await chmod(temp, options.keepMode && previous ? previous.mode & 0o7777 : (options.mode ?? 0o600));
  await rename(temp, path);
}

/** Reads a file for a vault operation, with ansible-vault's message when it cannot. */
export async function readSource(path: string): Promise<Buffer> {
  try {
    return await readFile(path);
  } catch (err) {
    throw new TsibleError('TSIBLE_VAULT', `Unable to read source file (${path}): ${(err as NodeJS.ErrnoException).code === 'ENOENT' ? 'file not found' : (err as Error).message}`);
  }
}

/** Overwrites a plaintext temp file before unlinking it, so decrypted data does not linger on disk. */
export async function shred(path: string): Promise<void> {
  try {
    const { size } = await stat(path);
    const handle = await open(path, 'r+');
    await handle.write(Buffer.alloc(size));
    await handle.sync();
    await handle.close();
  } catch {
    // already gone: nothing to overwrite
  }
  await unlink(path).catch(() => undefined);
}

/** A private temp file next to nothing secret: in the system temp dir, mode 0600, same extension. */
export async function privateTempFile(tmpdir: string, like: string, data: Buffer): Promise<string> {
  const path = join(tmpdir, `tsible-vault-${randomBytes(8).toString('hex')}${extname(like)}`);
  const handle = await open(path, 'wx', 0o600);
  await handle.writeFile(data);
  await handle.close();
  return path;
}

/** Runs $EDITOR (default vi) on a file, attached to the terminal, and waits for it. */
export function runEditor(file: string, env: NodeJS.ProcessEnv, cwd: string): Promise<void> {
  const command = [...shlexSplit(env.EDITOR || 'vi'), file];
  return new Promise((done, fail) => {
    const child = spawn(command[0]!, command.slice(1), { stdio: 'inherit', env, cwd });
    child.on('error', (err) => fail(new TsibleError('TSIBLE_VAULT', `Unable to execute the command "${command.join(' ')}": ${err.message}`)));
    child.on('exit', (code) => {
      if (code === 0) done();
      else fail(new TsibleError('TSIBLE_VAULT', `The editor "${command.join(' ')}" exited with status ${code ?? 'killed'}; nothing was saved`));
    });
  });
}
