import { TsibleError, isUnsafe, isVaultValue } from 'tsible';

/** A lookup failure; the engine prefixes it with the lookup's name (or ignores it with errors=ignore). */
export function lookupError(message: string, cause?: unknown): TsibleError {
  return new TsibleError('TSIBLE_TEMPLATE', message, cause === undefined ? {} : { cause });
}

export function describeType(value: unknown): string {
  if (value === null || value === undefined) return 'NoneType';
  if (Array.isArray(value)) return 'list';
  if (typeof value === 'object') return 'dict';
  if (typeof value === 'string') return 'str';
  if (typeof value === 'boolean') return 'bool';
  return Number.isInteger(value) ? 'int' : 'float';
}

/** Terms must be strings for most lookups; this names the offending term as Ansible does. */
export function requireString(term: unknown, what = 'term'): string {
  if (typeof term === 'string') return term;
  if (isUnsafe(term)) return term.text;
  if (isVaultValue(term)) return term.reveal();
  throw lookupError(`Invalid ${what}, "${String(term)}" is not a string, it is a ${describeType(term)}`);
}
