import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
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

/** Reads the version without loading anything else (`--version` must be instant). */
export function version(): string {
  let dir = __dirname;
  for (;;) {
    try {
      const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { name?: string; version: string };
      if (pkg.name === 'tsible') return pkg.version;
    } catch {
      // not here: keep walking up
    }
    const parent = dirname(dir);
    if (parent === dir) return 'unknown';
    dir = parent;
  }
}
