import { PassThrough } from 'node:stream';
import type { CliIO } from '../../../core/cli/io.js';
import { inventoryMain } from '../../../core/cli/commands/inventory.js';

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs tsible-inventory in-process with captured streams; thrown errors become exit codes as in runMain. */
export async function runInventoryCli(argv: string[], cwd: string, env: NodeJS.ProcessEnv = {}): Promise<CliResult> {
  const out: string[] = [];
  const err: string[] = [];
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  stdout.on('data', (c: Buffer) => out.push(c.toString()));
  stderr.on('data', (c: Buffer) => err.push(c.toString()));
  const io: CliIO = { stdout, stderr, stdin: new PassThrough(), env, cwd };
  let code: number;
  try {
    code = await inventoryMain(argv, io);
  } catch (e) {
    const error = e as Error & { exitCode?: number };
    err.push(`ERROR! ${error.message}\n`);
    code = error.exitCode ?? 250;
  }
  await new Promise((r) => setImmediate(r));
  return { code, stdout: out.join(''), stderr: err.join('') };
}
