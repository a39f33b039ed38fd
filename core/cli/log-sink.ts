import type { LogEntry } from '../events.js';
import { formatLogEntry } from '../callbacks/log-format.js';
import type { CliIO } from './io.js';

/**
 * How the commands print log lines that no callback consumed (before callbacks are attached, e.g.
 * while the inventory loads): wrapped and prefixed as Ansible prints them, -v lines only at their
 * verbosity.
 */
export function cliLogSink(io: CliIO, verbosity: number, deprecations = true): (entry: LogEntry) => void {
  return (e) => {
    const out = formatLogEntry(e, { verbosity, deprecations });
    if (out) (out.stream === 'stderr' ? io.stderr : io.stdout).write(out.text);
  };
}
