import type { ConnectionContext, Logger, Vars } from 'tsible';

/** A logger that keeps every line, so tests can assert that secrets never reach a log. */
export function recordingLogger(): Logger & { lines: string[] } {
  const lines: string[] = [];
  const push = (level: string) => (message: string): void => { lines.push(`${level}: ${message}`); };
  return {
    lines,
    debug: push('debug'),
    info: push('info'),
    warn: push('warn'),
    deprecate: push('deprecate'),
    verbose: (level: number, message: string) => { lines.push(`v${level}: ${message}`); },
  };
}

/** The context the engine hands to a connection plugin's `create`. */
export function connectionContext(
  host: string, vars: Vars = {}, settings: Record<string, unknown> = {},
  passwords: ConnectionContext['passwords'] = {},
): ConnectionContext & { log: ReturnType<typeof recordingLogger> } {
  return { host, vars, settings, passwords, log: recordingLogger() };
}
