import { randomBytes } from 'node:crypto';
import { StringDecoder } from 'node:string_decoder';
import { AbortedError, shellQuote, type ExecResult } from 'tsible';
import type { ProcessHandle } from './drive-process.js';
import { MarkerReader } from './marker-reader.js';

export interface ShellRunOptions {
  timeoutSeconds?: number;
  signal?: AbortSignal;
  /** Run the script in a subshell of the persistent shell instead of a `/bin/sh -c` child (see ExecOptions). */
  subshell?: boolean;
}

interface InFlight {
  resolve: (result: ExecResult) => void;
  reject: (error: Error) => void;
  stopReason?: 'timeout' | 'abort';
  timeoutSeconds?: number;
}

/**
 * Only commands without stdin run in a persistent shell. (Stdin replayed inside the frame was tried;
 * one full-suite run under load saw a 4 KiB binary stdin arrive empty and the cause was not found,
 * so commands with stdin keep their own channel until it is.)
 */
export function acceptsStdin(stdin: unknown): stdin is undefined {
  return stdin === undefined;
}

/** The command a shell is started with ended the shell before it even began (no start marker). */
export class ShellNotStartedError extends Error {}

/** A fresh random tag for a shell's markers; the first command's frame is built before the shell exists. */
export function newShellTag(): string {
  return randomBytes(9).toString('base64url');
}

/**
 * The command line that starts a shell already running its first command: the frame of command
 * number 1, then `exec /bin/sh`, which goes on reading frames from the same stdin. So the first
 * command starts exactly when a fresh exec would, and its process becomes the persistent shell.
 */
export function shellWithFirstCommand(tag: string, script: string, subshell = false): string {
  return `${frame(script, markers(tag, 1).start, markers(tag, 1).end, subshell)}exec /bin/sh`;
}

function markers(tag: string, n: number): { start: string; end: string } {
  return { start: `${tag}:${n}:S`, end: `${tag}:${n}:E` };
}

/**
 * One long-running `sh` on the target that runs commands framed on its stdin, so a command costs
 * one write and one read instead of opening a channel (and forking a session and a login shell on
 * the target). Each command still runs in its own `/bin/sh -c` child with stdin from /dev/null, so
 * `$$`, `exit`, syntax errors and `set -e` behave as they do in a fresh exec. Commands with a
 * become prompt or stdin are not sent here (the connection uses a fresh exec for them).
 *
 * Killing a command (timeout, abort) kills the whole shell: the transport's kill signals the
 * shell's process group, which the command belongs to. The next command opens a new shell.
 */
export class PersistentShell {
  private readonly out = new MarkerReader();
  private readonly err = new MarkerReader();
  private sequence = 0;
  private inFlight?: InFlight;
  private ended = false;
  /** Output arrived outside any command: something still writes to the shell's streams. */
  private strayOutput = false;
  private completed = 0;
  /** We asked it to end (close, timeout, abort): its end says nothing about the target. */
  private endRequested = false;

  /** `tag` is the one the shell's first command was framed with (shellWithFirstCommand). */
  constructor(private readonly proc: ProcessHandle, private readonly tag = newShellTag()) {
    const onText = (reader: MarkerReader) => (text: string): void => {
      reader.feed(text);
      // Before the first command finishes, stray text is the login shell's start-up noise (an rc
      // file that prints something), not a background process.
      if (reader.takeStray() && this.completed > 0) this.strayOutput = true;
      this.settleIfDone();
    };
    decodeInto(proc.stdout, onText(this.out));
    decodeInto(proc.stderr, onText(this.err));
    proc.stdin.on('error', () => { /* the shell died; reported through exited */ });
    proc.exited.then((rc) => this.onExit(undefined, rc), (error: Error) => this.onExit(error));
  }

  /** True when the shell can take the next command (alive, idle, nothing stray seen). */
  get available(): boolean {
    return !this.ended && !this.strayOutput && !this.inFlight;
  }

  /** True once the shell cannot be used again. */
  get retired(): boolean {
    return this.ended || (this.strayOutput && !this.inFlight);
  }

  /** Commands this shell finished (0 for a shell that ended before running anything). */
  get completedCommands(): number {
    return this.completed;
  }

  /** The shell ended without being asked to (`exec /bin/sh` failed, the server closed the channel). */
  get endedUnasked(): boolean {
    return this.ended && !this.endRequested;
  }

  /** True when something outside the commands wrote to the shell's streams (a background process). */
  get sawStrayOutput(): boolean {
    return this.strayOutput;
  }

  /** Sends the command at once; the shell is busy from this call on (synchronously). */
  run(script: string, options: ShellRunOptions = {}): Promise<ExecResult> {
    if (options.signal?.aborted) return Promise.reject(new AbortedError());
    return this.track(options, (start, end) => this.proc.stdin.write(frame(script, start, end, options.subshell)));
  }

