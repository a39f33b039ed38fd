import {
  defineCallback, type CallbackContext, type CallbackHandlers, type HostTaskEvent, type LogEntry, type PlayStartEvent,
  type PlayView, type RunStatsEvent, type TaskResultEvent, type TaskStartEvent, type TaskView,
} from 'tsible';
import { createDisplay } from './_format/default-output.js';
import { showLogEntry, type Display } from './_format/display.js';
import { pyJson } from './_format/pyjson.js';
import { isoUtc } from './_format/clock.js';
import { boolOption, numberOption } from './_format/options.js';

interface Timed { name: string; id: string; path: string; duration: { start: string; end?: string } }
interface TaskEntry { task: Timed; hosts: Record<string, unknown> }
interface PlayEntry { play: Timed; tasks: TaskEntry[] }

const LOCKSTEP = /(^|\.)(linear|debug)$/;

function pathOf(item: PlayView | TaskView): string {
  return item.loc ? `${item.loc.file}:${item.loc.line}` : '';
}

/** The whole run as one JSON document on stdout, in the shape of Ansible's ansible.posix.json. */
class JsonOutput implements CallbackHandlers {
  private readonly plays: PlayEntry[] = [];
  private readonly byHostTask = new Map<string, TaskEntry>();
  private lockstep = true;
  private readonly display: Display;

  constructor(private readonly ctx: CallbackContext) {
    this.display = createDisplay(ctx);
  }

  private timed(item: PlayView | TaskView): Timed {
    return { name: item.name, id: item.uuid, path: pathOf(item), duration: { start: isoUtc(this.now()) } };
  }

  private now(): number {
    return (this.ctx.now ?? Date.now)();
  }

  playStart(e: PlayStartEvent): void {
    this.lockstep = LOCKSTEP.test((e.play as PlayView & { strategy?: string }).strategy ?? 'linear');
    this.plays.push({ play: this.timed(e.play), tasks: [] });
  }

  runnerStart(e: HostTaskEvent): void {
    if (this.lockstep || !this.plays.length) return;
    const entry = { task: this.timed(e.task), hosts: {} };
    this.byHostTask.set(`${e.host}\u0000${e.task.uuid}`, entry);
    this.plays[this.plays.length - 1].tasks.push(entry);
  }

  taskStart(e: TaskStartEvent): void {
    if (this.lockstep && this.plays.length) this.plays[this.plays.length - 1].tasks.push({ task: this.timed(e.task), hosts: {} });
  }

  handlerTaskStart(e: TaskStartEvent): void {
    this.taskStart(e);
  }

  private record(e: TaskResultEvent, extra: Record<string, unknown>): void {
    const play = this.plays[this.plays.length - 1];
    if (!play) return;
    const key = `${e.host}\u0000${e.task.uuid}`;
    const entry = this.byHostTask.get(key) ?? play.tasks[play.tasks.length - 1];
    if (!entry) return;
    entry.hosts[e.host] = { ...e.result, ...extra, action: e.task.action };
    const end = isoUtc(this.now());
    entry.task.duration.end = end;
    play.play.duration.end = end;
    if (!this.lockstep) this.byHostTask.delete(key);
  }

  runnerOk(e: TaskResultEvent): void { this.record(e, {}); }
  runnerFailed(e: TaskResultEvent): void { this.record(e, { failed: true }); }
  runnerSkipped(e: TaskResultEvent): void { this.record(e, { skipped: true }); }
  runnerUnreachable(e: TaskResultEvent): void { this.record(e, {}); }

  stats(e: RunStatsEvent): void {
    const stats: Record<string, unknown> = {};
    for (const host of Object.keys(e.hosts).sort()) {
      const { failed, ...rest } = e.hosts[host];
      stats[host] = { ...rest, failures: failed };
    }
    const custom: Record<string, unknown> = {};
    let global: unknown = {};
    if (boolOption(this.ctx, 'show_custom_stats', false)) {
      for (const [k, v] of Object.entries(e.custom)) if (k !== '_run') custom[k] = v;
      global = e.custom._run ?? {};
    }
    const indent = numberOption(this.ctx, 'json_indent', 4);
    const doc = { plays: this.plays, stats, custom_stats: custom, global_custom_stats: global };
    this.display.display(pyJson(doc, { indent: indent > 0 ? indent : null, sortKeys: true }));
  }

  /** Warnings go to stderr, so stdout stays one JSON document. */
  log(entry: LogEntry): boolean {
    if (entry.level === 'info' || entry.level === 'verbose') return true;
    return showLogEntry(this.display, this.ctx.verbosity, entry);
  }
}

export default defineCallback({
  name: 'json',
  callbackType: 'stdout',
  shortDescription: 'The whole run as one JSON document (the shape of ansible.posix.json)',
  options: {
    json_indent: { type: 'int', default: 4, description: 'Indentation; 0 or less prints one line.' },
    show_custom_stats: { type: 'bool', description: 'Include set_stats data (default: the show_custom_stats setting).' },
  },
  optionEnv: { json_indent: ['ANSIBLE_JSON_INDENT'], show_custom_stats: ['ANSIBLE_SHOW_CUSTOM_STATS'] },
  create: (ctx) => new JsonOutput(ctx),
});
