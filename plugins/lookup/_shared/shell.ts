import { spawn } from 'node:child_process';
import type { LookupContext } from 'tsible';
import { lookupError } from './errors.js';
import { basedirOf } from './search.js';

export interface ShellOutput {
  code: number;
  stdout: Buffer;
  stderr: string;
}

/** Runs `command` with /bin/sh in the playbook directory, without blocking; stdin is empty. */
export function runShell(ctx: LookupContext, command: string): Promise<ShellOutput> {
  return new Promise((resolve, reject) => {
    const child = spawn('/bin/sh', ['-c', command], {
      cwd: basedirOf(ctx), stdio: ['pipe', 'pipe', 'pipe'], signal: ctx.signal,
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (b: Buffer) => out.push(b));
    child.stderr.on('data', (b: Buffer) => err.push(b));
    child.on('error', (e) => reject(lookupError(`could not run '${command}': ${e.message}`, e)));
    child.on('close', (code, signal) => resolve({
      code: code ?? (signal ? 128 : 1), stdout: Buffer.concat(out), stderr: Buffer.concat(err).toString('utf8'),
    }));
    child.stdin.end();
  });
}

/** The failure message Ansible gives, plus what the command printed on stderr (Ansible lets it through). */
export function commandFailed(lookup: string, command: string, result: ShellOutput): Error {
  const detail = result.stderr.trim() ? `: ${result.stderr.trim()}` : '';
  return lookupError(`lookup_plugin.${lookup}(${command}) returned ${result.code}${detail}`);
}
