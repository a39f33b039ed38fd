import { isatty } from 'node:tty';

/** What a command needs from the outside world; tests pass their own. */
export interface CliIO {
  stdout: NodeJS.WritableStream & { isTTY?: boolean; columns?: number };
  stderr: NodeJS.WritableStream & { isTTY?: boolean };
  stdin: NodeJS.ReadableStream & { isTTY?: boolean };
  env: NodeJS.ProcessEnv;
  cwd: string;
  /**
   * The process ends as soon as the command returns (the real process; a test's IO leaves it
   * unset): a run then leaves its connections' sockets for the operating system to close.
   */
  processExitsAfter?: boolean;
  /** Whether stdin is a terminal, known without opening it (else `stdin.isTTY` tells). */
  stdinIsTTY?: boolean;
}

export type CommandMain = (argv: string[], io: CliIO) => Promise<number>;

export function processIO(): CliIO {
  return {
    stdout: process.stdout, stderr: process.stderr, env: process.env, cwd: process.cwd(), processExitsAfter: true,
    // Opening process.stdin costs a few milliseconds; most commands never read it.
    get stdin() {
      return process.stdin;
    },
    stdinIsTTY: isatty(0),
  };
}

/** Whether the command can ask questions on a terminal. */
export function interactive(io: CliIO): boolean {
  return io.stdinIsTTY ?? io.stdin.isTTY === true;
}
