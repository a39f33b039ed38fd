/**
 * The `default` stdout callback: Ansible's screen layout, line for line. Other stdout callbacks
 * (yaml) extend it and change only how a result is dumped.
 */
import { basename } from 'node:path';
import type {
  AsyncPollEvent, CallbackContext, CallbackHandlers, HostTaskEvent, IncludeEvent, ItemResultEvent, LogEntry,
  ModuleResult, NotifyEvent, PlaybookStartEvent, PlayStartEvent, PlayView, RetryEvent, RunStatsEvent,
  TaskResultEvent, TaskStartEvent, TaskView,
} from 'tsible';
import { Painter } from './colour.js';
import { Display, showLogEntry, type DeprecationInfo } from './display.js';
import { boolOption, stringOption } from './options.js';
import { humanError } from './human-error.js';
import {
  cleanDebugResult, dumpResult, hostLabel, isAction, isLoopSummary, itemLabel, pyStr, runIsVerbose,
} from './results.js';

export interface DefaultSettings {
  displaySkippedHosts: boolean;
  displayOkHosts: boolean;
  displayFailedStderr: boolean;
  showCustomStats: boolean;
  showPerHostStart: boolean;
  checkModeMarkers: boolean;
  showTaskPathOnFailure: boolean;
  /** `human`: failures show msg, rc, stderr and stdout as text instead of one JSON line. */
  errorFormat: 'json' | 'human';
  pretty?: boolean;
  resultFormat: 'json' | 'yaml';
}

export function readDefaultSettings(ctx: CallbackContext): DefaultSettings {
  const pretty = ctx.options.pretty_results;
  const errorFormat = stringOption(ctx, 'error_format', 'json');
  return {
    displaySkippedHosts: boolOption(ctx, 'display_skipped_hosts', true),
    displayOkHosts: boolOption(ctx, 'display_ok_hosts', true),
    displayFailedStderr: boolOption(ctx, 'display_failed_stderr', false),
    showCustomStats: boolOption(ctx, 'show_custom_stats', false),
    showPerHostStart: boolOption(ctx, 'show_per_host_start', false),
    checkModeMarkers: boolOption(ctx, 'check_mode_markers', false),
    showTaskPathOnFailure: boolOption(ctx, 'show_task_path_on_failure', false),
    errorFormat: errorFormat === 'human' || (errorFormat === 'auto' && ctx.isTTY === true) ? 'human' : 'json',
    pretty: pretty === undefined || pretty === null ? undefined : boolOption(ctx, 'pretty_results', false),
    resultFormat: stringOption(ctx, 'result_format', 'json') === 'yaml' ? 'yaml' : 'json',
  };
}

const INCLUDE_ACTIONS = ['include_tasks', 'include_role', 'include'];

export function createDisplay(ctx: CallbackContext): Display {
  return new Display({
    stdout: ctx.stdout, stderr: ctx.stderr, painter: new Painter(ctx.color), columns: ctx.columns ?? 79,
    deprecationWarnings: ctx.settings.deprecation_warnings !== false,
  });
}

export class DefaultOutput implements CallbackHandlers {
  protected readonly display: Display;
  protected readonly opts: DefaultSettings;
  private lastTaskBanner: string | undefined;
  private lastTaskName: string | undefined;
  private readonly taskPrefix = new Map<string, string>();
  private play: PlayView | undefined;

  constructor(protected readonly ctx: CallbackContext) {
    this.display = createDisplay(ctx);
    this.opts = readDefaultSettings(ctx);
  }

  /** The text after `=>`. */
  protected dump(result: ModuleResult, indent?: number): string {
    return dumpResult(result, { verbosity: this.ctx.verbosity, indent, pretty: this.opts.pretty, format: this.opts.resultFormat });
  }

  private bannerOnce(task: TaskView): void {
    if (this.lastTaskBanner !== task.uuid) this.printTaskBanner(task);
  }

  private printTaskBanner(task: TaskView): void {
    const prefix = this.taskPrefix.get(task.uuid) ?? 'TASK';
    const name = this.lastTaskName ?? task.name.trim();
    const check = this.ctx.check && this.opts.checkModeMarkers ? ' [CHECK MODE]' : '';
    this.display.banner(`${prefix} [${name}]${check}`);
    if (this.ctx.verbosity >= 2) this.printTaskPath(task);
    this.lastTaskBanner = task.uuid;
  }

