import type {
  AsyncPollEvent, HostTaskEvent, IncludeEvent, ItemResultEvent, LogEntry, NoHostsEvent, NotifyEvent,
  OptionsSchema, PlaybookStartEvent, PlayStartEvent, PluginMeta, RetryEvent, RunStatsEvent,
  TaskResultEvent, TaskStartEvent,
} from 'tsible';

/**
 * Optional handlers for run events, named after Ansible's v2_* callback methods in camelCase.
 * Each one may return a promise; the run waits for it, so output stays in order.
 */
export interface CallbackHandlers {
  playbookStart?(event: PlaybookStartEvent): void | Promise<void>;
  playStart?(event: PlayStartEvent): void | Promise<void>;
  noHostsMatched?(event: NoHostsEvent): void | Promise<void>;
  noHostsRemaining?(event: NoHostsEvent): void | Promise<void>;
  taskStart?(event: TaskStartEvent): void | Promise<void>;
  handlerTaskStart?(event: TaskStartEvent): void | Promise<void>;
  runnerStart?(event: HostTaskEvent): void | Promise<void>;
  runnerOk?(event: TaskResultEvent): void | Promise<void>;
  runnerFailed?(event: TaskResultEvent): void | Promise<void>;
  runnerSkipped?(event: TaskResultEvent): void | Promise<void>;
  runnerUnreachable?(event: TaskResultEvent): void | Promise<void>;
  itemOk?(event: ItemResultEvent): void | Promise<void>;
  itemFailed?(event: ItemResultEvent): void | Promise<void>;
  itemSkipped?(event: ItemResultEvent): void | Promise<void>;
  runnerRetry?(event: RetryEvent): void | Promise<void>;
  asyncPoll?(event: AsyncPollEvent): void | Promise<void>;
  asyncOk?(event: AsyncPollEvent): void | Promise<void>;
  asyncFailed?(event: AsyncPollEvent): void | Promise<void>;
  fileDiff?(event: TaskResultEvent): void | Promise<void>;
  notify?(event: NotifyEvent): void | Promise<void>;
  include?(event: IncludeEvent): void | Promise<void>;
  stats?(event: RunStatsEvent): void | Promise<void>;
  /** Warnings, deprecations, verbose and debug lines. Return true when this callback printed it. */
  log?(entry: LogEntry): void | boolean;
}

export type CallbackEventName = Exclude<keyof CallbackHandlers, 'log'>;

export interface CallbackContext {
  /** -v count. */
  verbosity: number;
  /** Where the callback writes; the CLI passes process.stdout, the API may pass any stream. */
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  /** Whether colours are used (NO_COLOR, force_color, TTY). */
  color: boolean;
  /** This callback's options, from config (`callbacks.<name>`) and environment. */
  options: Readonly<Record<string, unknown>>;
  settings: Readonly<Record<string, unknown>>;
  check: boolean;
  diff: boolean;
}

export interface CallbackDefinition extends PluginMeta {
  kind: 'callback';
  name: string;
  /** 'stdout': exactly one is active (stdout_callback); the others add to it. */
  callbackType: 'stdout' | 'notification' | 'aggregate';
  /** When true, the callback is active only if listed in callbacks_enabled. */
  needsEnabled?: boolean;
  options?: OptionsSchema;
  create(ctx: CallbackContext): CallbackHandlers;
}
