import { defineCallback, type CallbackContext, type CallbackHandlers, type TaskStartEvent } from 'tsible';
import { createDisplay } from './_format/default-output.js';
import type { Display } from './_format/display.js';
import { hms } from './_format/clock.js';
import { stringOption } from './_format/options.js';

const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const two = (n: number) => String(n).padStart(2, '0');

/** strftime('%A %d %B %Y  %H:%M:%S %z') in local time. */
export function localStamp(ms: number): string {
  const d = new Date(ms);
  const off = -d.getTimezoneOffset();
  const zone = `${off >= 0 ? '+' : '-'}${two(Math.floor(Math.abs(off) / 60))}${two(Math.abs(off) % 60)}`;
  return `${DAYS[d.getDay()]} ${two(d.getDate())} ${MONTHS[d.getMonth()]} ${d.getFullYear()}  `
    + `${two(d.getHours())}:${two(d.getMinutes())}:${two(d.getSeconds())} ${zone}`;
}

/** `msg ****… ` filled to 79 columns, at least 3 fill characters, and a trailing space. */
export function filled(msg: string, fill = '*'): string {
  const head = msg.length ? `${msg} ` : '';
  return `${head}${fill.repeat(Math.max(79 - head.length, 3))} `;
}

interface TaskTime { name: string; started: number; elapsed: number; path?: string }

/** Per-task timing (ansible.posix.profile_tasks): a time line under each banner, the slowest tasks at the end. */
class ProfileTasks implements CallbackHandlers {
  private readonly display: Display;
  private readonly start: number;
  private last: number;
  private readonly tasks = new Map<string, TaskTime>();
  private current: string | undefined;

  constructor(private readonly ctx: CallbackContext) {
    this.display = createDisplay(ctx);
    this.start = this.now();
    this.last = this.start;
  }

  private now(): number {
    return (this.ctx.now ?? Date.now)();
  }

  private taskTime(): string {
    const now = this.now();
    const text = `${localStamp(now)} (${hms((now - this.last) / 1000)})${' '.repeat(7)}${hms((now - this.start) / 1000)}`;
    this.last = now;
    return filled(text);
  }

  private stopCurrent(): void {
    const t = this.current === undefined ? undefined : this.tasks.get(this.current);
    if (t) t.elapsed += this.now() - t.started;
  }

  private record(e: TaskStartEvent): void {
    this.display.display(this.taskTime());
    this.stopCurrent();
    this.current = e.task.uuid;
    const t = this.tasks.get(e.task.uuid);
    if (t) t.started = this.now();
    else this.tasks.set(e.task.uuid, { name: e.task.name, started: this.now(), elapsed: 0 });
    if (this.ctx.verbosity >= 2 && e.task.loc) this.tasks.get(e.task.uuid)!.path = `${e.task.loc.file}:${e.task.loc.line}`;
  }

  taskStart(e: TaskStartEvent): void { this.record(e); }
  handlerTaskStart(e: TaskStartEvent): void { this.record(e); }

  stats(): void {
    this.display.display(this.taskTime());
    this.display.display(filled('', '='));
    this.stopCurrent();
    this.current = undefined;
    let rows = [...this.tasks.values()];
    const order = stringOption(this.ctx, 'sort_order', 'descending');
    if (order === 'descending') rows.sort((a, b) => b.elapsed - a.elapsed);
    else if (order === 'ascending') rows.sort((a, b) => a.elapsed - b.elapsed);
    const limit = stringOption(this.ctx, 'output_limit', '20');
    if (limit !== 'all') rows = rows.slice(0, Number(limit));
    const width = this.display.columns;
    for (const t of rows) {
      let line = `${t.name} `.padEnd(width - 9, '-') + ` ${(t.elapsed / 1000).toFixed(2)}s`.padStart(9, '-');
      if (t.path) line += `\n${`${t.path} `.padEnd(width, '-')}`;
      this.display.display(line);
    }
  }
}

export default defineCallback({
  name: 'profile_tasks',
  callbackType: 'aggregate',
  needsEnabled: true,
  shortDescription: 'Time of every task, and the slowest tasks at the end',
  options: {
    output_limit: { type: 'str', default: '20', description: 'How many tasks the summary lists, or `all`.' },
    sort_order: { type: 'str', default: 'descending', choices: ['descending', 'ascending', 'none'], description: 'Order of the summary.' },
  },
  optionEnv: { output_limit: ['PROFILE_TASKS_TASK_OUTPUT_LIMIT'], sort_order: ['PROFILE_TASKS_SORT_ORDER'] },
  create: (ctx) => new ProfileTasks(ctx),
});
