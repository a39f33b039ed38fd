/**
 * The Python str, list and dict methods that playbooks call on values (`x.split(',')`,
 * `d.items()`, `l.append(1)` …). `pyMethod` returns a bound function, or undefined when the type has
 * no such method (the lookup then falls back to item access, as Jinja's getattr does).
 */
import { splitKwargs } from './kwargs.js';
import { strFormat } from './py-format.js';
import { PyTypeError, PyValueError, isDict, markKind, plain, pyEquals, pyCompare, pyStr, tuple, type PyDict } from './python.js';

type Method = (...args: any[]) => unknown; // eslint-disable-line @typescript-eslint/no-explicit-any

const WS = ' \t\n\r\x0b\x0c';

function stripChars(s: string, chars: unknown, left: boolean, right: boolean): string {
  const set = chars === undefined || chars === null ? WS : String(plain(chars));
  let start = 0;
  let end = s.length;
  if (left) while (start < end && set.includes(s[start])) start++;
  if (right) while (end > start && set.includes(s[end - 1])) end--;
  return s.slice(start, end);
}

function pySplit(s: string, sep: unknown, maxsplit: unknown): string[] {
  const max = maxsplit === undefined || maxsplit === null ? -1 : Number(maxsplit);
  if (sep === undefined || sep === null) {
    const parts: string[] = [];
    let rest = s.replace(/^\s+/, '');
    while (rest.length) {
      if (max >= 0 && parts.length === max) { parts.push(rest); break; }
      const m = /\s+/.exec(rest);
      if (!m) { parts.push(rest); break; }
      parts.push(rest.slice(0, m.index));
      rest = rest.slice(m.index + m[0].length);
    }
    return parts;
  }
  const separator = String(plain(sep));
  if (separator === '') throw new PyValueError('empty separator');
  const all = s.split(separator);
  if (max < 0 || all.length <= max + 1) return all;
  return [...all.slice(0, max), all.slice(max).join(separator)];
}

function pyRsplit(s: string, sep: unknown, maxsplit: unknown): string[] {
  const max = maxsplit === undefined || maxsplit === null ? -1 : Number(maxsplit);
  if (max < 0) return pySplit(s, sep, -1);
  if (sep === undefined || sep === null) {
    return pySplit([...s].reverse().join(''), null, max).map((p) => [...p].reverse().join('')).reverse();
  }
  const separator = String(plain(sep));
  const all = s.split(separator);
  if (all.length <= max + 1) return all;
  return [all.slice(0, all.length - max).join(separator), ...all.slice(all.length - max)];
}

function affix(s: string, value: unknown, test: (s: string, x: string) => boolean): boolean {
  const v = plain(value);
  if (Array.isArray(v)) return v.some((x) => test(s, String(plain(x))));
  if (typeof v !== 'string') throw new PyTypeError('startswith/endswith first arg must be str or a tuple of str');
  return test(s, v);
}

function findIndex(s: string, sub: unknown, start: unknown, end: unknown, last: boolean): number {
  const hay = s.slice(Number(start ?? 0), end === undefined || end === null ? undefined : Number(end));
  const idx = last ? hay.lastIndexOf(String(plain(sub))) : hay.indexOf(String(plain(sub)));
  return idx < 0 ? -1 : idx + Number(start ?? 0);
}

function titleCase(s: string): string {
  return s.toLowerCase().replace(/(^|[^a-zA-Z])([a-z])/g, (_m, pre: string, ch: string) => pre + ch.toUpperCase());
}

