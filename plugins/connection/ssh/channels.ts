import { PassThrough } from 'node:stream';
import type { Client, ClientChannel, PseudoTtyOptions, SFTPWrapper } from 'ssh2';
import { UnreachableError } from 'tsible';
import type { ProcessHandle } from '../_shared/drive-process.js';

/** A pty that neither echoes input nor turns \n into \r\n, so output reads like a pipe's. */
export const QUIET_PTY: PseudoTtyOptions = { term: 'dumb', cols: 200, rows: 24, modes: { ECHO: 0, ONLCR: 0 } };

const OPEN_RETRIES = 60;

/** True when the server refused a channel because the connection has too many (MaxSessions). */
export function isSessionLimit(error: unknown): boolean {
  const reason = (error as { reason?: unknown }).reason;
  return reason === 2 || /no more sessions|open failed/i.test((error as Error).message ?? '');
}

/** True when the failure means the connection itself is gone, not just this channel. */
export function isConnectionGone(error: unknown): boolean {
  return /not connected|no response from server|socket|ECONNRESET|EPIPE|connection lost/i.test((error as Error).message ?? '');
}

/**
 * Opens a channel with `open`, retrying while the server says it has no more sessions: sshd frees
 * a session slot slightly after the client sees the previous channel close.
 */
export async function openWithRetry<T>(open: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await open();
    } catch (error) {
      if (!isSessionLimit(error) || attempt >= OPEN_RETRIES) throw error;
      await new Promise((r) => setTimeout(r, Math.min(5 * attempt, 100)));
    }
  }
}

/**
 * An exec channel whose exit status and close are recorded from the moment it opens: ssh2 may
 * deliver them in the same tick as the open confirmation, before any later listener is attached.
 */
export interface TrackedChannel {
  channel: ClientChannel;
  /** Resolves with the exit status (undefined when the channel closed without one). */
  closed: Promise<number | undefined>;
}

export function execChannel(client: Client, command: string, pty: boolean, retry = true): Promise<TrackedChannel> {
  const open = (): Promise<TrackedChannel> => new Promise<TrackedChannel>((resolve, reject) => {
    client.exec(command, pty ? { pty: QUIET_PTY } : {}, (err, channel) => {
      if (err) return reject(err);
      let code: number | undefined;
      channel.on('exit', (exitCode: number | null) => { code = exitCode ?? -1; });
      const closed = new Promise<number | undefined>((done) => channel.once('close', () => done(code)));
      resolve({ channel, closed });
    });
  });
  return retry ? openWithRetry(open) : open();
}

export function sftpChannel(client: Client): Promise<SFTPWrapper> {
  return openWithRetry(() => new Promise<SFTPWrapper>((resolve, reject) => {
    client.sftp((err, sftp) => (err ? reject(err) : resolve(sftp)));
  }));
}

/** Adapts an ssh2 exec channel to the transport-independent ProcessHandle. */
export function channelHandle({ channel, closed }: TrackedChannel, hostLabel: string): ProcessHandle {
  const stderr = new PassThrough();
  channel.stderr.pipe(stderr);
  let killed = false;
  let forceResolve: (rc: number) => void = () => {};
  const exited = new Promise<number>((resolve, reject) => {
    forceResolve = resolve;
    void closed.then((code) => {
      if (code !== undefined || killed) resolve(code ?? -1);
      else reject(new UnreachableError(`connection to ${hostLabel} was lost while the command ran`));
    });
  });
  const kill = (): void => {
    if (killed) return;
    killed = true;
    sendSignal(channel, 'KILL');
    // Children that inherited the output pipes keep the session open after the shell died.
    setTimeout(() => { try { channel.close(); } catch { /* closed */ } }, 300).unref();
    // A dead connection never confirms the close; do not wait for it forever.
    setTimeout(() => forceResolve(-1), 2500).unref();
  };
  return { stdin: channel, stdout: channel, stderr, exited, kill };
}

/**
 * ssh2's `signal()` does nothing once stdin was closed (EOF sent), which is the usual case; the
 * request is still valid then, so it is sent through the protocol object directly.
 */
function sendSignal(channel: ClientChannel, name: string): void {
  const raw = channel as unknown as {
    outgoing?: { id: number; state: string };
    _client?: { _protocol?: { signal(id: number, signal: string): void } };
  };
  try {
    if (raw.outgoing && raw.outgoing.state !== 'closed' && raw._client?._protocol) raw._client._protocol.signal(raw.outgoing.id, name);
    else channel.signal(name);
  } catch { /* the channel is already gone */ }
}
