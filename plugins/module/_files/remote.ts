import { randomBytes } from 'node:crypto';
import { posix } from 'node:path';
import type { ModuleContext } from 'tsible';
import { parseProbe, type ProbeOutput } from './probe.js';
import { SHELL_LIB } from './shell-lib.js';

export interface ScriptRun extends ProbeOutput {
  rc: number;
  stdout: string;
  stderr: string;
}

/** Runs `body` after the shared shell functions (one round trip) and parses its `@id key=value` lines. */
export async function runScript(ctx: ModuleContext<unknown>, body: string, stdin?: Buffer | string): Promise<ScriptRun> {
  const script = `${SHELL_LIB}\n${body}`;
  // Linux limits one exec argument to 128 KiB: a long script travels on stdin instead.
  const res = stdin === undefined && script.length > 64 * 1024
    ? await ctx.exec('sh', { stdin: script })
    : await ctx.exec(script, stdin === undefined ? {} : { stdin });
  return { ...parseProbe(res.stdout), rc: res.rc, stdout: res.stdout, stderr: res.stderr };
}

/** A hidden temp name next to `target`, so the final `mv` is a rename on one file system. */
export function siblingTemp(target: string): string {
  return posix.join(posix.dirname(target), `.${posix.basename(target)}.${randomBytes(6).toString('hex')}.tsible-tmp`);
}

/** Whether the task runs its commands through become. */
export function usesBecome(ctx: ModuleContext<unknown>): boolean {
  return ctx.become('true') !== undefined;
}
