/** Ansible's LookupBase._flatten: lists inside the list are spliced in, one level only. */
export function flattenOnce(terms: readonly unknown[]): unknown[] {
  const out: unknown[] = [];
  for (const t of terms) {
    if (Array.isArray(t)) out.push(...t);
    else out.push(t);
  }
  return out;
}

/** A non-list term is a one-item list (Ansible's listify_lookup_plugin_terms for non-iterables). */
export function listify(value: unknown): unknown[] {
  if (Array.isArray(value)) return value;
  return [value];
}
