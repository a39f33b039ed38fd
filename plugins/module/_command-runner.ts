import type { ModuleContext, ModuleResult } from 'tsible';

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

const SKIP_MARK = '__TSIBLE_SKIPPED__';

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

/**
 * The shared body of command and shell: creates/removes and chdir are checked in the same remote
 * script as the command itself, so a task costs one round trip.
 */
export async function runCommandLike(ctx: ModuleContext<CommandArgs>, line: string, cmdForResult: unknown): Promise<ModuleResult> {
  const { creates, removes, chdir } = ctx.args;
  const guards: string[] = [];
  if (creates) guards.push(`if [ -e ${ctx.quote(creates)} ]; then echo ${SKIP_MARK}; exit 0; fi`);
  if (removes) guards.push(`if [ ! -e ${ctx.quote(removes)} ]; then echo ${SKIP_MARK}; exit 0; fi`);
  if (ctx.check) {
    if (!guards.length) return { changed: false, skipped: true, msg: 'Command would have run if not in check mode' };
  }
  const body = ctx.check ? 'exit 0' : `${chdir ? `cd ${ctx.quote(chdir)} || exit 1\n` : ''}${line}`;
  const script = `${guards.join('\n')}${guards.length ? '\n' : ''}${body}`;
  const stdin = ctx.args.stdin === undefined ? undefined : ctx.args.stdin + (ctx.args.stdin_add_newline ? '\n' : '');
  const started = new Date();
  const res = await ctx.exec(script, { stdin });
  const ended = new Date();
  if (res.stdout.startsWith(SKIP_MARK)) {
    const what = creates ? `since '${creates}' exists` : `since '${removes}' does not exist`;
    return { changed: false, rc: 0, cmd: cmdForResult, stdout: `skipped, ${what}`, stderr: '', msg: `Did not run command ${what}` };
  }
  if (ctx.check) return { changed: false, skipped: true, msg: 'Command would have run if not in check mode' };
  const strip = (s: string) => (ctx.args.strip_empty_ends ? s.replace(/[\r\n]+$/, '') : s);
  const result: ModuleResult = {
    changed: true, cmd: cmdForResult, rc: res.rc, stdout: strip(res.stdout), stderr: strip(res.stderr),
    start: stamp(started), end: stamp(ended), delta: delta(ended.getTime() - started.getTime()), msg: '',
  };
  if (res.rc !== 0) {
    result.failed = true;
    result.msg = 'non-zero return code';
  }
  return result;
}
