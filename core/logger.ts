import type { LogEntry } from './events.js';
import type { Logger } from './vars.js';

export type LogSink = (entry: LogEntry) => void;

export function createLogger(emit: LogSink, origin: string, host?: string): Logger {
  return {
    debug: (message) => emit({ level: 'debug', message, origin, host }),
    info: (message) => emit({ level: 'info', message, origin, host }),
    warn: (message) => emit({ level: 'warning', message, origin, host }),
    deprecate: (message) => emit({ level: 'deprecation', message, origin, host }),
    verbose: (verbosity, message) => emit({ level: 'verbose', message, verbosity, origin, host }),
  };
}
