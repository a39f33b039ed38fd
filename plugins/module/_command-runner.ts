import { reprBytes, shellQuote, type ModuleContext, type ModuleResult } from 'tsible';
import { ExpandedWords } from './_command-words.js';

export interface CommandArgs {
  cmd?: string;
  argv?: string[];
  chdir?: string;
  creates?: string;
  removes?: string;
  stdin?: string;
  stdin_add_newline: boolean;
  strip_empty_ends: boolean;
}

/**
 * How the command reaches the shell. `direct` (the command module) replaces the shell with the
 * program (`exec`), as Ansible starts it without a shell; the shell module runs `line` as a script.
 */
export interface CommandLine {
  line: string;
  /** What the result reports as `cmd`. */
  cmd: unknown;
  /** Assignments run before the line (see renderCommandWords). */
  setup?: string[];
  /** The program's words, for `exec`: a missing or non-executable program fails as in Ansible. */
  direct?: { words: readonly string[] };
}

const MARK = '__TSIBLE_CMD__';

/** Ansible reports these as null when the command never started. */
const NOT_STARTED = { rc: null, start: null, end: null, delta: null } as unknown as ModuleResult;

function stamp(d: Date): string {
  const pad = (n: number, w = 2) => String(n).padStart(w, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}.${pad(d.getMilliseconds() * 1000, 6)}`;
}

function delta(ms: number): string {
  const s = ms / 1000;
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  return `${h}:${String(m).padStart(2, '0')}:${(s % 60).toFixed(6).padStart(9, '0')}`;
}

/** Python's text of an OSError on a bytes path, as Ansible's messages quote it. */
function osErrorText(errno: number, path: string): string {
  const reason = { 2: 'No such file or directory', 13: 'Permission denied', 20: 'Not a directory' }[errno] ?? 'Error';
  return `[Errno ${errno}] ${reason}: ${reprBytes(Buffer.from(path))}`;
}

/**
 * `creates`/`removes` are glob patterns on the target (Python's glob in Ansible), after the same
 * expansion as a `type: path` argument.
 */
function guard(paths: ExpandedWords, pattern: string, kind: 'creates' | 'removes'): string {
  const found = `tsible_found=0; for tsible_g in ${paths.word(pattern, { glob: true })}; do if [ -e "$tsible_g" ] || [ -L "$tsible_g" ]; then tsible_found=1; break; fi; done`;
  // The message names the pattern as expanded (an assignment does not glob).
  return `${found}\nif [ "$tsible_found" = ${kind === 'creates' ? 1 : 0} ]; then tsible_pat=${paths.word(pattern)}; `
    + `printf '%s\\n' "${MARK}skip=${kind} $tsible_pat"; exit 0; fi`;
}

/**
 * Ansible changes directory before anything else (after expanding `~` and `$VAR`, as for every
 * `type: path` argument) and fails with the OS error, naming the expanded path, when it cannot.
 */
function chdirStep(paths: ExpandedWords, dir: string): string {
  const fail = (errno: number) => `printf '%s\\n' "${MARK}chdir=${errno} $tsible_cd"`;
  return `tsible_cd=${paths.word(dir)}\n`
    + 'cd -- "$tsible_cd" >/dev/null 2>&1 || { '
    + `if [ ! -e "$tsible_cd" ]; then ${fail(2)}; elif [ ! -d "$tsible_cd" ]; then ${fail(20)}; else ${fail(13)}; fi; exit 0; }`;
}

function commandScript(ctx: ModuleContext<CommandArgs>, c: CommandLine): string {
  const { creates, removes, chdir } = ctx.args;
  const paths = new ExpandedWords('p');
  const steps: string[] = [];
  if (chdir) steps.push(chdirStep(paths, chdir));
  if (creates) steps.push(guard(paths, creates, 'creates'));
  if (removes) steps.push(guard(paths, removes, 'removes'));
  if (ctx.check) steps.push('exit 0');
  else steps.push(...(c.setup ?? []), c.direct ? `exec ${c.line}` : c.line);
  return [...paths.setup, ...steps].join('\n');
}

/** The shell's own complaint when `exec` could not start the program (nothing else ran). */
function execFailure(c: CommandLine, rc: number, stderr: string): ModuleResult | undefined {
  if (!c.direct || (rc !== 127 && rc !== 126)) return undefined;
  const reason = rc === 127 ? 'not found' : 'Permission denied';
  if (!new RegExp(`^[^\\n]*\\bexec: [^\\n]*: ${reason}\\n?$`).test(stderr)) return undefined;
  const errno = rc === 127 ? 2 : 13;
  return { failed: true, changed: false, rc: errno, stdout: '', stderr: '', cmd: c.direct.words.map(shellQuote).join(' '),
    msg: osErrorText(errno, c.direct.words[0] ?? '') };
}

function markedOutcome(ctx: ModuleContext<CommandArgs>, c: CommandLine, stdout: string): ModuleResult | undefined {
  if (!stdout.startsWith(MARK)) return undefined;
  // The mark line carries the path as the target's shell expanded it.
  const mark = stdout.slice(MARK.length).replace(/\n$/, '');
  const chdirFailure = /^chdir=(\d+) (.*)/.exec(mark);
  if (chdirFailure) {
    return { ...NOT_STARTED, failed: true, changed: false, cmd: c.cmd, stdout: '', stderr: '',
      msg: `Unable to change directory before execution: ${osErrorText(Number(chdirFailure[1]), chdirFailure[2])}` };
  }
  const [, kind, pattern] = /^skip=(creates|removes) (.*)/.exec(mark) ?? [];
  if (!kind) return undefined;
  const byCreates = kind === 'creates';
  const why = byCreates ? `since '${pattern}' exists` : `since '${pattern}' does not exist`;
  // Ansible quotes the path in msg but not in stdout.
  const stdoutWhy = byCreates ? `since ${pattern} exists` : `since ${pattern} does not exist`;
  return { ...NOT_STARTED, changed: false, rc: 0, cmd: c.cmd, stdout: `skipped, ${stdoutWhy}`, stderr: '',
    msg: `${ctx.check ? 'Would' : 'Did'} not run command ${why}` };
}

/**
 * The shared body of command and shell: chdir and creates/removes are checked in the same remote
 * script as the command itself, so a task costs one round trip.
 */
export async function runCommandLike(ctx: ModuleContext<CommandArgs>, c: CommandLine): Promise<ModuleResult> {
  const { creates, removes } = ctx.args;
  if (ctx.check && !creates && !removes) {
    return { ...NOT_STARTED, changed: false, skipped: true, rc: 0, cmd: c.cmd, stdout: '', stderr: '', msg: 'Command would have run if not in check mode' };
  }
  const stdin = ctx.args.stdin === undefined ? undefined : ctx.args.stdin + (ctx.args.stdin_add_newline ? '\n' : '');
  const started = new Date();
  // `exec` from a subshell of the persistent shell: the program is the only process started.
  const res = await ctx.exec(commandScript(ctx, c), { stdin, subshell: c.direct !== undefined });
  const ended = new Date();
  const marked = markedOutcome(ctx, c, res.stdout);
  if (marked) return marked;
  // With creates/removes, check mode reports the run it would do (changed), as Ansible does.
  if (ctx.check) return { ...NOT_STARTED, changed: true, rc: 0, cmd: c.cmd, stdout: '', stderr: '', msg: 'Command would have run if not in check mode' };
  const failedToStart = execFailure(c, res.rc, res.stderr);
  if (failedToStart) return failedToStart;
  const strip = (s: string) => (ctx.args.strip_empty_ends ? s.replace(/[\r\n]+$/, '') : s);
  const result: ModuleResult = {
    changed: true, cmd: c.cmd, rc: res.rc, stdout: strip(res.stdout), stderr: strip(res.stderr),
    start: stamp(started), end: stamp(ended), delta: delta(ended.getTime() - started.getTime()), msg: '',
  };
  if (res.rc !== 0) {
    result.failed = true;
    result.msg = 'non-zero return code';
  }
  return result;
}