const STR_METHODS: Record<string, (s: string, ...args: any[]) => unknown> = { // eslint-disable-line @typescript-eslint/no-explicit-any
  split: (s, sep, max) => pySplit(s, sep, max),
  rsplit: (s, sep, max) => pyRsplit(s, sep, max),
  splitlines: (s, keep) => (s === '' ? [] : s.replace(/\r\n|\r|\n$/, (m) => (keep ? m : '')).split(/(?<=\r\n|\r|\n)/).map((l) => (keep ? l : l.replace(/\r\n|\r|\n$/, '')))),
  strip: (s, chars) => stripChars(s, chars, true, true),
  lstrip: (s, chars) => stripChars(s, chars, true, false),
  rstrip: (s, chars) => stripChars(s, chars, false, true),
  startswith: (s, p) => affix(s, p, (x, y) => x.startsWith(y)),
  endswith: (s, p) => affix(s, p, (x, y) => x.endsWith(y)),
  replace: (s, a, b, count) => {
    const from = String(plain(a));
    const to = String(plain(b));
    const parts = s.split(from);
    const n = count === undefined || Number(count) < 0 ? parts.length : Number(count) + 1;
    return parts.slice(0, n).join(to) + (n < parts.length ? from + parts.slice(n).join(from) : '');
  },
  lower: (s) => s.toLowerCase(),
  upper: (s) => s.toUpperCase(),
  title: (s) => titleCase(s),
  capitalize: (s) => s.charAt(0).toUpperCase() + s.slice(1).toLowerCase(),
  swapcase: (s) => [...s].map((c) => (c === c.toUpperCase() ? c.toLowerCase() : c.toUpperCase())).join(''),
  casefold: (s) => s.toLowerCase(),
  find: (s, sub, start, end) => findIndex(s, sub, start, end, false),
  rfind: (s, sub, start, end) => findIndex(s, sub, start, end, true),
  index: (s, sub, start, end) => {
    const i = findIndex(s, sub, start, end, false);
    if (i < 0) throw new PyValueError('substring not found');
    return i;
  },
  count: (s, sub) => (String(plain(sub)) === '' ? s.length + 1 : s.split(String(plain(sub))).length - 1),
  join: (s, items) => (plain(items) as unknown[]).map((x) => {
    if (typeof plain(x) !== 'string') throw new PyTypeError(`sequence item: expected str instance, ${typeof x} found`);
    return plain(x) as string;
  }).join(s),
  format: (s, ...args) => { const { args: pos, kwargs } = splitKwargs(args); return strFormat(s, pos, kwargs); },
  isdigit: (s) => /^\d+$/.test(s),
  isnumeric: (s) => /^\d+$/.test(s),
  isdecimal: (s) => /^\d+$/.test(s),
  isalpha: (s) => /^\p{L}+$/u.test(s),
  isalnum: (s) => /^[\p{L}\d]+$/u.test(s),
  isspace: (s) => /^\s+$/.test(s),
  islower: (s) => /[a-z]/.test(s) && s === s.toLowerCase(),
  isupper: (s) => /[A-Z]/.test(s) && s === s.toUpperCase(),
  zfill: (s, width) => {
    const sign = /^[-+]/.test(s) ? s[0] : '';
    return sign + s.slice(sign.length).padStart(Number(width) - sign.length, '0');
  },
  center: (s, width, fill = ' ') => {
    const gap = Math.max(0, Number(width) - s.length);
    const left = Math.floor(gap / 2) + (gap % 2 && Number(width) % 2 ? 1 : 0);
    return String(fill).repeat(left) + s + String(fill).repeat(gap - left);
  },
  ljust: (s, width, fill = ' ') => s.padEnd(Number(width), String(fill)),
  rjust: (s, width, fill = ' ') => s.padStart(Number(width), String(fill)),
  partition: (s, sep) => {
    const i = s.indexOf(String(sep));
    return tuple(i < 0 ? [s, '', ''] : [s.slice(0, i), String(sep), s.slice(i + String(sep).length)]);
  },
  rpartition: (s, sep) => {
    const i = s.lastIndexOf(String(sep));
    return tuple(i < 0 ? ['', '', s] : [s.slice(0, i), String(sep), s.slice(i + String(sep).length)]);
  },
  removeprefix: (s, p) => (s.startsWith(String(p)) ? s.slice(String(p).length) : s),
  removesuffix: (s, p) => (String(p) && s.endsWith(String(p)) ? s.slice(0, -String(p).length) : s),
  encode: (s) => s,
  decode: (s) => s,
};

