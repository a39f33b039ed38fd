import { randomBytes } from 'node:crypto';
import { posix } from 'node:path';
import { shellQuote, type ModuleContext } from 'tsible';
import { parseProbe, type ProbeOutput } from './probe.js';
import { isStatDialect, shellLib } from './shell-lib.js';

export interface ScriptRun extends ProbeOutput {
  rc: number;
  stdout: string;
  stderr: string;
}

// Linux limits one exec argument to 128 KiB (MAX_ARG_STRLEN); longer scripts are not sent as one.
const MAX_INLINE_SCRIPT = 64 * 1024;

const DIALECT_KEY = 'builtin.files:stat-dialect';
const UMASK_KEY = 'builtin.files:umask';

/**
 * Runs `body` after the shared shell functions (one round trip) and parses its `@id key=value`
 * lines. A long script travels on stdin; when stdin already carries data, the script is first
 * stored in a temp file on the target (one more round trip, only for very long scripts). The
 * first script on a connection learns the target's stat dialect; later ones are told it.
 */
export async function runScript(ctx: ModuleContext<unknown>, body: string, stdin?: Buffer | string): Promise<ScriptRun> {
  const cache = await ctx.targetCache();
  const known = cache.get(DIALECT_KEY);
  const run = await runWithLib(ctx, `${shellLib(isStatDialect(known) ? known : undefined)}\n${body}`, stdin);
  if (run.dialect) cache.set(DIALECT_KEY, run.dialect);
  if (run.reportedUmask !== undefined && !usesBecome(ctx)) cache.set(UMASK_KEY, run.reportedUmask);
  return run;
}

/**
 * The umask of the connection's own user as an earlier script reported it, for planning a file's
 * creation before probing it; undefined before any script ran, and for tasks with become (another
 * user's login may set another umask).
 */
export async function knownUmask(ctx: ModuleContext<unknown>): Promise<number | undefined> {
  if (usesBecome(ctx)) return undefined;
  const value = (await ctx.targetCache()).get(UMASK_KEY);
  return typeof value === 'number' ? value : undefined;
}

async function runWithLib(ctx: ModuleContext<unknown>, script: string, stdin?: Buffer | string): Promise<ScriptRun> {
  let res;
  // The scripts use no $$ (see installScript's backup name): a subshell of the persistent shell does.
  if (script.length <= MAX_INLINE_SCRIPT) res = await ctx.exec(script, stdin === undefined ? { subshell: true } : { stdin });
  else if (stdin === undefined) res = await ctx.exec('sh', { stdin: script });
  else {
    const stored = await ctx.exec('tsible_f=$(mktemp) && cat > "$tsible_f" && echo "$tsible_f"', { stdin: script });
    const file = stored.stdout.trim();
    if (stored.rc !== 0 || !file) return { ...parseProbe(''), rc: stored.rc || 1, stdout: stored.stdout, stderr: stored.stderr };
    res = await ctx.exec(`sh ${shellQuote(file)}; tsible_rc=$?; rm -f ${shellQuote(file)}; exit $tsible_rc`, { stdin });
  }
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
