/**
 * Jinja2's built-in filters that playbooks use (the ones that only transform values; default, map,
 * select, selectattr… are part of the template engine itself).
 */
import {
  JinjaUndefined, PyFloat, PyTypeError, bindArgs, defineFilters, isDict, isLazyMapping, materialize, percentFormat, plain, pyAdd,
  pyCompare, pyFloat, pyStr, splitKwargs, tuple, type FilterFunction,
} from 'tsible';
import { pyJsonDumps } from './_lib/pyjson.js';
import { attrGetter, toList } from './_lib/seq.js';

function mapping(value: unknown): Record<string, unknown> {
  const v = plain(value);
  return isLazyMapping(v) ? materialize(v) : (v as Record<string, unknown>);
}

function lowerIfStr(v: unknown, caseSensitive: unknown): unknown {
  return !caseSensitive && typeof v === 'string' ? v.toLowerCase() : v;
}

function sortKey(args: unknown[]): { key: (x: unknown) => unknown; reverse: boolean } {
  const { reverse, case_sensitive: cs, attribute } = bindArgs(args, ['reverse', 'case_sensitive', 'attribute']);
  const get = attribute === undefined || attribute === null ? (x: unknown) => x : attrGetter(attribute);
  return { key: (x) => lowerIfStr(get(x), cs), reverse: Boolean(reverse) };
}

function minMax(value: unknown, args: unknown[], sign: number): unknown {
  const { case_sensitive: cs, attribute } = bindArgs(args, ['case_sensitive', 'attribute']);
  const items = toList(value);
  if (!items.length) return new JinjaUndefined('', undefined, 'No aggregated item, sequence was empty.');
  const get = attribute === undefined || attribute === null ? (x: unknown) => x : attrGetter(attribute);
  return items.reduce((best, x) => (sign * pyCompare(lowerIfStr(get(x), cs), lowerIfStr(get(best), cs), '<') > 0 ? x : best));
}

/** Python's round(): half to even. */
function roundHalfEven(n: number, digits: number): number {
  const m = 10 ** digits;
  const x = n * m;
  const r = Math.round(x);
  const rounded = Math.abs(x % 1) === 0.5 ? (r % 2 === 0 ? r : r - 1) : r;
  return rounded / m;
}

function toInt(value: unknown, ...args: unknown[]): number {
  const { default: dflt, base } = bindArgs(args, ['default', 'base'], { default: 0, base: 10 });
  const v = plain(value);
  if (typeof v === 'number') return Math.trunc(v);
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (typeof v === 'string') {
    const s = v.trim().replace(/_/g, '');
    const b = Number(base);
    const prefixed = /^[-+]?0([xob])/i.exec(s);
    if (b === 0 && prefixed) return parseInt(s.replace(/0[xob]/i, ''), { x: 16, o: 8, b: 2 }[prefixed[1].toLowerCase()]!) * (s.startsWith('-') ? -1 : 1);
    const digits = b === 16 ? s.replace(/^([-+]?)0x/i, '$1') : s;
    const valid = { 2: /^[-+]?[01]+$/, 8: /^[-+]?[0-7]+$/, 10: /^[-+]?\d+$/, 16: /^[-+]?[0-9a-f]+$/i }[b === 0 ? 10 : b];
    if (valid?.test(digits)) return parseInt(digits, b === 0 ? 10 : b);
    const f = Number(s);
    if (s !== '' && Number.isFinite(f)) return Math.trunc(f);
  }
  return dflt as number;
}

function toFloat(value: unknown, ...args: unknown[]): unknown {
  const { default: dflt } = bindArgs(args, ['default'], { default: 0 });
  const v = plain(value);
  if (typeof v === 'number') return pyFloat(v);
  if (typeof v === 'boolean') return pyFloat(v ? 1 : 0);
  const n = typeof v === 'string' && v.trim() !== '' ? Number(v.trim()) : NaN;
  return Number.isNaN(n) ? (typeof dflt === 'number' ? pyFloat(dflt) : dflt) : pyFloat(n);
}

function urlQuote(s: string, safe: string): string {
  return [...Buffer.from(s, 'utf8')].map((b) => {
    const c = String.fromCharCode(b);
    return /[A-Za-z0-9_.~-]/.test(c) || safe.includes(c) ? c : `%${b.toString(16).toUpperCase().padStart(2, '0')}`;
  }).join('');
}

