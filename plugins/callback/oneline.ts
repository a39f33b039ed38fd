import { defineCallback, type CallbackContext, type CallbackHandlers, type LogEntry, type ModuleResult, type TaskResultEvent } from 'tsible';
import { createDisplay } from './_format/default-output.js';
import { dumpResult, isNoJsonModule, rcText } from './_format/results.js';
import { showLogEntry, type Display } from './_format/display.js';

const escapeBreaks = (s: string) => s.replace(/\n/g, '\\n').replace(/\r/g, '\\r');

/** Every result on one line: `host | STATUS => {json}` or `host | STATUS | rc=N | (stdout) …`. */
class OnelineOutput implements CallbackHandlers {
  private readonly display: Display;
  constructor(private readonly ctx: CallbackContext) {
    this.display = createDisplay(ctx);
  }

  private text(host: string, r: ModuleResult, caption: string): string {
    const stdout = escapeBreaks(typeof r.stdout === 'string' ? r.stdout : '');
    const head = `${host} | ${caption} | rc=${rcText(r)} | (stdout) ${stdout}`;
    return typeof r.stderr === 'string' && r.stderr ? `${head} (stderr) ${escapeBreaks(r.stderr)}` : head;
  }

  private dump(r: ModuleResult): string {
    return dumpResult(r, { verbosity: this.ctx.verbosity, indent: 0 }).replace(/\n/g, '');
  }

  runnerFailed(e: TaskResultEvent): void {
    const r = e.result;
    if ('exception' in r) {
      const exc = String(r.exception);
      const lines = exc.trim().split('\n');
      const msg = this.ctx.verbosity < 3
        ? `An exception occurred during task execution. To see the full traceback, use -vvv. The error was: ${lines[lines.length - 1]}`
        : `An exception occurred during task execution. The full traceback is:\n${exc.replace(/\n/g, '')}`;
      const shown = isNoJsonModule(e.task) && !('module_stderr' in r) ? this.text(e.host, r, 'FAILED') : msg;
      this.display.display(shown, { colour: 'error' });
    }
    this.display.display(`${e.host} | FAILED! => ${this.dump(r)}`, { colour: 'error' });
  }

  runnerOk(e: TaskResultEvent): void {
    const r = e.result;
    const [state, colour] = r.changed ? ['CHANGED', 'changed' as const] : ['SUCCESS', 'ok' as const];
    const text = isNoJsonModule(e.task) && !('ansible_job_id' in r) ? this.text(e.host, r, state) : `${e.host} | ${state} => ${this.dump(r)}`;
    this.display.display(text, { colour });
  }

  runnerUnreachable(e: TaskResultEvent): void {
    this.display.display(`${e.host} | UNREACHABLE!: ${typeof e.result.msg === 'string' ? e.result.msg : ''}`, { colour: 'unreachable' });
  }

  runnerSkipped(e: TaskResultEvent): void {
    this.display.display(`${e.host} | SKIPPED`, { colour: 'skip' });
  }

  log(entry: LogEntry): boolean {
    return showLogEntry(this.display, this.ctx.verbosity, entry);
  }
}

export default defineCallback({
  name: 'oneline',
  callbackType: 'stdout',
  shortDescription: 'Every result on one line',
  create: (ctx) => new OnelineOutput(ctx),
});
