import { defineCallback, type CallbackContext, type CallbackHandlers, type LogEntry, type ModuleResult, type TaskResultEvent } from 'tsible';
import { createDisplay } from './_format/default-output.js';
import { renderDiff } from './_format/diff.js';
import { cleanDebugResult, dumpResult, isNoJsonModule, rcText } from './_format/results.js';
import { showLogEntry, type Display } from './_format/display.js';

/** `host | STATUS => {json}`, or the command's output as text: what ad-hoc `ansible` prints. */
class MinimalOutput implements CallbackHandlers {
  private readonly display: Display;
  constructor(private readonly ctx: CallbackContext) {
    this.display = createDisplay(ctx);
  }

  private text(host: string, result: ModuleResult, caption: string): string {
    const part = (k: string) => (typeof result[k] === 'string' ? result[k] as string : '');
    return `${host} | ${caption} | rc=${rcText(result)} >>\n${part('stdout')}${part('stderr')}${part('msg')}\n`;
  }

  private dump(result: ModuleResult): string {
    return dumpResult(result, { verbosity: this.ctx.verbosity, indent: 4 });
  }

  private warnings(result: ModuleResult): void {
    for (const w of (result.warnings as unknown[] | undefined) ?? []) this.display.warning(String(w));
    delete result.warnings;
    for (const d of (result.deprecations as Array<{ msg: string }> | undefined) ?? []) this.display.deprecation(d);
    delete result.deprecations;
  }

  runnerFailed(e: TaskResultEvent): void {
    const r = e.result;
    if ('exception' in r) {
      const lines = String(r.exception).trim().split('\n');
      this.display.display(`An exception occurred during task execution. To see the full traceback, use -vvv. The error was: ${lines[lines.length - 1]}`, { colour: 'error' });
    }
    this.warnings(r);
    const text = isNoJsonModule(e.task) && !('module_stderr' in r)
      ? this.text(e.host, r, 'FAILED') : `${e.host} | FAILED! => ${this.dump(r)}`;
    this.display.display(text, { colour: 'error' });
  }

  runnerOk(e: TaskResultEvent): void {
    const r = e.result;
    cleanDebugResult(r, e.task);
    this.warnings(r);
    const [state, colour] = r.changed ? ['CHANGED', 'changed' as const] : ['SUCCESS', 'ok' as const];
    const text = isNoJsonModule(e.task) && !('ansible_job_id' in r)
      ? this.text(e.host, r, state) : `${e.host} | ${state} => ${this.dump(r)}`;
    this.display.display(text, { colour });
  }

  runnerSkipped(e: TaskResultEvent): void {
    this.display.display(`${e.host} | SKIPPED`, { colour: 'skip' });
  }

  runnerUnreachable(e: TaskResultEvent): void {
    this.display.display(`${e.host} | UNREACHABLE! => ${this.dump(e.result)}`, { colour: 'unreachable' });
  }

  fileDiff(e: TaskResultEvent): void {
    const diff = e.result.diff;
    if (diff && (!Array.isArray(diff) || diff.length)) this.display.display(renderDiff(diff, this.display.painter));
  }

  log(entry: LogEntry): boolean {
    return showLogEntry(this.display, this.ctx.verbosity, entry);
  }
}

export default defineCallback({
  name: 'minimal',
  callbackType: 'stdout',
  shortDescription: 'One block per result: `host | STATUS => {json}`',
  description: 'No banners and no recap; commands show their output as text. The layout of ad-hoc `ansible`.',
  create: (ctx) => new MinimalOutput(ctx),
});
