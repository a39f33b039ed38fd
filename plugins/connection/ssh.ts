import type { Client, SFTPWrapper } from 'ssh2';
import {
  AbortedError, ConnectionError, UnreachableError, defineConnection, isTsibleError, type Connection, type ConnectionContext,
  type BecomeRequest, type CloseOptions, type ExecOptions, type ExecResult, type PutOptions,
} from 'tsible';
import { driveProcess } from './_shared/drive-process.js';
import { acceptsStdin } from './_shared/persistent-shell.js';
import { ShellPool } from './_shared/shell-pool.js';
import { channelHandle, execChannel, isConnectionGone, sftpChannel, type TrackedChannel } from './ssh/channels.js';
import { label } from './ssh/open-client.js';
import { openRoute, type OpenRoute } from './ssh/route.js';
import { Semaphore } from './ssh/semaphore.js';
import { resolveRoute, type SshRoute } from './ssh/target.js';
import { fetchFile, putFile, type TransferHost } from './ssh/transfer.js';

/**
 * One persistent ssh2 connection per host, opened on first use and shared by every task. Channels
 * are limited per connection (queued, never failed); a connection that dropped between tasks is
 * reopened once on the next call.
 */
class SshConnection implements Connection {
  readonly transport = 'ssh';
  private readonly ctx: ConnectionContext;
  private readonly limiter: Semaphore;
  private route?: SshRoute;
  private current?: OpenRoute;
  private opening?: Promise<OpenRoute>;
  private sftpSession?: Promise<SFTPWrapper | undefined>;
  private sftpMissing = false;
  private shellPool?: ShellPool;

  constructor(ctx: ConnectionContext) {
    this.ctx = ctx;
    this.limiter = new Semaphore(Number(ctx.settings.max_sessions_per_host ?? 5) || 5);
  }

  private get label(): string {
    const t = this.route?.target;
    return t ? label(t) : this.ctx.host;
  }

  async connect(): Promise<void> {
    await this.client();
  }

  async exec(command: string, options: ExecOptions = {}): Promise<ExecResult> {
    const become = this.withBecomeTimeout(options.become);
    const line = become ? become.command : command;
    this.ctx.log.verbose(3, `<${this.ctx.host}> SSH EXEC ${line}`);
    const fresh = (): Promise<ExecResult> => this.withChannel(line, Boolean(become?.tty),
      (channel) => driveProcess(channelHandle(channel, this.label), { ...options, become }), options.signal);
    return !become && acceptsStdin(options.stdin) ? this.shells().run(line, options, fresh) : fresh();
  }

  async put(source: Buffer | { localPath: string }, remotePath: string, options: PutOptions = {}): Promise<void> {
    this.ctx.log.verbose(3, `<${this.ctx.host}> PUT ${Buffer.isBuffer(source) ? `${source.length} bytes` : source.localPath} TO ${remotePath}`);
    await this.client();
    await putFile(this.transferHost(), source, remotePath, options);
  }

  async fetch(remotePath: string, localPath: string): Promise<void> {
    this.ctx.log.verbose(3, `<${this.ctx.host}> FETCH ${remotePath} TO ${localPath}`);
    await this.client();
    await fetchFile(this.transferHost(), remotePath, localPath);
  }

  async reset(): Promise<void> {
    await this.close();
  }

  async close(options: CloseOptions = {}): Promise<void> {
    const open = this.current ?? await this.opening?.catch(() => undefined);
    this.forget(open);
    // A goodbye wakes the server's process while ours waits in the write: about a millisecond per
    // host, for nothing when the process exits anyway (the server sees the TCP close).
    if (!open) return;
    if (options.processExiting) {
      this.ctx.log.verbose(3, `<${this.ctx.host}> leaving the connection to ${this.label} to close with the process`);
      open.leave();
    } else {
      this.ctx.log.verbose(3, `<${this.ctx.host}> closing the connection to ${this.label}`);
      open.close();
    }
  }

  /** The ready client, connecting (or reconnecting after a drop) when there is none. */
  private async client(): Promise<Client> {
    if (this.current) return this.current.client;
    this.opening ??= this.open().finally(() => { this.opening = undefined; });
    return (await this.opening).client;
  }

  private async open(): Promise<OpenRoute> {
    try {
      this.route ??= resolveRoute(this.ctx);
    } catch (error) {
      throw isTsibleError(error) ? error : new ConnectionError(`ssh settings for ${this.ctx.host}: ${(error as Error).message}`, { cause: error });
    }
    const started = Date.now();
    const open = await openRoute(this.route, this.ctx.log, this.ctx.runCache, Number(this.ctx.settings.ssh_max_startups ?? 10));
    this.ctx.log.verbose(3, `<${this.ctx.host}> connected to ${this.label} in ${Date.now() - started} ms`);
    this.current = open;
    open.client.once('close', () => {
      if (this.current !== open) return;
      this.ctx.log.verbose(2, `<${this.ctx.host}> connection to ${this.label} closed; the next call reconnects`);
      this.forget(open);
      open.close(); // jump hosts and a ProxyCommand outlive the target's connection otherwise
    });
    return open;
  }

