import type { SourceLocation } from './errors.js';
import type { Vars } from './vars.js';
import type { ModuleResult } from '../plugins/module/types.js';

/** Read-only views of playbook objects, as callbacks and API users see them. */
export interface TaskView {
  readonly uuid: string;
  /** The name as Ansible shows it in banners (role prefix included, action when unnamed). */
  readonly name: string;
  readonly action: string;
  readonly args: Vars;
  readonly loc?: SourceLocation;
  readonly role?: string;
  readonly isHandler: boolean;
  readonly tags: readonly string[];
  readonly noLog: boolean;
  /** Set on tasks the engine adds itself (fact gathering, handler flushes). */
  readonly implicit: boolean;
  /** The task has a loop (its result is a summary of item results). */
  readonly loop?: boolean;
}

export interface PlayView {
  readonly uuid: string;
  readonly name: string;
  readonly hosts: string;
  readonly loc?: SourceLocation;
  /** The play's strategy plugin (linear, free, …). */
  readonly strategy?: string;
}

export interface PlaybookStartEvent { file: string }
export interface VarsPromptEvent { name: string; prompt: string; private: boolean; confirm: boolean; default?: string; unsafe: boolean }
export interface PlayStartEvent { play: PlayView; batch: readonly string[] }
export interface TaskStartEvent { play: PlayView; task: TaskView; hosts: readonly string[] }
export interface HostTaskEvent { host: string; task: TaskView }

export type ResultStatus = 'ok' | 'failed' | 'skipped' | 'unreachable';

export interface TaskResultEvent {
  host: string;
  task: TaskView;
  status: ResultStatus;
  changed: boolean;
  /** A failure that `ignore_errors` turned into a non-fatal one (`...ignoring`). */
  ignored: boolean;
  result: ModuleResult;
  delegatedTo?: string;
}

export interface ItemResultEvent extends TaskResultEvent {
  item: unknown;
  label: string;
}

export interface RetryEvent { host: string; task: TaskView; attempts: number; retries: number; result: ModuleResult }
export interface AsyncPollEvent { host: string; task: TaskView; jobId: string; result: ModuleResult }
export interface NotifyEvent { host: string; handler: TaskView }
export interface IncludeEvent {
  file: string;
  hosts: readonly string[];
  args: Vars;
  task: TaskView;
  /** The loop item this include was for, and its label. */
  item?: unknown;
  label?: string;
}
export interface NoHostsEvent { play: PlayView }

export interface HostStats {
  ok: number;
  changed: number;
  unreachable: number;
  failed: number;
  skipped: number;
  rescued: number;
  ignored: number;
}

export interface RunStatsEvent {
  hosts: Record<string, HostStats>;
  /** set_stats data: per host, plus `_run` for aggregate data. */
  custom: Record<string, Vars>;
}

export type LogLevel = 'debug' | 'verbose' | 'info' | 'warning' | 'deprecation' | 'error';

export interface LogEntry {
  level: LogLevel;
  message: string;
  /** -v level for 'verbose' entries. */
  verbosity?: number;
  /** Plugin or component that logged. */
  origin?: string;
  host?: string;
}
