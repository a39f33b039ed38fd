/**
 * Log lines as Ansible's Display prints them: `[WARNING]: …` and `[DEPRECATION WARNING]: …` on
 * stderr, wrapped at the width; -v lines on stdout when the verbosity is reached. Shared by the
 * stdout callbacks and by whatever prints log lines before callbacks are attached (the CLI).
 */
import type { LogEntry } from '../events.js';
import { wrapText } from './textwrap.js';

export interface DeprecationInfo {
  msg: string;
  version?: string;
  date?: string;
  collection_name?: string;
}

/** `[DEPRECATION WARNING]: msg. This feature will be removed … in ansible.cfg.` (unwrapped). */
export function deprecationMessage(info: DeprecationInfo): string {
  let msg = info.msg.trim();
  if (msg && !['!', '?', '.'].includes(msg[msg.length - 1])) msg += '.';
  const collection = info.collection_name === 'ansible.builtin' ? 'ansible-core' : info.collection_name;
  const when = info.date ? `in a release after ${info.date}.` : info.version ? `in version ${info.version}.` : 'in a future release.';
  return [`[DEPRECATION WARNING]: ${msg}`, 'This feature will be removed', collection ? `from ${collection}` : '', when,
    'Deprecation warnings can be disabled by setting deprecation_warnings=False in ansible.cfg.']
    .filter(Boolean).join(' ');
}

/** The warning text, wrapped, ending with a newline. */
export function formatWarning(message: string, columns = 79): string {
  return `${wrapText(`[WARNING]: ${message}`, columns).join('\n')}\n`;
}

/** The deprecation text, wrapped as Ansible wraps it (spaces kept at the breaks), without a final newline. */
export function formatDeprecation(info: DeprecationInfo, columns = 79): string {
  return wrapText(deprecationMessage(info), columns, { dropWhitespace: false }).join('\n').trim();
}

export function formatError(message: string, columns = 79): string {
  return `${wrapText(`\n[ERROR]: ${message}`, columns).join('\n')}\n`;
}

export interface LogFormatOptions {
  verbosity: number;
  columns?: number;
  /** The deprecation_warnings setting. */
  deprecations?: boolean;
}

/** Where and how a log line is printed, or undefined when it is not shown at this verbosity. */
export function formatLogEntry(entry: LogEntry, options: LogFormatOptions): { stream: 'stdout' | 'stderr'; text: string } | undefined {
  const columns = options.columns ?? 79;
  switch (entry.level) {
    case 'warning': return { stream: 'stderr', text: formatWarning(entry.message, columns) };
    case 'deprecation':
      return options.deprecations === false ? undefined : { stream: 'stderr', text: `${formatDeprecation({ msg: entry.message }, columns)}\n` };
    case 'error': return { stream: 'stderr', text: formatError(entry.message, columns) };
    case 'info': return { stream: 'stdout', text: `${entry.message}\n` };
    case 'verbose':
      if (options.verbosity < (entry.verbosity ?? 1)) return undefined;
      return { stream: 'stdout', text: `${entry.host ? `<${entry.host}> ` : ''}${entry.message}\n` };
    default: return undefined;
  }
}
