import {
  defineCallback, type CallbackContext, type CallbackHandlers, type HostTaskEvent, type TaskResultEvent, type TaskStartEvent,
} from 'tsible';
import { boolOption, numberOption } from './_format/options.js';

const CLEAR = '\r\u001b[2K';

export interface ProgressState { done: number; total: number; running: Map<string, number> }

/** `[12/40 host-tasks] running: web1 (12s), web2 (9s), +3 more`, cut to the terminal width. */
export function progressLine(state: ProgressState, now: number, width: number): string {
  const hosts = [...state.running.entries()].sort((a, b) => a[1] - b[1]);
  const head = `[${state.done}/${state.total} host-tasks]`;
  if (!hosts.length) return head.slice(0, width);
  let line = `${head} running:`;
  for (let i = 0; i < hosts.length; i++) {
    const [host, since] = hosts[i];
    const part = ` ${host} (${Math.floor((now - since) / 1000)}s)${i < hosts.length - 1 ? ',' : ''}`;
    const more = ` +${hosts.length - i} more`;
    if (line.length + part.length > width - (i < hosts.length - 1 ? more.length : 0)) return `${line}${more}`.slice(0, width);
    line += part;
  }
  return line;
}

/**
 * A status line at the bottom of a terminal while tasks run longer than a moment: how many
 * host-tasks are done out of how many, which hosts are still running and for how long. It is
 * erased before any other output, so it never ends up in the scrollback, and it never draws
 * when stdout is not a terminal.
 */
class Progress implements CallbackHandlers {
  private readonly state: ProgressState = { done: 0, total: 0, running: new Map() };
  private drawn = false;
  private timer: NodeJS.Timeout | undefined;
  private readonly delay: number;

  constructor(private readonly ctx: CallbackContext) {
    this.delay = numberOption(ctx, 'delay', 1) * 1000;
    this.timer = setInterval(() => this.draw(), numberOption(ctx, 'interval', 0.5) * 1000);
    this.timer.unref();
  }

  private now(): number {
    return (this.ctx.now ?? Date.now)();
  }

  /** Draws only when some host has been running longer than `delay`, so quick runs never see it. */
  draw(): void {
    const now = this.now();
    const oldest = Math.min(...this.state.running.values());
    if (!this.state.running.size || now - oldest < this.delay) return;
    this.ctx.stdout.write(`${CLEAR}${progressLine(this.state, now, (this.ctx.columns ?? 79))}`);
    this.drawn = true;
  }

  beforeEvent(): void {
    if (!this.drawn) return;
    this.ctx.stdout.write(CLEAR);
    this.drawn = false;
  }

  taskStart(e: TaskStartEvent): void { this.state.total += e.hosts.length; }
  handlerTaskStart(e: TaskStartEvent): void { this.state.total += e.hosts.length; }

  runnerStart(e: HostTaskEvent): void {
    this.state.running.set(e.host, this.now());
    this.draw();
  }

  private finished(e: TaskResultEvent): void {
    this.state.running.delete(e.host);
    this.state.done += 1;
    if (this.state.done > this.state.total) this.state.total = this.state.done;
    this.draw();
  }

  runnerOk(e: TaskResultEvent): void { this.finished(e); }
  runnerFailed(e: TaskResultEvent): void { this.finished(e); }
  runnerSkipped(e: TaskResultEvent): void { this.finished(e); }
  runnerUnreachable(e: TaskResultEvent): void { this.finished(e); }

  stats(): void {
    this.close();
  }

  close(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    this.beforeEvent();
  }
}

export default defineCallback({
  name: 'progress',
  callbackType: 'notification',
  needsEnabled: false,
  shortDescription: 'A status line on a terminal while tasks run (done/total, hosts still running)',
  description: 'Active by default on a terminal only; set callbacks: { progress: { enabled: false } } to turn it off.',
  options: {
    enabled: { type: 'bool', default: true, description: 'Draw the status line (only ever on a terminal).' },
    delay: { type: 'float', default: 1, description: 'Seconds a host must have been running before the line appears.' },
    interval: { type: 'float', default: 0.5, description: 'Seconds between redraws.' },
  },
  optionEnv: { enabled: ['TSIBLE_PROGRESS'] },
  create: (ctx) => (ctx.isTTY === true && boolOption(ctx, 'enabled', true) && !ctx.env?.CI ? new Progress(ctx) : {}),
});
