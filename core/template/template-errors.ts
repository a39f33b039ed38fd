/**
 * Turns whatever a render threw into a TsibleError worded as Ansible words it: undefined variables
 * keep TSIBLE_UNDEFINED, syntax errors become TSIBLE_TEMPLATE naming the template text.
 */
import { TsibleError, isTsibleError } from '../errors.js';

interface LocatedError extends Error {
  lineno?: number;
  colno?: number;
  templateLine?: number;
}

function withContext(message: string, context?: string): string {
  return context ? `${message} (${context})` : message;
}

/** A parse/compile failure: `template error while templating string: … String: <source>`. */
export function syntaxError(err: unknown, source: string, context?: string): TsibleError {
  if (isTsibleError(err) && err.message.startsWith('Could not load')) {
    return new TsibleError('TSIBLE_TEMPLATE', withContext(`template error while templating string: ${err.message}. String: ${source}`, context));
  }
  if (isTsibleError(err)) return err;
  const e = err as LocatedError;
  const where = e.lineno ? ` (line ${e.lineno}, column ${e.colno ?? 0})` : '';
  const reason = (e?.message ?? String(err)).replace(/^\(unknown path\)\s*(\[[^\]]*\])?\s*/, '').trim();
  return new TsibleError('TSIBLE_TEMPLATE',
    withContext(`template error while templating string: ${reason}${where}. String: ${source}`, context), { cause: err });
}

/** A failure while rendering a compiled template. */
export function renderError(err: unknown, source: string, context?: string): TsibleError {
  if (isTsibleError(err)) {
    if (!context || err.code !== 'TSIBLE_UNDEFINED') return err;
    return new TsibleError(err.code, withContext(err.message, context), { cause: err, hints: err.hints });
  }
  const e = err as LocatedError;
  const message = e?.message ?? String(err);
  if (e?.name === 'TypeError') {
    return new TsibleError('TSIBLE_TEMPLATE',
      withContext(`Unexpected templating type error occurred on (${source}): ${message}`, context), { cause: err });
  }
  if (e?.name === 'Template render error') return syntaxError(err, source, context);
  return new TsibleError('TSIBLE_TEMPLATE', withContext(
    `An unhandled exception occurred while templating '${source}'. Error was a ${e?.name ?? 'Error'}, original message: ${message}`,
    context), { cause: err });
}
