import type { LogEntry } from '../events.js';
import type { CliIO } from './io.js';

/**
 * How the commands print log lines that no callback consumed (before callbacks are attached, e.g.
 * while the inventory loads): as Ansible prints them, and -v lines only at their verbosity.
 */
export function cliLogSink(io: CliIO, verbosity: number, deprecations = true): (entry: LogEntry) => void {
  return (e) => {
    switch (e.level) {
      case 'warning':
        io.stderr.write(`[WARNING]: ${e.message}\n`);
        return;
      case 'deprecation':
        if (deprecations) io.stderr.write(`[DEPRECATION WARNING]: ${e.message}\n`);
        return;
      case 'error':
        io.stderr.write(`ERROR! ${e.message}\n`);
        return;
      case 'verbose':
        if ((e.verbosity ?? 1) <= verbosity) io.stdout.write(`${e.message}\n`);
        return;
      case 'info':
        io.stdout.write(`${e.message}\n`);
        return;
      default:
        if (verbosity >= 5) io.stderr.write(`${e.message}\n`);
    }
  };
}
