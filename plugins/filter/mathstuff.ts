/** Ansible's mathstuff filters: set operations, logarithms, combinatorics, human-readable sizes. */
import { TsibleError, bindArgs, defineFilters, isDict, plain, pyEquals, pyFloat, pyStr, splitKwargs, tuple, type FilterFunction } from 'tsible';
import { attrGetter, toList } from './_lib/seq.js';

function unique(value: unknown, ...args: unknown[]): unknown[] {
  const { case_sensitive: cs, attribute } = bindArgs(args, ['case_sensitive', 'attribute']);
  const get = attribute === undefined || attribute === null ? (x: unknown) => x : attrGetter(attribute);
  const key = (x: unknown) => { const k = get(x); return cs === false && typeof k === 'string' ? k.toLowerCase() : k; };
  const out: unknown[] = [];
  for (const x of toList(value)) if (!out.some((y) => pyEquals(key(y), key(x)))) out.push(x);
  return out;
}

const has = (list: unknown[], x: unknown) => list.some((y) => pyEquals(x, y));

const SIZE_UNITS = ['', 'K', 'M', 'G', 'T', 'P', 'E', 'Z', 'Y'];

function humanReadable(size: unknown, ...args: unknown[]): string {
  const { isbits, unit } = bindArgs(args, ['isbits', 'unit']);
  const n = Number(plain(size));
  const suffix = isbits ? 'b' : 'B';
  let idx = unit ? SIZE_UNITS.indexOf(String(unit)[0].toUpperCase()) : SIZE_UNITS.length - 1;
  if (!unit) while (idx > 0 && n < 1024 ** idx) idx--;
  const value = n / 1024 ** idx;
  const label = idx === 0 ? (isbits ? 'bits' : 'Bytes') : `${SIZE_UNITS[idx]}${suffix}`;
  return `${value.toFixed(2)} ${label}`;
}

function humanToBytes(size: unknown, ...args: unknown[]): number {
  const { default_unit: dflt, isbits } = bindArgs(args, ['default_unit', 'isbits']);
  const s = pyStr(size).trim();
  const m = /^([0-9]*\.?[0-9]+)\s*([A-Za-z]+)?$/.exec(s);
  const bad = () => new TsibleError('TSIBLE_TEMPLATE', `human_to_bytes() can't interpret following string: ${s}`);
  if (!m) throw bad();
  const unitText = m[2] ?? (dflt === undefined || dflt === null ? '' : String(dflt));
  const um = /^([KMGTPEZY]?)(i?)([Bb]?)(?:ytes?|its?)?$/i.exec(unitText);
  if (!um || um[2]) throw bad();
  const expected = isbits ? 'b' : 'B';
  if (um[3] && um[3] !== expected && !(um[3] === 'b' && !isbits && unitText.length > 1 && /bytes?$/i.test(unitText))) {
    throw new TsibleError('TSIBLE_TEMPLATE', `human_to_bytes() failed to convert ${s}. Value is not a valid string (${unitText})`);
  }
  const power = SIZE_UNITS.indexOf(um[1].toUpperCase());
  return Math.round(Number(m[1]) * 1024 ** power);
}

function* product(lists: unknown[][], prefix: unknown[] = []): Generator<unknown[]> {
  if (!lists.length) { yield tuple([...prefix]); return; }
  for (const x of lists[0]) yield* product(lists.slice(1), [...prefix, x]);
}

function* permutations(items: unknown[], r: number, prefix: unknown[] = [], used = new Set<number>()): Generator<unknown[]> {
  if (prefix.length === r) { yield tuple([...prefix]); return; }
  for (let i = 0; i < items.length; i++) {
    if (used.has(i)) continue;
    used.add(i);
    yield* permutations(items, r, [...prefix, items[i]], used);
    used.delete(i);
  }
}

function* combinations(items: unknown[], r: number, start = 0, prefix: unknown[] = []): Generator<unknown[]> {
  if (prefix.length === r) { yield tuple([...prefix]); return; }
  for (let i = start; i < items.length; i++) yield* combinations(items, r, i + 1, [...prefix, items[i]]);
}

const filters: Record<string, FilterFunction> = {
  unique,
  union: (a, b) => unique([...toList(a), ...toList(b)]),
  intersect: (a, b) => unique(toList(a).filter((x) => has(toList(b), x))),
  difference: (a, b) => unique(toList(a).filter((x) => !has(toList(b), x))),
  symmetric_difference: (a, b) => {
    const la = toList(a);
    const lb = toList(b);
    return unique([...la, ...lb]).filter((x) => !(has(la, x) && has(lb, x)));
  },
  log: (x, base) => pyFloat(base === undefined ? Math.log(Number(x)) : Math.log(Number(x)) / Math.log(Number(base))),
  pow: (x, y) => pyFloat(Number(x) ** Number(y)),
  root: (x, base = 2) => pyFloat(Number(base) === 2 ? Math.sqrt(Number(x)) : Number(x) ** (1 / Number(base))),
  product: (value, ...args) => {
    const { args: pos, kwargs } = splitKwargs(args);
    const lists = [toList(value), ...pos.map(toList)];
    const repeat = Number(kwargs.repeat ?? 1);
    return [...product(Array.from({ length: repeat }, () => lists).flat())];
  },
  permutations: (value, r) => {
    const items = toList(value);
    return [...permutations(items, r === undefined || r === null ? items.length : Number(r))];
  },
  combinations: (value, r) => [...combinations(toList(value), Number(r))],
  zip: (value, ...others) => {
    const lists = [value, ...others].map(toList);
    const len = Math.min(...lists.map((l) => l.length));
    return Array.from({ length: len }, (_, i) => tuple(lists.map((l) => l[i])));
  },
  zip_longest: (value, ...args) => {
    const { args: pos, kwargs } = splitKwargs(args);
    const lists = [value, ...pos].map(toList);
    const fill = kwargs.fillvalue ?? null;
    const len = Math.max(...lists.map((l) => l.length));
    return Array.from({ length: len }, (_, i) => tuple(lists.map((l) => (i < l.length ? l[i] : fill))));
  },
  human_readable: humanReadable,
  human_to_bytes: humanToBytes,
  rekey_on_member: (data, key, ...args) => {
    const { duplicates } = bindArgs(args, ['duplicates'], { duplicates: 'error' });
    const items = isDict(plain(data)) ? Object.values(plain(data) as object) : toList(data);
    const out: Record<string, unknown> = {};
    for (const item of items) {
      const k = pyStr((plain(item) as Record<string, unknown>)[String(key)]);
      if (k in out && duplicates === 'error') throw new TsibleError('TSIBLE_TEMPLATE', `Key ${k} is not unique, cannot correctly turn into dict`);
      if (!(k in out) || duplicates === 'overwrite') out[k] = item;
    }
    return out;
  },
};

export default defineFilters({ name: 'mathstuff', filters });
