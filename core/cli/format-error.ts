import { readFileSync } from 'node:fs';
import { isTsibleError, type SourceLocation } from '../errors.js';

/** The offending line of a file with a caret under the column, as Ansible shows it. */
export function codeFrame(loc: SourceLocation): string {
  let lines: string[];
  try {
    lines = readFileSync(loc.file, 'utf8').split(/\r?\n/);
  } catch {
    return '';
  }
  const line = lines[loc.line - 1];
  if (line === undefined) return '';
  const prev = loc.line > 1 ? `${lines[loc.line - 2]}\n` : '';
  return `\nThe offending line appears to be:\n\n${prev}${line}\n${' '.repeat(Math.max(0, loc.column - 1))}^ here\n`;
}

/** An error as a person should read it: no stack trace unless -vvv asked for it. */
export function formatError(err: unknown, verbosity = 0): string {
  if (isTsibleError(err)) {
    const where = err.loc ? `\n\nThe error appears to be in '${err.loc.file}': line ${err.loc.line}, column ${err.loc.column}` : '';
    const frame = err.loc ? codeFrame(err.loc) : '';
    const hints = err.hints.length ? `\n${err.hints.map((h) => `hint: ${h}`).join('\n')}` : '';
    const stack = verbosity >= 3 && err.stack ? `\n${err.stack}` : '';
    return `ERROR! ${err.message}${where}${frame}${hints}${stack}\n`;
  }
  const e = err as Error;
  return `ERROR! Unexpected Exception, this is probably a bug: ${e?.message ?? String(err)}\n`
    + (verbosity >= 3 || !e?.stack ? `${e?.stack ?? ''}\n` : 'to see the full traceback, use -vvv\n');
}
