import { createHash } from 'node:crypto';
import { chmod, mkdir, open, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { lookupError } from './errors.js';

export interface StoredPassword {
  password: string;
  salt?: string;
  ident?: string;
}

/** `password salt=xyz ident=2b`: the format Ansible keeps in password files. */
export function parseStored(content: string): StoredPassword {
  const at = content.lastIndexOf(' salt=');
  if (at === -1) return { password: content };
  const rest = content.slice(at + ' salt='.length);
  const identAt = rest.lastIndexOf(' ident=');
  return identAt === -1
    ? { password: content.slice(0, at), salt: rest || undefined }
    : { password: content.slice(0, at), salt: rest.slice(0, identAt), ident: rest.slice(identAt + ' ident='.length) };
}

export function formatStored({ password, salt, ident }: StoredPassword): string {
  if (!salt) return password;
  return ident ? `${password} salt=${salt} ident=${ident}` : `${password} salt=${salt}`;
}

export async function readStored(path: string): Promise<string | undefined> {
  try {
    return (await readFile(path, 'utf8')).trimEnd();
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
}

export async function writeStored(path: string, content: string): Promise<void> {
  await mkdir(dirname(path), { recursive: true, mode: 0o700 });
  await writeFile(path, `${content}\n`, { mode: 0o600 });
  await chmod(path, 0o600);
}

/**
 * Holds Ansible's lock file (`<sha1 of path>.ansible_lockfile` next to the password file) while
 * `fn` runs, so two runs (or two hosts) never write different passwords to one file.
 */
export async function withPasswordLock<T>(path: string, fn: () => Promise<T>): Promise<T> {
  if (path === '/dev/null') return fn();
  const lock = join(dirname(path), `${createHash('sha1').update(path).digest('hex')}.ansible_lockfile`);
  await mkdir(dirname(path), { recursive: true, mode: 0o700 });
  for (let attempt = 0; ; attempt++) {
    const handle = await open(lock, 'wx').catch((err: NodeJS.ErrnoException) => {
      if (err.code === 'EEXIST') return undefined;
      throw err;
    });
    if (handle) {
      await handle.close();
      try {
        return await fn();
      } finally {
        await rm(lock, { force: true });
      }
    }
    if (attempt >= 70) {
      const stale = await stat(lock).then(() => true, () => false);
      if (stale) throw lookupError(`Password lookup cannot get the lock in 7 seconds, abort...This may caused by un-removed lockfile you can manually remove it from controller machine at ${lock} and try again`);
    }
    await sleep(100);
  }
}
