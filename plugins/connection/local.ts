import { spawn, type ChildProcess } from 'node:child_process';
import { createReadStream } from 'node:fs';
import { chmod, copyFile, mkdir, mkdtemp, rename, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import {
  AbortedError, ConnectionError, defineConnection, type Connection, type ConnectionContext, type ExecOptions, type ExecResult,
  shellQuote, type PutOptions,
} from 'tsible';
import { driveProcess, type ProcessHandle } from './_shared/drive-process.js';
import { chownSpec, installFromStdinScript, siblingTempPath } from './_shared/install-script.js';
import { acceptsStdin } from './_shared/persistent-shell.js';
import { ShellPool } from './_shared/shell-pool.js';

/** Runs commands on the controller itself through `/bin/sh -c`, with the same contract as ssh. */
class LocalConnection implements Connection {
  readonly transport = 'local';
  private readonly running = new Set<ChildProcess>();
  private readonly ctx: ConnectionContext;
  private shellPool?: ShellPool;

  constructor(ctx: ConnectionContext) {
    this.ctx = ctx;
  }

  /** Long-running shells that spare a process spawn per command (Node's spawn costs milliseconds). */
  private shells(): ShellPool {
    this.shellPool ??= new ShellPool(async (startLine) => this.spawnPersistentShell(startLine),
      Number(this.ctx.settings.persistent_shells ?? 2), this.ctx.log, this.ctx.host);
    return this.shellPool;
  }

  async connect(): Promise<void> {}

  async exec(command: string, options: ExecOptions = {}): Promise<ExecResult> {
    const become = options.become && { ...options.become, timeoutSeconds: options.become.timeoutSeconds ?? this.becomeTimeout() };
    const line = become ? become.command : command;
    this.ctx.log.verbose(3, `<${this.ctx.host}> EXEC /bin/sh -c ${line}`);
    if (options.signal?.aborted) throw new AbortedError();
    const fresh = (): Promise<ExecResult> => driveProcess(this.spawnShell(line, Boolean(become?.tty)), { ...options, become });
    return !become && acceptsStdin(options.stdin) ? this.shells().run(line, options, fresh) : fresh();
  }

  private becomeTimeout(): number {
    return Number(this.ctx.settings.timeout ?? 10) || 10;
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

  /** `meta: reset_connection`: the next command starts a new shell (and sees the current environment). */
  async reset(): Promise<void> {
    this.shellPool?.close();
    this.shellPool = undefined;
  }

  async close(): Promise<void> {
    this.shellPool?.close();
    this.shellPool = undefined;
    for (const child of this.running) killGroup(child);
    this.running.clear();
  }

  /**
   * A `/bin/sh` reading framed commands; it leads its own process group so a kill reaches the
   * command it runs. Unreferenced while idle, so an idle shell never keeps the process alive.
   */
  private spawnPersistentShell(startLine: string): ProcessHandle {
    const { child, handle } = this.spawnChild(startLine);
    const refs = [child, child.stdin, child.stdout, child.stderr] as Array<{ ref?(): void; unref?(): void } | null>;
    const hold = (busy: boolean): void => refs.forEach((r) => (busy ? r?.ref?.() : r?.unref?.()));
    hold(false);
    return { ...handle, hold };
  }

  private spawnShell(line: string, tty = false): ProcessHandle {
    return this.spawnChild(line, tty).handle;
  }

  private spawnChild(line: string, tty = false): { child: ChildProcess; handle: ProcessHandle } {
    // detached: the command leads its own process group, so a timeout kills its children too.
    const child = tty
      ? spawn('script', ['-qefc', `stty -echo -onlcr 2>/dev/null; exec /bin/sh -c ${shellQuote(line)}`, '/dev/null'], {
        stdio: ['pipe', 'pipe', 'pipe'], detached: true, env: { ...process.env, SHELL: '/bin/sh' },
      })
      : spawn('/bin/sh', ['-c', line], { stdio: ['pipe', 'pipe', 'pipe'], detached: true });
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
    return { child, handle: { stdin: child.stdin!, stdout: child.stdout!, stderr: child.stderr!, exited, kill: () => killGroup(child) } };
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

  private putStagedWithBecome(source: Buffer | { localPath: string }, remotePath: string, options: PutOptions): Promise<void> {
    return stageThenInstall(this, source, remotePath, options);
  }

  private async putWithBecome(source: Buffer | { localPath: string }, remotePath: string, options: PutOptions): Promise<void> {
    const request = options.become!(installFromStdinScript(remotePath, options));
    if (request.tty) return this.putStagedWithBecome(source, remotePath, options);
    const stdin = Buffer.isBuffer(source) ? source : createReadStream(source.localPath);
    const result = await driveProcess(this.spawnShell(request.command), { become: request, stdin });
    if (result.rc !== 0) {
      throw new ConnectionError(`local put to ${remotePath} (with become) failed: rc=${result.rc} ${result.stderr.trim()}`);
    }
  }
}

/**
 * Become methods that need a terminal (su, doas) would mangle binary stdin: the bytes are first
 * written as the current user to a private temp file, then copied into place as the become user
 * (who must be able to read it: root can; another user cannot, as with Ansible's private temp files).
 */
async function stageThenInstall(
  conn: { exec(command: string, options?: ExecOptions): Promise<ExecResult>; put(s: Buffer | { localPath: string }, p: string, o?: PutOptions): Promise<void> },
  source: Buffer | { localPath: string }, remotePath: string, options: PutOptions,
): Promise<void> {
  const stageDir = await mkdtemp(join(tmpdir(), 'tsible-stage-'));
  const stage = join(stageDir, 'data');
  try {
    await conn.put(source, stage, { mode: 0o600, atomic: false });
    const script = `{ ${installFromStdinScript(remotePath, { ...options, become: undefined })}; } < ${shellQuote(stage)}`;
    const result = await conn.exec('', { become: options.become!(script) });
    if (result.rc !== 0) throw new ConnectionError(`local put to ${remotePath} (with become) failed: rc=${result.rc} ${result.stdout.trim()} ${result.stderr.trim()}`);
  } finally {
    await rm(stageDir, { recursive: true, force: true });
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