const filters: Record<string, FilterFunction> = {
  lower: (s) => pyStr(s).toLowerCase(),
  upper: (s) => pyStr(s).toUpperCase(),
  capitalize: (s) => { const t = pyStr(s); return t.charAt(0).toUpperCase() + t.slice(1).toLowerCase(); },
  title: (s) => pyStr(s).replace(/([^\s\-([{<_]+)/g, (w) => w.charAt(0).toUpperCase() + w.slice(1).toLowerCase()),
  trim: (s, chars) => {
    const set = chars === undefined || chars === null ? ' \t\n\r\x0b\x0c' : String(chars);
    let t = pyStr(s);
    while (t && set.includes(t[0])) t = t.slice(1);
    while (t && set.includes(t[t.length - 1])) t = t.slice(0, -1);
    return t;
  },
  replace: (s, old, rep, count) => {
    const parts = pyStr(s).split(String(old));
    const n = count === undefined || count === null ? parts.length : Number(count) + 1;
    return parts.slice(0, n).join(String(rep)) + (n < parts.length ? String(old) + parts.slice(n).join(String(old)) : '');
  },
  length: (v) => {
    const x = plain(v);
    if (typeof x === 'string' || Array.isArray(x)) return x.length;
    if (isDict(x)) return Object.keys(x).length;
    if (isLazyMapping(x)) return x.__iter__().length;
    throw new PyTypeError(`object of type '${x === null ? 'NoneType' : typeof x}' has no len()`);
  },
  count: (v) => filters.length(v),
  first: (v) => {
    const items = toList(v);
    return items.length ? items[0] : new JinjaUndefined('', undefined, 'No first item, sequence was empty.');
  },
  last: (v) => {
    const items = toList(v);
    return items.length ? items[items.length - 1] : new JinjaUndefined('', undefined, 'No last item, sequence was empty.');
  },
  min: (v, ...args) => minMax(v, args, -1),
  max: (v, ...args) => minMax(v, args, 1),
  sum: (v, ...args) => {
    const { attribute, start } = bindArgs(args, ['attribute', 'start'], { start: 0 });
    const get = attribute === undefined || attribute === null ? (x: unknown) => x : attrGetter(attribute);
    return toList(v).reduce((acc: unknown, x) => pyAdd(acc, get(x)), start);
  },
  sort: (v, ...args) => {
    const { key, reverse } = sortKey(args);
    const sorted = [...toList(v)].sort((a, b) => pyCompare(key(a), key(b), '<'));
    return reverse ? sorted.reverse() : sorted;
  },
  reverse: (v) => (typeof plain(v) === 'string' ? [...(plain(v) as string)].reverse().join('') : [...toList(v)].reverse()),
  join: (v, ...args) => {
    const { d, attribute } = bindArgs(args, ['d', 'attribute'], { d: '' });
    const get = attribute === undefined || attribute === null ? (x: unknown) => x : attrGetter(attribute);
    return toList(v).map((x) => pyStr(get(x))).join(String(d));
  },
  list: (v) => [...toList(v)],
  string: (v) => pyStr(v),
  int: toInt,
  float: toFloat,
  abs: (v) => (v instanceof PyFloat ? new PyFloat(Math.abs(v.value)) : Math.abs(plain(v) as number)),
  round: (v, ...args) => {
    const { precision, method } = bindArgs(args, ['precision', 'method'], { precision: 0, method: 'common' });
    const n = plain(v) as number;
    const m = 10 ** Number(precision);
    if (method === 'ceil') return pyFloat(Math.ceil(n * m) / m);
    if (method === 'floor') return pyFloat(Math.floor(n * m) / m);
    return pyFloat(roundHalfEven(n, Number(precision)));
  },
  dictsort: (v, ...args) => {
    const { case_sensitive: cs, by, reverse } = bindArgs(args, ['case_sensitive', 'by', 'reverse'], { by: 'key' });
    const pos = by === 'value' ? 1 : 0;
    const items = Object.entries(mapping(v)).map((e) => tuple(e));
    items.sort((a, b) => pyCompare(lowerIfStr(a[pos], cs), lowerIfStr(b[pos], cs), '<'));
    return reverse ? items.reverse() : items;
  },
  items: (v) => (v === null || v === undefined ? [] : Object.entries(mapping(v)).map((e) => tuple(e))),
  groupby: (v, ...args) => {
    const { attribute, default: dflt, case_sensitive: cs } = bindArgs(args, ['attribute', 'default', 'case_sensitive']);
    const get = attrGetter(attribute);
    const keyOf = (x: unknown) => { const k = get(x); return k instanceof JinjaUndefined && dflt !== undefined ? dflt : k; };
    const sorted = [...toList(v)].sort((a, b) => pyCompare(lowerIfStr(keyOf(a), cs), lowerIfStr(keyOf(b), cs), '<'));
    const groups: unknown[][] = [];
    for (const item of sorted) {
      const k = keyOf(item);
      const last = groups[groups.length - 1];
      if (last && pyCompare(lowerIfStr(last[0], cs), lowerIfStr(k, cs), '==') === 0) (last[1] as unknown[]).push(item);
      else groups.push(tuple([k, [item]]));
    }
    for (const g of groups) Object.defineProperties(g, { grouper: { value: g[0] }, list: { value: g[1] } });
    return groups;
  },
  batch: (v, count, fill) => {
    const items = toList(v);
    const out: unknown[][] = [];
    for (let i = 0; i < items.length; i += Number(count)) out.push(items.slice(i, i + Number(count)));
    const last = out[out.length - 1];
    if (fill !== undefined && fill !== null && last) while (last.length < Number(count)) last.push(fill);
    return out;
  },
  slice: (v, slices, fill) => {
    const items = toList(v);
    const n = Number(slices);
    const per = Math.floor(items.length / n);
    const extra = items.length % n;
    const out: unknown[][] = [];
    let offset = 0;
    for (let i = 0; i < n; i++) {
      const size = per + (i < extra ? 1 : 0);
      const part = items.slice(offset, offset + size);
      offset += size;
      if (fill !== undefined && fill !== null && i >= extra && extra) part.push(fill);
      out.push(part);
    }
    return out;
  },
  wordcount: (s) => (pyStr(s).match(/\w+/g) ?? []).length,
  indent: (s, ...args) => {
    const { width, first, blank } = bindArgs(args, ['width', 'first', 'blank'], { width: 4, first: false, blank: false });
    const pad = typeof width === 'string' ? width : ' '.repeat(Number(width));
    const lines = pyStr(s).split('\n');
    const out = lines.map((l, i) => ((i === 0 && !first) || (!blank && l.trim() === '') ? l : pad + l));
    return out.join('\n');
  },
  center: (s, width = 80) => {
    const t = pyStr(s);
    const gap = Math.max(0, Number(width) - t.length);
    const left = Math.floor(gap / 2) + (gap % 2 && Number(width) % 2 ? 1 : 0);
    return ' '.repeat(left) + t + ' '.repeat(gap - left);
  },
  escape: (s) => pyStr(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&#34;').replace(/'/g, '&#39;'),
  e: (s) => filters.escape(s),
  forceescape: (s) => filters.escape(s),
  safe: (s) => s,
  tojson: (v, indent) => pyJsonDumps(v, { sortKeys: true, indent: indent === undefined ? null : Number(indent) })
    .replace(/</g, '\\u003c').replace(/>/g, '\\u003e').replace(/&/g, '\\u0026').replace(/'/g, '\\u0027'),
  truncate: (s, ...args) => {
    const { length, killwords, end, leeway } = bindArgs(args, ['length', 'killwords', 'end', 'leeway'],
      { length: 255, killwords: false, end: '...', leeway: 5 });
    const t = pyStr(s);
    const len = Number(length);
    if (t.length <= len + Number(leeway)) return t;
    if (killwords) return t.slice(0, len - String(end).length) + String(end);
    const cut = t.slice(0, len - String(end).length);
    return cut.replace(/\s*\S*$/, '') + String(end);
  },
  format: (s, ...args) => {
    const { args: pos, kwargs } = splitKwargs(args);
    return percentFormat(pyStr(s), Object.keys(kwargs).length ? kwargs : tuple(pos));
  },
  attr: (obj, name) => (plain(obj) as Record<string, unknown>)?.[String(name)],
  urlencode: (v) => {
    const x = plain(v);
    if (isDict(x) || Array.isArray(x)) {
      const pairs = isDict(x) ? Object.entries(x) : (x as [unknown, unknown][]);
      return pairs.map(([k, val]) => `${urlQuote(pyStr(k), '').replace(/%20/g, '+')}=${urlQuote(pyStr(val), '').replace(/%20/g, '+')}`).join('&');
    }
    return urlQuote(pyStr(x), '/');
  },
  striptags: (s) => pyStr(s).replace(/<!--[\s\S]*?-->|<[^>]*>/g, '').replace(/\s+/g, ' ').trim(),
  wordwrap: (s, width = 79) => {
    const words = pyStr(s).split(/\s+/);
    const lines: string[] = [];
    let line = '';
    for (const w of words) {
      if (line && line.length + 1 + w.length > Number(width)) { lines.push(line); line = w; } else line = line ? `${line} ${w}` : w;
    }
    if (line) lines.push(line);
    return lines.join('\n');
  },
  filesizeformat: (v, binary = false) => {
    const bytes = Number(plain(v));
    const base = binary ? 1024 : 1000;
    const units = binary ? ['KiB', 'MiB', 'GiB', 'TiB', 'PiB'] : ['kB', 'MB', 'GB', 'TB', 'PB'];
    if (bytes === 1) return '1 Byte';
    if (bytes < base) return `${bytes} Bytes`;
    let i = 0;
    let n = bytes / base;
    while (n >= base && i < units.length - 1) { n /= base; i++; }
    return `${n.toFixed(1)} ${units[i]}`;
  },
  pprint: (v) => pyStr(v),
  xmlattr: (d) => Object.entries(plain(d) as Record<string, unknown>).filter(([, v]) => v !== null && v !== undefined)
    .map(([k, v]) => ` ${k}="${filters.escape(v)}"`).join(''),
};

export default defineFilters({ name: 'jinja', filters });
