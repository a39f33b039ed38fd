/**
 * Keyword arguments (`combine(b, recursive=True)`) reach filters, tests and functions as a trailing
 * object marked with KWARGS, so a positional dict argument is never mistaken for them.
 */
export const KWARGS = Symbol.for('tsible.kwargs');

export type Kwargs = Record<string, unknown>;

export function markKwargs(obj: Kwargs): Kwargs {
  Object.defineProperty(obj, KWARGS, { value: true, enumerable: false });
  // nunjucks' own macro plumbing recognises keyword arguments by this property.
  Object.defineProperty(obj, '__keywords', { value: true, enumerable: false });
  return obj;
}

export function isKwargs(value: unknown): value is Kwargs {
  return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[KWARGS] === true;
}

/** Separates positional arguments from the keyword-argument object, if any. */
export function splitKwargs(args: readonly unknown[]): { args: unknown[]; kwargs: Kwargs } {
  const last = args[args.length - 1];
  if (args.length && isKwargs(last)) return { args: args.slice(0, -1), kwargs: last };
  return { args: [...args], kwargs: {} };
}

/**
 * Binds Python-style parameters: `names` in order, each filled from a positional argument, else the
 * keyword argument of that name, else its default (`undefined` when none).
 */
export function bindArgs(args: readonly unknown[], names: string[], defaults: Record<string, unknown> = {}): Record<string, unknown> {
  const { args: pos, kwargs } = splitKwargs(args);
  const out: Record<string, unknown> = {};
  names.forEach((name, i) => {
    if (i < pos.length) out[name] = pos[i];
    else if (Object.prototype.hasOwnProperty.call(kwargs, name)) out[name] = kwargs[name];
    else out[name] = defaults[name];
  });
  return out;
}
