import { StringDecoder } from 'node:string_decoder';
import type { Readable, Writable } from 'node:stream';
import { AbortedError, type BecomeRequest, type ExecResult } from 'tsible';
import { BecomeSession } from './become-session.js';

/** A running command seen the same way whatever the transport (child process, ssh channel). */
export interface ProcessHandle {
  stdin: Writable;
  stdout: Readable;
  stderr: Readable;
  /** Resolves with the exit status once the command ended and all its output was read (-1 if killed). */
  exited: Promise<number>;
  /** Stops the command (and what it started, where the transport allows it). */
  kill(): void;
  /**
   * For a long-lived process (a persistent shell): whether it should keep the Node process alive
   * (true while it runs a command, false while idle).
   */
  hold?(busy: boolean): void;
}

export interface DriveOptions {
  stdin?: string | Buffer | Readable;
  timeoutSeconds?: number;
  signal?: AbortSignal;
  become?: BecomeRequest;
}

/**
 * Feeds stdin, collects stdout/stderr, enforces the timeout and the abort signal, and when a
 * become request is given answers its prompt before any of the caller's stdin is written.
 */
export async function driveProcess(handle: ProcessHandle, options: DriveOptions): Promise<ExecResult> {
  const session = options.become ? new BecomeSession(options.become) : undefined;
  const out: string[] = [];
  const err: string[] = [];
  let failure: Error | undefined;
  let timedOut = false;
  handle.stdin.on('error', () => { /* the command may exit without reading its stdin (EPIPE) */ });

  const stop = (error?: Error): void => {
    if (error && !failure) failure = error;
    handle.kill();
  };
  const onChunk = (stream: 'stdout' | 'stderr', text: string): void => {
    if (!session || session.isReady) {
      (stream === 'stdout' ? out : err).push(text);
      return;
    }
    const fed = session.feed(stream, text);
    if (fed.stdout) out.push(fed.stdout);
    if (fed.stderr) err.push(fed.stderr);
    const action = fed.action;
    if (action.kind === 'send-password') handle.stdin.write(action.data);
    else if (action.kind === 'failed') stop(action.error);
    else if (action.kind === 'ready') {
      clearTimeout(becomeTimer);
      writeStdin(handle.stdin, options.stdin);
    }
  };
  collect(handle.stdout, (t) => onChunk('stdout', t));
  collect(handle.stderr, (t) => onChunk('stderr', t));

  const becomeTimer = session ? setTimeout(() => stop(session.failure('timeout')), session.timeoutMs) : undefined;
  const runTimer = options.timeoutSeconds && options.timeoutSeconds > 0
    ? setTimeout(() => { timedOut = true; stop(); }, options.timeoutSeconds * 1000) : undefined;
  const onAbort = (): void => stop(new AbortedError());
  options.signal?.addEventListener('abort', onAbort, { once: true });
  if (options.signal?.aborted) onAbort();
  if (!session) writeStdin(handle.stdin, options.stdin);

  try {
    const rc = await handle.exited;
    if (failure) throw failure;
    if (session && !session.isReady) throw session.failure('exited', rc);
    if (timedOut) {
      err.push(`${err.length ? '\n' : ''}command timed out after ${options.timeoutSeconds}s and was killed`);
      return { rc: -1, stdout: out.join(''), stderr: err.join('') };
    }
    return { rc, stdout: out.join(''), stderr: err.join('') };
  } finally {
    // A command may exit without reading all of a streamed stdin: release the source (a file) too.
    if (options.stdin && typeof options.stdin !== 'string' && !Buffer.isBuffer(options.stdin)) options.stdin.destroy();
    clearTimeout(becomeTimer);
    clearTimeout(runTimer);
    options.signal?.removeEventListener('abort', onAbort);
  }
}

function collect(stream: Readable, onText: (text: string) => void): void {
  const decoder = new StringDecoder('utf8');
  stream.on('data', (chunk: Buffer) => {
    const text = decoder.write(chunk);
    if (text) onText(text);
  });
  stream.on('end', () => {
    const rest = decoder.end();
    if (rest) onText(rest);
  });
  stream.on('error', () => { /* reported through the exit status */ });
}

function writeStdin(stdin: Writable, data: string | Buffer | Readable | undefined): void {
  if (data === undefined) stdin.end();
  else if (typeof data === 'string' || Buffer.isBuffer(data)) stdin.end(data);
  else data.pipe(stdin);
}
