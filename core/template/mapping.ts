/**
 * Python's mapping protocol for objects that compute their items on access, such as the engine's
 * `hostvars` (each host's variables templated with that host's own variables when read). Templates
 * treat such an object as a dict: `x.key`, `x['key']`, `'key' in x`, `for k in x`, `x.keys()`,
 * `x | length`, `x | to_json`.
 */
export interface LazyMapping {
  /** The item, or undefined when there is none. */
  __getitem__(key: string): unknown;
  __contains__(key: string): boolean;
  /** The keys, in order. */
  __iter__(): string[];
}

export function isLazyMapping(value: unknown): value is LazyMapping {
  return typeof value === 'object' && value !== null
    && typeof (value as LazyMapping).__getitem__ === 'function'
    && typeof (value as LazyMapping).__iter__ === 'function';
}

/** All items, computed now (for `items()`, `values()`, `to_json` …). */
export function materialize(mapping: LazyMapping): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of mapping.__iter__()) out[key] = mapping.__getitem__(key);
  return out;
}