  private printTaskPath(task: TaskView): void {
    const path = task.loc ? `${task.loc.file}:${task.loc.line}` : (task as TaskView & { path?: string }).path;
    if (path) this.display.display(`task path: ${path}`, { colour: 'debug' });
  }

  private startTask(task: TaskView, prefix: string): void {
    this.taskPrefix.set(task.uuid, prefix);
    const strategy = (this.play as (PlayView & { strategy?: string }) | undefined)?.strategy ?? 'linear';
    this.lastTaskName = /(^|\.)(free|host_pinned)$/.test(strategy) ? undefined : task.name.trim();
    if (this.lastTaskName !== undefined && this.opts.displaySkippedHosts && this.opts.displayOkHosts) this.printTaskBanner(task);
  }

  protected handleWarnings(result: ModuleResult): void {
    if (Array.isArray(result.warnings) && result.warnings.length) {
      for (const w of result.warnings) this.display.warning(String(w));
      delete result.warnings;
    }
    if (Array.isArray(result.deprecations) && result.deprecations.length) {
      for (const d of result.deprecations) this.display.deprecation(typeof d === 'string' ? { msg: d } : d as DeprecationInfo);
      delete result.deprecations;
    }
  }

  protected handleException(result: ModuleResult, stderr: boolean): void {
    if (!('exception' in result)) return;
    const text = String(result.exception);
    let msg: string;
    if (this.ctx.verbosity < 3) {
      const lines = text.trim().split('\n');
      msg = `An exception occurred during task execution. To see the full traceback, use -vvv. The error was: ${lines[lines.length - 1]}`;
    } else {
      msg = `The full traceback is:\n${text}`;
      delete result.exception;
    }
    this.display.display(msg, { colour: 'error', stderr });
  }

  playbookStart(e: PlaybookStartEvent): void {
    if (this.ctx.verbosity > 1) this.display.banner(`PLAYBOOK: ${basename(e.file)}`);
    if (this.ctx.check && this.opts.checkModeMarkers) this.display.banner('DRY RUN');
  }

  playStart(e: PlayStartEvent): void {
    const name = e.play.name.trim();
    const check = this.ctx.check && this.opts.checkModeMarkers ? ' [CHECK MODE]' : '';
    this.play = e.play;
    this.display.banner(name ? `PLAY [${name}]${check}` : `PLAY${check}`);
  }

  noHostsMatched(): void {
    this.display.display('skipping: no hosts matched', { colour: 'skip' });
  }

  noHostsRemaining(): void {
    this.display.banner('NO MORE HOSTS LEFT');
  }

  taskStart(e: TaskStartEvent): void {
    this.startTask(e.task, 'TASK');
  }

  handlerTaskStart(e: TaskStartEvent): void {
    this.startTask(e.task, 'RUNNING HANDLER');
  }

  runnerStart(e: HostTaskEvent): void {
    if (this.opts.showPerHostStart) this.display.display(` [started TASK: ${e.task.name} on ${e.host}]`, { colour: 'ok' });
  }

  runnerFailed(e: TaskResultEvent): void {
    const result = e.result;
    const label = hostLabel(e.host, e.delegatedTo, result);
    cleanDebugResult(result, e.task);
    this.bannerOnce(e.task);
    const stderr = this.opts.displayFailedStderr;
    this.handleException(result, stderr);
    this.handleWarnings(result);
    if (isLoopSummary(e.task, result)) {
      delete result.results;
    } else {
      if (this.ctx.verbosity < 2 && this.opts.showTaskPathOnFailure) this.printTaskPath(e.task);
      const text = this.opts.errorFormat === 'human' && this.ctx.verbosity === 0
        ? `fatal: [${label}]: FAILED! ${humanError(result)}`
        : `fatal: [${label}]: FAILED! => ${this.dump(result)}`;
      this.display.display(text, { colour: 'error', stderr });
    }
    if (e.ignored) this.display.display('...ignoring', { colour: 'skip' });
  }

