/** Ansible's combine filter: later dicts win; `recursive` merges nested dicts; `list_merge` for lists. */
import { TsibleError, isDict, isLazyMapping, materialize, plain, pyEquals, splitKwargs, type LazyMapping } from 'tsible';

type Dict = Record<string, unknown>;

function mergeLists(a: unknown[], b: unknown[], mode: string): unknown[] {
  switch (mode) {
    case 'replace': return b;
    case 'keep': return a;
    case 'append': return [...a, ...b];
    case 'prepend': return [...b, ...a];
    case 'append_rp': return [...a.filter((x) => !b.some((y) => pyEquals(x, y))), ...b];
    case 'prepend_rp': return [...b, ...a.filter((x) => !b.some((y) => pyEquals(x, y)))];
    default: throw new TsibleError('TSIBLE_TEMPLATE', `combine: unknown list_merge '${mode}'`);
  }
}

function merge(a: Dict, b: Dict, recursive: boolean, listMerge: string): Dict {
  const out: Dict = { ...a };
  for (const [k, bv] of Object.entries(b)) {
    const av = plain(out[k]);
    const bp = plain(bv);
    if (recursive && isDict(av) && isDict(bp)) out[k] = merge(av, bp, recursive, listMerge);
    else if (Array.isArray(av) && Array.isArray(bp)) out[k] = mergeLists(av, bp, listMerge);
    else out[k] = bv;
  }
  return out;
}

export function combine(value: unknown, args: unknown[]): Dict {
  const { args: pos, kwargs } = splitKwargs(args);
  const dicts = [value, ...pos].flatMap((d) => (Array.isArray(plain(d)) ? (plain(d) as unknown[]) : [d]))
    .map((d) => (isLazyMapping(plain(d)) ? materialize(plain(d) as LazyMapping) : plain(d)));
  for (const d of dicts) {
    if (!isDict(d)) throw new TsibleError('TSIBLE_TEMPLATE', `failed to combine variables, expected dicts but got a '${typeof d}'`);
  }
  const rec = Boolean(kwargs.recursive);
  const mode = String(kwargs.list_merge ?? 'replace');
  return (dicts as Dict[]).reduce((acc, d) => merge(acc, d, rec, mode), {});
}
