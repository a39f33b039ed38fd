import { spawn, type ChildProcess } from 'node:child_process';
import { createReadStream } from 'node:fs';
import { chmod, copyFile, mkdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import {
  ConnectionError, defineConnection, type Connection, type ConnectionContext, type ExecOptions, type ExecResult,
  shellQuote, type PutOptions,
} from 'tsible';
import { driveProcess, type ProcessHandle } from './_shared/drive-process.js';
import { chownSpec, installFromStdinScript, siblingTempPath } from './_shared/install-script.js';

/** Runs commands on the controller itself through `/bin/sh -c`, with the same contract as ssh. */
class LocalConnection implements Connection {
  readonly transport = 'local';
  private readonly running = new Set<ChildProcess>();
  private readonly ctx: ConnectionContext;

  constructor(ctx: ConnectionContext) {
    this.ctx = ctx;
  }

  async connect(): Promise<void> {}

  async exec(command: string, options: ExecOptions = {}): Promise<ExecResult> {
    const line = options.become ? options.become.command : command;
    this.ctx.log.verbose(3, `<${this.ctx.host}> EXEC /bin/sh -c ${line}`);
    return driveProcess(this.spawnShell(line), options);
  }

  async put(source: Buffer | { localPath: string }, remotePath: string, options: PutOptions = {}): Promise<void> {
    this.ctx.log.verbose(3, `<${this.ctx.host}> PUT ${Buffer.isBuffer(source) ? `${source.length} bytes` : source.localPath} TO ${remotePath}`);
    if (options.become) return this.putWithBecome(source, remotePath, options);
    const atomic = options.atomic !== false;
    const dest = atomic ? siblingTempPath(remotePath) : remotePath;
    try {
      if (Buffer.isBuffer(source)) await writeFile(dest, source, options.mode !== undefined ? { mode: 0o600 } : {});
      else await copyFile(source.localPath, dest);
      await this.applyAttributes(dest, remotePath, options, atomic);
      if (atomic) await rename(dest, remotePath);
    } catch (error) {
      if (atomic) await rm(dest, { force: true });
      throw new ConnectionError(`local put to ${remotePath} failed: ${(error as Error).message}`, { cause: error });
    }
  }

  async fetch(remotePath: string, localPath: string): Promise<void> {
    try {
      await mkdir(dirname(localPath), { recursive: true });
      await copyFile(remotePath, localPath);
    } catch (error) {
      throw new ConnectionError(`local fetch of ${remotePath} failed: ${(error as Error).message}`, { cause: error });
    }
  }

  async reset(): Promise<void> {}

  async close(): Promise<void> {
    for (const child of this.running) killGroup(child);
    this.running.clear();
  }

  private spawnShell(line: string): ProcessHandle {
    // detached: the command leads its own process group, so a timeout kills its children too.
    const child = spawn('/bin/sh', ['-c', line], { stdio: ['pipe', 'pipe', 'pipe'], detached: true });
    this.running.add(child);
    const exited = new Promise<number>((resolve) => {
      child.on('error', (error) => {
        child.stderr?.emit('data', Buffer.from(`${error.message}\n`));
        resolve(127);
      });
      child.on('close', (code) => {
        this.running.delete(child);
        resolve(code ?? -1);
      });
    });
    return { stdin: child.stdin!, stdout: child.stdout!, stderr: child.stderr!, exited, kill: () => killGroup(child) };
  }

  private async applyAttributes(file: string, target: string, options: PutOptions, keepExisting: boolean): Promise<void> {
    if (options.mode !== undefined) await chmod(file, options.mode & 0o7777);
    else if (keepExisting) {
      const existing = await stat(target).catch(() => undefined);
      if (existing) await chmod(file, existing.mode & 0o7777);
    }
    const spec = chownSpec(options);
    if (!spec) return;
    const result = await driveProcess(this.spawnShell(`chown -- ${shellQuote(spec)} ${shellQuote(file)}`), {});
    if (result.rc !== 0) throw new Error(`chown ${spec} failed: ${result.stderr.trim()}`);
  }

  private async putWithBecome(source: Buffer | { localPath: string }, remotePath: string, options: PutOptions): Promise<void> {
    const request = options.become!(installFromStdinScript(remotePath, options));
    const stdin = Buffer.isBuffer(source) ? source : createReadStream(source.localPath);
    const result = await driveProcess(this.spawnShell(request.command), { become: request, stdin });
    if (result.rc !== 0) {
      throw new ConnectionError(`local put to ${remotePath} (with become) failed: rc=${result.rc} ${result.stderr.trim()}`);
    }
  }
}

function killGroup(child: ChildProcess): void {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  try {
    process.kill(-child.pid, 'SIGKILL');
  } catch {
    child.kill('SIGKILL');
  }
}

export default defineConnection({
  name: 'local',
  shortDescription: 'Run commands on the controller itself',
  description: 'Executes through /bin/sh -c on the machine running tsible; used for localhost, '
    + '`connection: local` and `delegate_to: localhost`.',
  create: (ctx) => new LocalConnection(ctx),
});