  /**
   * Follows the first command, which the shell was started with (shellWithFirstCommand): it is
   * running already, so an abort that came while the shell opened stops it rather than skipping it.
   */
  runFirst(options: ShellRunOptions = {}): Promise<ExecResult> {
    const result = this.track(options, () => undefined);
    if (options.signal?.aborted) this.stop('abort');
    return result;
  }

  private stop(reason: 'timeout' | 'abort'): void {
    if (!this.inFlight) return;
    this.inFlight.stopReason ??= reason;
    this.endRequested = true;
    this.proc.kill();
  }

  private track(options: ShellRunOptions, send: (start: string, end: string) => void): Promise<ExecResult> {
    const { start, end } = markers(this.tag, ++this.sequence);
    this.out.expect(`${start}\n`, end);
    this.err.expect(`${start}\n`, end);
    return new Promise<ExecResult>((resolve, reject) => {
      const flight: InFlight = { resolve, reject, timeoutSeconds: options.timeoutSeconds };
      const timer = options.timeoutSeconds && options.timeoutSeconds > 0
        ? setTimeout(() => this.stop('timeout'), options.timeoutSeconds * 1000) : undefined;
      const onAbort = (): void => this.stop('abort');
      options.signal?.addEventListener('abort', onAbort, { once: true });
      const cleanup = (): void => {
        clearTimeout(timer);
        options.signal?.removeEventListener('abort', onAbort);
      };
      flight.resolve = (result) => { cleanup(); resolve(result); };
      flight.reject = (error) => { cleanup(); reject(error); };
      this.inFlight = flight;
      this.proc.hold?.(true);
      send(start, end);
    });
  }

  /** Ends the shell once it is idle (closing its stdin makes `sh` exit). */
  close(): void {
    if (this.ended) return;
    this.endRequested = true;
    if (this.inFlight) this.proc.kill();
    else this.proc.stdin.end();
  }

  private settleIfDone(): void {
    const flight = this.inFlight;
    const stdout = this.out.done;
    const stderr = this.err.done;
    if (!flight || !stdout || !stderr) return;
    this.inFlight = undefined;
    this.completed++;
    this.proc.hold?.(false);
    const rc = Number.parseInt(stdout.trailer.trim(), 10);
    flight.resolve({ rc: Number.isNaN(rc) ? -1 : rc, stdout: stdout.text, stderr: stderr.text });
    if (this.strayOutput) this.close();
  }

  private onExit(error: Error | undefined, rc?: number): void {
    this.ended = true;
    const flight = this.inFlight;
    if (!flight) return;
    this.inFlight = undefined;
    const stdout = this.out.partial();
    const stderr = this.err.partial();
    if (flight.stopReason === 'abort') return flight.reject(new AbortedError());
    if (flight.stopReason === 'timeout') {
      const note = `command timed out after ${flight.timeoutSeconds}s and was killed`;
      return flight.resolve({ rc: -1, stdout, stderr: `${stderr}${stderr ? '\n' : ''}${note}` });
    }
    if (error) return flight.reject(error);
    // Nothing ran: the shell could not start (no /bin/sh, a login shell that does not speak sh).
    if (this.completed === 0 && !this.out.hasStarted) return flight.reject(new ShellNotStartedError(`the shell ended with rc=${rc ?? 'unknown'} before starting the command`));
    const note = `the shell running the command ended unexpectedly (rc=${rc ?? 'unknown'})`;
    flight.resolve({ rc: -1, stdout, stderr: `${stderr}${stderr ? '\n' : ''}${note}` });
  }
}

/**
 * The command runs in a child `sh -c` with stdin from /dev/null (the shell's own stdin carries the
 * frames); the markers around it are printed by the shell itself, on both streams. A `subshell`
 * command runs in a forked copy of the shell instead (`exit`, `cd`, variables and syntax errors stay
 * inside it just the same), which spares the target starting `/bin/sh` again: only `$$`, `$PPID`
 * and `$0` tell the difference.
 */
function frame(script: string, start: string, end: string, subshell = false): string {
  const run = subshell ? `( eval ${shellQuote(script)} )` : `/bin/sh -c ${shellQuote(script)}`;
  return `printf '%s\\n' '${start}'; printf '%s\\n' '${start}' >&2; ${run} </dev/null; `
    + `printf '%s %s\\n' '${end}' "$?"; printf '%s\\n' '${end}' >&2\n`;
}

function decodeInto(stream: NodeJS.ReadableStream, onText: (text: string) => void): void {
  const decoder = new StringDecoder('utf8');
  stream.on('data', (chunk: Buffer) => {
    const text = decoder.write(chunk);
    if (text) onText(text);
  });
  stream.on('error', () => { /* reported through exited */ });
}
