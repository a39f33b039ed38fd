import { formatError } from './format-error.js';
import { isTsibleError } from '../errors.js';
import { processIO, type CommandMain } from './io.js';

/**
 * The only place that calls process.exit. Runs a command, prints any error for people and
 * exits with Ansible's codes (5 bad options, 250 unexpected error).
 */
export function runMain(main: CommandMain): void {
  const io = processIO();
  const verbosity = process.argv.filter((a) => /^-v+$/.test(a)).reduce((n, a) => n + a.length - 1, 0);
  main(process.argv.slice(2), io).then(
    (code) => {
      process.exitCode = code;
    },
    (err: unknown) => {
      io.stderr.write(formatError(err, verbosity));
      process.exitCode = isTsibleError(err) ? err.exitCode : 250;
    },
  ).finally(() => {
    // Open sockets of a finished run must not keep the process alive.
    setImmediate(() => process.exit(process.exitCode ?? 0));
  });
}

export { version } from './version.js';
