/**
 * Every error thrown by tsible library code is a TsibleError with a stable `code`.
 * Task outcomes are never thrown: they travel as TaskResult values.
 */
export interface SourceLocation {
  file: string;
  line: number; // 1-based
  column: number; // 1-based
}

export type ErrorCode =
  | 'TSIBLE_CONFIG'
  | 'TSIBLE_USAGE'
  | 'TSIBLE_PLUGIN_NOT_FOUND'
  | 'TSIBLE_PLUGIN_LOAD'
  | 'TSIBLE_PLUGIN_INVALID'
  | 'TSIBLE_HOOK'
  | 'TSIBLE_YAML'
  | 'TSIBLE_PARSE'
  | 'TSIBLE_TEMPLATE'
  | 'TSIBLE_UNDEFINED'
  | 'TSIBLE_INVENTORY'
  | 'TSIBLE_CONNECTION'
  | 'TSIBLE_UNREACHABLE'
  | 'TSIBLE_BECOME'
  | 'TSIBLE_MODULE_ARGS'
  | 'TSIBLE_VAULT'
  | 'TSIBLE_ABORTED'
  | 'TSIBLE_INTERNAL';

export interface TsibleErrorOptions {
  cause?: unknown;
  loc?: SourceLocation;
  hints?: string[];
  exitCode?: number;
}

export class TsibleError extends Error {
  readonly code: ErrorCode;
  readonly loc?: SourceLocation;
  readonly hints: string[];
  /** Exit status the CLI uses when this error ends a run (Ansible: 5 bad options, 250 unexpected). */
  readonly exitCode: number;

  constructor(code: ErrorCode, message: string, options: TsibleErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'TsibleError';
    this.code = code;
    this.loc = options.loc;
    this.hints = options.hints ?? [];
    this.exitCode = options.exitCode ?? 1;
  }
}

export function isTsibleError(value: unknown): value is TsibleError {
  // Duck-typed so that errors from another copy of tsible (a plugin's own dependency) still count.
  const code = value instanceof Error ? (value as Error & { code?: unknown }).code : undefined;
  return typeof code === 'string' && code.startsWith('TSIBLE_');
}

export class ConfigError extends TsibleError {
  constructor(message: string, options: TsibleErrorOptions = {}) {
    super('TSIBLE_CONFIG', message, { exitCode: 5, ...options });
    this.name = 'ConfigError';
  }
}

export class UsageError extends TsibleError {
  constructor(message: string, options: TsibleErrorOptions = {}) {
    super('TSIBLE_USAGE', message, { exitCode: 2, ...options });
    this.name = 'UsageError';
  }
}

export class PluginNotFoundError extends TsibleError {
  readonly pluginType: string;
  readonly pluginName: string;
  readonly searched: string[];
  constructor(pluginType: string, pluginName: string, searched: string[], suggestions: string[]) {
    const hints = suggestions.length ? [`did you mean ${suggestions.map((s) => `'${s}'`).join(' or ')}?`] : [];
    const where = searched.length ? `\nsearched:\n${searched.map((s) => `  - ${s}`).join('\n')}` : '';
    super('TSIBLE_PLUGIN_NOT_FOUND', `no ${pluginType} plugin named '${pluginName}'${where}`, { hints, exitCode: 5 });
    this.name = 'PluginNotFoundError';
    this.pluginType = pluginType;
    this.pluginName = pluginName;
    this.searched = searched;
  }
}

export class PluginLoadError extends TsibleError {
  constructor(pluginName: string, file: string, cause: unknown) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    super('TSIBLE_PLUGIN_LOAD', `plugin '${pluginName}' (${file}) failed to load: ${reason}`, { cause });
    this.name = 'PluginLoadError';
  }
}

export class HookError extends TsibleError {
  readonly hook: string;
  readonly plugin: string;
  constructor(hook: string, plugin: string, cause: unknown) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    super('TSIBLE_HOOK', `plugin '${plugin}' failed in hook '${hook}': ${reason}`, { cause });
    this.name = 'HookError';
    this.hook = hook;
    this.plugin = plugin;
  }
}

export class ParseError extends TsibleError {
  constructor(message: string, loc?: SourceLocation, options: TsibleErrorOptions = {}) {
    super('TSIBLE_PARSE', message, { exitCode: 4, ...options, loc });
    this.name = 'ParseError';
  }
}

export class ConnectionError extends TsibleError {
  constructor(message: string, options: TsibleErrorOptions = {}) {
    super('TSIBLE_CONNECTION', message, options);
    this.name = 'ConnectionError';
  }
}

/** The host could not be reached (or authenticated to): reported as UNREACHABLE, not as a task failure. */
export class UnreachableError extends TsibleError {
  constructor(message: string, options: TsibleErrorOptions = {}) {
    super('TSIBLE_UNREACHABLE', message, options);
    this.name = 'UnreachableError';
  }
}

export class ModuleArgsError extends TsibleError {
  constructor(message: string, options: TsibleErrorOptions = {}) {
    super('TSIBLE_MODULE_ARGS', message, options);
    this.name = 'ModuleArgsError';
  }
}

export class AbortedError extends TsibleError {
  constructor(message = 'the run was cancelled') {
    super('TSIBLE_ABORTED', message, { exitCode: 250 });
    this.name = 'AbortedError';
  }
}