  runnerOk(e: TaskResultEvent): void {
    const result = e.result;
    if (INCLUDE_ACTIONS.some((a) => isAction(e.task, a))) {
      this.bannerOnce(e.task);
      return;
    }
    const changed = Boolean(result.changed ?? e.changed);
    if (!changed && !this.opts.displayOkHosts) return;
    this.bannerOnce(e.task);
    let msg = `${changed ? 'changed' : 'ok'}: [${hostLabel(e.host, e.delegatedTo, result)}]`;
    this.handleWarnings(result);
    if (isLoopSummary(e.task, result)) {
      delete result.results;
      return;
    }
    cleanDebugResult(result, e.task);
    if (runIsVerbose(result, this.ctx.verbosity)) msg += ` => ${this.dump(result)}`;
    this.display.display(msg, { colour: changed ? 'changed' : 'ok' });
  }

  runnerSkipped(e: TaskResultEvent): void {
    if (!this.opts.displaySkippedHosts) return;
    const result = e.result;
    cleanDebugResult(result, e.task);
    this.bannerOnce(e.task);
    if (isLoopSummary(e.task, result)) delete result.results;
    let msg = `skipping: [${e.host}]`;
    if (runIsVerbose(result, this.ctx.verbosity)) msg += ` => ${this.dump(result)}`;
    this.display.display(msg, { colour: 'skip' });
  }

  runnerUnreachable(e: TaskResultEvent): void {
    this.bannerOnce(e.task);
    const label = hostLabel(e.host, e.delegatedTo, e.result);
    this.display.display(`fatal: [${label}]: UNREACHABLE! => ${this.dump(e.result)}`,
      { colour: 'unreachable', stderr: this.opts.displayFailedStderr });
    if (e.ignored) this.display.display('...ignoring', { colour: 'skip' });
  }

  itemOk(e: ItemResultEvent): void {
    if (INCLUDE_ACTIONS.some((a) => isAction(e.task, a))) return;
    const result = e.result;
    const changed = Boolean(result.changed ?? e.changed);
    if (!changed && !this.opts.displayOkHosts) return;
    this.bannerOnce(e.task);
    let msg = `${changed ? 'changed' : 'ok'}: [${hostLabel(e.host, e.delegatedTo, result)}] => (item=${this.label(e)})`;
    cleanDebugResult(result, e.task);
    if (runIsVerbose(result, this.ctx.verbosity)) msg += ` => ${this.dump(result)}`;
    this.display.display(msg, { colour: changed ? 'changed' : 'ok' });
  }

  itemFailed(e: ItemResultEvent): void {
    this.bannerOnce(e.task);
    const result = e.result;
    const label = hostLabel(e.host, e.delegatedTo, result);
    cleanDebugResult(result, e.task);
    const stderr = this.opts.displayFailedStderr;
    this.handleException(result, stderr);
    this.handleWarnings(result);
    this.display.display(`failed: [${label}] (item=${this.label(e)}) => ${this.dump(result)}`, { colour: 'error', stderr });
  }

  itemSkipped(e: ItemResultEvent): void {
    if (!this.opts.displaySkippedHosts) return;
    this.bannerOnce(e.task);
    cleanDebugResult(e.result, e.task);
    let msg = `skipping: [${e.host}] => (item=${this.label(e)}) `;
    if (runIsVerbose(e.result, this.ctx.verbosity)) msg += ` => ${this.dump(e.result)}`;
    this.display.display(msg, { colour: 'skip' });
  }

  private label(e: ItemResultEvent): string {
    // A censored (no_log) result has lost its item, and Ansible then prints None.
    return pyStr(itemLabel(e.result, 'censored' in e.result ? null : e.label ?? e.item));
  }

  fileDiff(e: TaskResultEvent): void {
    const result = e.result;
    const entries = isLoopSummary(e.task, result) ? (result.results as ModuleResult[]) : [result];
    for (const r of entries) {
      if (!r || !r.changed || !hasContent(r.diff)) continue;
      // The diff renderer (and its sequence matcher) loads with the first diff, not with every run.
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const { renderDiff } = require('./diff.js') as typeof import('./diff.js');
      const text = renderDiff(r.diff!, this.display.painter, 3, this.opts.resultFormat);
      if (!text) continue;
      this.bannerOnce(e.task);
      this.display.display(text);
    }
  }