  private forget(open: OpenRoute | undefined): void {
    if (!open || this.current !== open) return;
    this.current = undefined;
    this.sftpSession = undefined;
    this.shellPool = undefined; // its shells end with the connection's channels
  }

  /**
   * The persistent shells of the current connection (a new pool after a reconnect). Their channels
   * are outside the exec limit: max_sessions_per_host + persistent_shells + 1 (SFTP) must stay
   * within the server's MaxSessions (10 by default).
   */
  private shells(): ShellPool {
    this.shellPool ??= new ShellPool(async (startLine) => {
      const channel = await execChannel(await this.client(), startLine, false, false);
      return channelHandle(channel, this.label);
    }, Number(this.ctx.settings.persistent_shells ?? 2), this.ctx.log, this.ctx.host);
    return this.shellPool;
  }

  /** Opens an exec channel within the channel limit; reconnects once if the connection is gone. */
  private async withChannel<T>(line: string, pty: boolean, use: (channel: TrackedChannel) => Promise<T>, signal?: AbortSignal): Promise<T> {
    const release = await this.limiter.acquire();
    try {
      if (signal?.aborted) throw new AbortedError(); // cancelled while queued: never start it
      for (let attempt = 0; ; attempt++) {
        const client = await this.client();
        let channel: TrackedChannel;
        try {
          channel = await execChannel(client, line, pty);
        } catch (error) {
          if (attempt === 0 && isConnectionGone(error)) {
            this.forget(this.current?.client === client ? this.current : undefined);
            continue;
          }
          throw this.channelError(error);
        }
        return await use(channel);
      }
    } finally {
      release();
    }
  }

  private channelError(error: unknown): Error {
    if (isTsibleError(error)) return error;
    const message = (error as Error).message;
    if (isConnectionGone(error)) return new UnreachableError(`connection to ${this.label} lost: ${message}`, { cause: error });
    return new ConnectionError(`could not open a channel on ${this.label}: ${message}`, { cause: error });
  }

  /** A become request waits for its prompt as long as a connection may take (the timeout setting). */
  private withBecomeTimeout(request: BecomeRequest | undefined): BecomeRequest | undefined {
    if (!request || request.timeoutSeconds !== undefined) return request;
    const seconds = Number(this.ctx.vars.ansible_ssh_timeout ?? this.ctx.settings.timeout ?? 10) || 10;
    return { ...request, timeoutSeconds: seconds };
  }

  private transferHost(): TransferHost {
    return {
      label: this.label,
      sftp: () => this.sftp(),
      run: (command, options) => {
        const become = this.withBecomeTimeout(options.become);
        return this.withChannel(become ? become.command : command, Boolean(become?.tty), (channel) => driveProcess(
          channelHandle(channel, this.label), { ...options, stdin: options.stdinStream ?? options.stdin, become },
        ));
      },
      rawExec: (command) => this.rawExec(command),
    };
  }

  private async rawExec(command: string): Promise<{ channel: TrackedChannel; done: () => void }> {
    const release = await this.limiter.acquire();
    try {
      return { channel: await execChannel(await this.client(), command, false), done: release };
    } catch (error) {
      release();
      throw this.channelError(error);
    }
  }

  /** One SFTP session per connection, opened on first use; undefined when the server has none. */
  private sftp(): Promise<SFTPWrapper | undefined> {
    if (this.sftpMissing) return Promise.resolve(undefined);
    if (this.sftpSession) return this.sftpSession;
    const session: Promise<SFTPWrapper | undefined> = this.client().then((client) => sftpChannel(client)).then((sftp) => {
      sftp.on('close', () => { if (this.sftpSession === session) this.sftpSession = undefined; });
      return sftp;
    }, (error: Error) => {
      this.sftpSession = undefined;
      if (!/subsystem/i.test(error.message)) throw this.channelError(error);
      this.ctx.log.verbose(2, `<${this.ctx.host}> no SFTP subsystem; transferring files through exec and cat`);
      this.sftpMissing = true;
      return undefined;
    });
    this.sftpSession = session;
    return session;
  }
}

export default defineConnection({
  name: 'ssh',
  shortDescription: 'Connect over SSH with one persistent ssh2 connection per host',
  description: 'The default connection for remote hosts. Honours ansible_host, ansible_port, ansible_user, '
    + 'keys, ssh-agent, passwords, ~/.ssh/config, ProxyJump/ProxyCommand and known_hosts. See docs/plugins/connection.md.',
  create: (ctx) => new SshConnection(ctx),
});
