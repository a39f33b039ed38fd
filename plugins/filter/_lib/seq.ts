/** Sequence helpers shared by the filter plugins. */
import { plain } from 'tsible';

/** Python's iter(), shared with the template engine. */
export { toList } from 'tsible';

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
