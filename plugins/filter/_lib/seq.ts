/** Sequence helpers shared by the filter plugins. */
import { PyTypeError, isDict, isLazyMapping, plain, pyTypeName } from 'tsible';

/** Python's iter(): lists as is, strings by character, dicts by key. */
export function toList(value: unknown): unknown[] {
  const v = plain(value);
  if (Array.isArray(v)) return v;
  if (typeof v === 'string') return [...v];
  if (isDict(v)) return Object.keys(v);
  if (isLazyMapping(v)) return v.__iter__();
  if (v !== null && typeof v === 'object' && Symbol.iterator in v) return Array.from(v as Iterable<unknown>);
  throw new PyTypeError(`'${pyTypeName(v)}' object is not iterable`);
}

/** Jinja's attribute path (`a.b.0`) getter; a missing key yields undefined-ish JinjaUndefined via getitem. */
export function attrGetter(attribute: unknown): (item: unknown) => unknown {
  const parts = String(attribute).split('.').map((p) => (/^\d+$/.test(p) ? Number(p) : p));
  return (item) => parts.reduce<unknown>((obj, part) => {
    const o = plain(obj);
    if (Array.isArray(o) && typeof part === 'number') return o[part];
    if (o !== null && typeof o === 'object') return (o as Record<string, unknown>)[String(part)];
    return undefined;
  }, item);
}
