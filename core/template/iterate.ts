import { isLazyMapping } from './mapping.js';
import { PyTypeError, isDict, plain, pyTypeName } from './python.js';

/** Python's iter() as templates see it: lists as they are, strings by character, dicts by key. */
export function toList(value: unknown): unknown[] {
  const v = plain(value);
  if (Array.isArray(v)) return v;
  if (typeof v === 'string') return [...v];
  if (isDict(v)) return Object.keys(v);
  if (isLazyMapping(v)) return v.__iter__();
  if (v !== null && typeof v === 'object' && Symbol.iterator in v) return Array.from(v as Iterable<unknown>);
  throw new PyTypeError(`'${pyTypeName(v)}' object is not iterable`);
}
