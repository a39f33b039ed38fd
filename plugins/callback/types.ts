import type {
  AsyncPollEvent, HostTaskEvent, IncludeEvent, ItemResultEvent, LogEntry, NoHostsEvent, NotifyEvent,
  OptionsSchema, PlaybookStartEvent, PlayStartEvent, PluginMeta, RetryEvent, RunStatsEvent,
  TaskResultEvent, TaskStartEvent, VarsPromptEvent,
} from 'tsible';

/**
 * Optional handlers for run events, named after Ansible's v2_* callback methods in camelCase.
 * Each one may return a promise; the run waits for it, so output stays in order.
 */
export interface CallbackHandlers {
  playbookStart?(event: PlaybookStartEvent): void | Promise<void>;
  varsPrompt?(event: VarsPromptEvent): void | Promise<void>;
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
  /**
   * Called before any callback handles an event or a log line. A display that draws a status
   * line (the progress callback) erases it here, so other callbacks never write into it.
   */
  beforeEvent?(): void;
  /** The run is over or the callbacks were detached: stop timers, flush files. */
  close?(): void | Promise<void>;
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
  /** Banner and wrapping width: 79 when stdout is not a terminal, else its width - 1 (at least 79). */
  columns?: number;
  /** Whether stdout is a terminal (progress displays draw only then). */
  isTTY?: boolean;
  /** Environment variables (for Ansible-style option variables such as JUNIT_OUTPUT_DIR). */
  env?: Readonly<Record<string, string | undefined>>;
  /** Milliseconds clock; tests pass a fake one. */
  now?: () => number;
  /** Reports a problem of the callback itself (a file it cannot write) as a warning. */
  warn?: (message: string) => void;
}

export interface CallbackDefinition extends PluginMeta {
  kind: 'callback';
  name: string;
  /** 'stdout': exactly one is active (stdout_callback); the others add to it. */
  callbackType: 'stdout' | 'notification' | 'aggregate';
  /** When true, the callback is active only if listed in callbacks_enabled. */
  needsEnabled?: boolean;
  options?: OptionsSchema;
  /** Environment variables that set an option, as Ansible's `env:` entries (option name → variables, first set wins). */
  optionEnv?: Readonly<Record<string, readonly string[]>>;
  create(ctx: CallbackContext): CallbackHandlers;
}
