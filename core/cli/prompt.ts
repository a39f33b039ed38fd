import { UsageError } from '../errors.js';
import type { CliIO } from './io.js';

/** Reads a line from the terminal without echoing it. A clear error when there is no terminal. */
export async function promptHidden(io: CliIO, prompt: string): Promise<string> {
  const stdin = io.stdin as NodeJS.ReadStream;
  if (!stdin.isTTY) throw new UsageError(`${prompt.replace(/: $/, '')} was requested, but there is no terminal to ask on`);
  io.stderr.write(prompt);
  stdin.setRawMode?.(true);
  stdin.resume();
  return new Promise((resolve) => {
    let value = '';
    const onData = (buf: Buffer) => {
      for (const ch of buf.toString('utf8')) {
        if (ch === '\r' || ch === '\n' || ch === '\u0004') {
          stdin.off('data', onData);
          stdin.setRawMode?.(false);
          stdin.pause();
          io.stderr.write('\n');
          resolve(value);
          return;
        }
        if (ch === '\u0003') process.kill(process.pid, 'SIGINT');
        else if (ch === '\u007f') value = value.slice(0, -1);
        else value += ch;
      }
    };
    stdin.on('data', onData);
  });
}

/** Reads a line from the terminal, echoed (vars_prompt with private: false). */
export async function promptVisible(io: CliIO, prompt: string): Promise<string> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { createInterface } = require('node:readline/promises') as typeof import('node:readline/promises');
  const rl = createInterface({ input: io.stdin, output: io.stderr, terminal: true });
  try {
    return await rl.question(prompt);
  } finally {
    rl.close();
  }
}