function listIndex(l: unknown[], value: unknown): number {
  const i = l.findIndex((x) => pyEquals(x, value));
  if (i < 0) throw new PyValueError(`${pyStr(value)} is not in list`);
  return i;
}

const LIST_METHODS: Record<string, (l: unknown[], ...args: any[]) => unknown> = { // eslint-disable-line @typescript-eslint/no-explicit-any
  append: (l, x) => { l.push(x); return null; },
  extend: (l, xs) => { l.push(...(plain(xs) as unknown[])); return null; },
  insert: (l, i, x) => { l.splice(Number(i) < 0 ? Math.max(0, l.length + Number(i)) : Number(i), 0, x); return null; },
  pop: (l, i) => {
    if (!l.length) throw new PyValueError('pop from empty list');
    const idx = i === undefined ? l.length - 1 : Number(i) < 0 ? l.length + Number(i) : Number(i);
    return l.splice(idx, 1)[0];
  },
  remove: (l, x) => { l.splice(listIndex(l, x), 1); return null; },
  index: (l, x) => listIndex(l, x),
  count: (l, x) => l.filter((y) => pyEquals(y, x)).length,
  reverse: (l) => { l.reverse(); return null; },
  sort: (l, ...args) => {
    const { kwargs } = splitKwargs(args);
    l.sort((a, b) => pyCompare(a, b, '<'));
    if (kwargs.reverse) l.reverse();
    return null;
  },
  copy: (l) => [...l],
  clear: (l) => { l.length = 0; return null; },
};

const DICT_METHODS: Record<string, (d: PyDict, ...args: any[]) => unknown> = { // eslint-disable-line @typescript-eslint/no-explicit-any
  items: (d) => markKind(Object.entries(d).map(([k, v]) => tuple([k, v])), 'dict_items'),
  keys: (d) => markKind(Object.keys(d), 'dict_keys'),
  values: (d) => markKind(Object.values(d), 'dict_values'),
  get: (d, k, dflt = null) => (Object.prototype.hasOwnProperty.call(d, String(plain(k))) ? d[String(plain(k))] : dflt),
  update: (d, ...args) => {
    const { args: pos, kwargs } = splitKwargs(args);
    for (const src of pos) Object.assign(d, isDict(src) ? src : Object.fromEntries(src as [string, unknown][]));
    Object.assign(d, kwargs);
    return null;
  },
  pop: (d, k, ...dflt) => {
    const key = String(plain(k));
    if (!Object.prototype.hasOwnProperty.call(d, key)) {
      if (dflt.length) return dflt[0];
      throw new PyValueError(`KeyError: '${key}'`);
    }
    const v = d[key];
    delete d[key];
    return v;
  },
  setdefault: (d, k, dflt = null) => {
    const key = String(plain(k));
    if (!Object.prototype.hasOwnProperty.call(d, key)) d[key] = dflt;
    return d[key];
  },
  copy: (d) => ({ ...d }),
  clear: (d) => { for (const k of Object.keys(d)) delete d[k]; return null; },
};

function bind<T>(target: T, fn: (t: T, ...args: unknown[]) => unknown): Method {
  return (...args: unknown[]) => fn(target, ...args);
}

export function pyMethod(obj: unknown, name: string): Method | undefined {
  const v = plain(obj);
  if (typeof v === 'string') {
    const m = STR_METHODS[name];
    return Object.prototype.hasOwnProperty.call(STR_METHODS, name) ? bind(v, m) : undefined;
  }
  if (Array.isArray(v)) {
    return Object.prototype.hasOwnProperty.call(LIST_METHODS, name) ? bind(v, LIST_METHODS[name]) : undefined;
  }
  if (isDict(v) && Object.prototype.hasOwnProperty.call(DICT_METHODS, name)) return bind(v, DICT_METHODS[name]);
  return undefined;
}