  include(e: IncludeEvent): void {
    let msg = `included: ${e.file} for ${e.hosts.join(', ')}`;
    const extra = e as IncludeEvent & { label?: string; item?: unknown };
    const label = extra.label ?? extra.item;
    if (label !== undefined && label !== null && label !== '') msg += ` => (item=${pyStr(label)})`;
    this.display.display(msg, { colour: 'skip' });
  }

  runnerRetry(e: RetryEvent): void {
    const label = hostLabel(e.host, undefined, e.result);
    const retries = Number(e.result.retries ?? e.retries);
    const attempts = Number(e.result.attempts ?? e.attempts);
    let msg = `FAILED - RETRYING: [${label}]: ${e.task.name} (${retries - attempts} retries left).`;
    if (runIsVerbose(e.result, this.ctx.verbosity, 2)) msg += `Result was: ${this.dump(e.result)}`;
    this.display.display(msg, { colour: 'debug' });
  }

  asyncPoll(e: AsyncPollEvent): void {
    const r = e.result;
    this.display.display(`ASYNC POLL on ${e.host}: jid=${pyStr(r.ansible_job_id ?? e.jobId)} started=${pyStr(r.started)} finished=${pyStr(r.finished)}`, { colour: 'debug' });
  }

  asyncOk(e: AsyncPollEvent): void {
    this.display.display(`ASYNC OK on ${e.host}: jid=${pyStr(e.result.ansible_job_id ?? e.jobId)}`, { colour: 'debug' });
  }

  asyncFailed(e: AsyncPollEvent): void {
    const inner = e.result.async_result as Record<string, unknown> | undefined;
    const jid = e.result.ansible_job_id ?? inner?.ansible_job_id ?? e.jobId;
    this.display.display(`ASYNC FAILED on ${e.host}: jid=${pyStr(jid)}`, { colour: 'debug' });
  }

  notify(e: NotifyEvent): void {
    if (this.ctx.verbosity > 1) this.display.display(`NOTIFIED HANDLER ${e.handler.name} for ${e.host}`, { colour: 'verbose' });
  }

  stats(e: RunStatsEvent): void {
    this.display.banner('PLAY RECAP');
    const p = this.display.painter;
    for (const host of Object.keys(e.hosts).sort()) {
      const t = e.hosts[host];
      this.display.display(`${p.host(host, t)} : ${p.counter('ok', t.ok, 'ok')} ${p.counter('changed', t.changed, 'changed')} `
        + `${p.counter('unreachable', t.unreachable, 'unreachable')} ${p.counter('failed', t.failed, 'error')} `
        + `${p.counter('skipped', t.skipped, 'skip')} ${p.counter('rescued', t.rescued, 'ok')} ${p.counter('ignored', t.ignored, 'warn')}`);
    }
    this.display.display('');
    if (this.opts.showCustomStats && Object.keys(e.custom).length) this.customStats(e.custom);
    if (this.ctx.check && this.opts.checkModeMarkers) this.display.banner('DRY RUN');
  }

  private customStats(custom: RunStatsEvent['custom']): void {
    this.display.banner('CUSTOM STATS: ');
    for (const key of Object.keys(custom).sort()) {
      if (key === '_run') continue;
      this.display.display(`\t${key}: ${this.dump(custom[key] as ModuleResult, 1).replace(/\n/g, '')}`);
    }
    if ('_run' in custom) {
      this.display.display('');
      this.display.display(`\tRUN: ${this.dump(custom._run as ModuleResult, 1).replace(/\n/g, '')}`);
    }
    this.display.display('');
  }

  log(entry: LogEntry): boolean {
    return showLogEntry(this.display, this.ctx.verbosity, entry);
  }
}

function hasContent(diff: unknown): boolean {
  if (Array.isArray(diff)) return diff.length > 0;
  return diff !== null && typeof diff === 'object' && Object.keys(diff).length > 0;
}
