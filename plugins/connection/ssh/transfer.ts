import { randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, rename, rm } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { SFTPWrapper } from 'ssh2';
import { ConnectionError, shellQuote, type BecomeRequest, type ExecOptions, type ExecResult, type PutOptions } from 'tsible';
import type { TrackedChannel } from './channels.js';
import { attributeSteps, installFromStdinScript, siblingTempPath } from '../_shared/install-script.js';

/** What file transfer needs from the connection. */
export interface TransferHost {
  label: string;
  /** The SFTP session, or undefined when the server has no SFTP subsystem. */
  sftp(): Promise<SFTPWrapper | undefined>;
  /** Runs a command within the channel limit; `stdin` may be a stream. */
  run(command: string, options: ExecOptions & { stdinStream?: Readable }): Promise<ExecResult>;
  /** Opens a raw exec channel (binary stdout) within the channel limit; call `done` when finished. */
  rawExec(command: string): Promise<{ channel: TrackedChannel; done: () => void }>;
}

type Source = Buffer | { localPath: string };

const FAST_XFER = { concurrency: 32, chunkSize: 32768 };

function sourceStream(source: Source): Readable | Buffer {
  return Buffer.isBuffer(source) ? source : createReadStream(source.localPath);
}

export async function putFile(host: TransferHost, source: Source, remotePath: string, options: PutOptions): Promise<void> {
  if (options.become) return putWithBecome(host, source, remotePath, options);
  const sftp = await host.sftp();
  if (sftp) return sftpPut(host, sftp, source, remotePath, options);
  await runInstall(host, installFromStdinScript(remotePath, options), source, remotePath);
}

async function runInstall(host: TransferHost, command: string, source: Source, remotePath: string, become?: BecomeRequest): Promise<void> {
  const data = sourceStream(source);
  const result = await host.run(command, Buffer.isBuffer(data) ? { stdin: data, become } : { stdinStream: data, become });
  if (result.rc !== 0) throw new ConnectionError(`put to ${host.label}:${remotePath} failed (rc=${result.rc}): ${result.stderr.trim()}`);
}

async function putWithBecome(host: TransferHost, source: Source, remotePath: string, options: PutOptions): Promise<void> {
  const install = installFromStdinScript(remotePath, { ...options, become: undefined });
  const streamed = options.become!(install);
  if (!streamed.tty) return runInstall(host, streamed.command, source, remotePath, streamed);
  // A terminal would mangle binary data: stage the bytes as the login user, then copy them as the become user.
  const stage = `/tmp/.tsible-stage-${randomBytes(8).toString('hex')}`;
  await putFile(host, source, stage, { mode: 0o600, atomic: false });
  const request = options.become!(`{ ${install}; } < ${shellQuote(stage)}`);
  try {
    const result = await host.run(request.command, { become: request });
    if (result.rc !== 0) {
      const said = `${result.stdout.trim()} ${result.stderr.trim()}`.trim();
      throw new ConnectionError(`put to ${host.label}:${remotePath} (with become) failed (rc=${result.rc}): ${said}`);
    }
  } finally {
    await host.run(`rm -f ${shellQuote(stage)}`, {});
  }
}

async function sftpPut(host: TransferHost, sftp: SFTPWrapper, source: Source, remotePath: string, options: PutOptions): Promise<void> {
  const atomic = options.atomic !== false;
  const dest = atomic ? siblingTempPath(remotePath) : remotePath;
  try {
    if (Buffer.isBuffer(source)) await call<void>((cb) => sftp.writeFile(dest, source, { mode: 0o600 }, cb));
    else await call<void>((cb) => sftp.fastPut(source.localPath, dest, { ...FAST_XFER, mode: 0o600 }, cb));
    if (options.owner || options.group) {
      const steps = [...attributeSteps(shellQuote(dest), shellQuote(remotePath), options, atomic)];
      if (atomic) steps.push(`mv -f ${shellQuote(dest)} ${shellQuote(remotePath)}`);
      const result = await host.run(steps.join(' && '), {});
      if (result.rc !== 0) throw new Error(`setting owner/mode failed (rc=${result.rc}): ${result.stderr.trim()}`);
      return;
    }
    await sftpFinish(sftp, dest, remotePath, options, atomic);
  } catch (error) {
    if (atomic) await call<void>((cb) => sftp.unlink(dest, cb)).catch(() => undefined);
    throw new ConnectionError(`put to ${host.label}:${remotePath} failed: ${describe(error)}`, { cause: error });
  }
}

async function sftpFinish(sftp: SFTPWrapper, dest: string, remotePath: string, options: PutOptions, atomic: boolean): Promise<void> {
  let mode = options.mode;
  if (mode === undefined) {
    const existing = await call<{ mode: number }>((cb) => sftp.stat(remotePath, cb)).catch(() => undefined);
    mode = existing ? existing.mode & 0o7777 : 0o666 & ~0o022;
  }
  await call<void>((cb) => sftp.chmod(dest, mode & 0o7777, cb));
  if (atomic) await call<void>((cb) => sftp.ext_openssh_rename(dest, remotePath, cb));
}

export async function fetchFile(host: TransferHost, remotePath: string, localPath: string): Promise<void> {
  await mkdir(dirname(localPath), { recursive: true });
  const temp = `${localPath}.${randomBytes(6).toString('hex')}.tsible-tmp`;
  try {
    const sftp = await host.sftp();
    if (sftp) await call<void>((cb) => sftp.fastGet(remotePath, temp, FAST_XFER, cb));
    else await catToFile(host, remotePath, temp);
    await rename(temp, localPath);
  } catch (error) {
    await rm(temp, { force: true });
    throw new ConnectionError(`fetch of ${host.label}:${remotePath} failed: ${describe(error)}`, { cause: error });
  }
}

async function catToFile(host: TransferHost, remotePath: string, localPath: string): Promise<void> {
  const { channel: { channel, closed }, done } = await host.rawExec(`cat -- ${shellQuote(remotePath)}`);
  try {
    let stderr = '';
    channel.stderr.on('data', (chunk: Buffer) => { stderr += chunk.toString(); });
    channel.end();
    await pipeline(channel, createWriteStream(localPath));
    const rc = (await closed) ?? -1;
    if (rc !== 0) throw new Error(stderr.trim() || `cat exited with ${rc}`);
  } finally {
    done();
  }
}

function call<T>(fn: (cb: (err: Error | null | undefined, value?: T) => void) => void): Promise<T> {
  return new Promise((resolve, reject) => fn((err, value) => (err ? reject(err) : resolve(value as T))));
}

function describe(error: unknown): string {
  const e = error as Error & { code?: number };
  if (e.code === 2) return `${e.message} (does the directory exist?)`;
  if (e.code === 3) return `${e.message} (permission denied)`;
  return e.message ?? String(error);
}
