import { pyRegex } from 'tsible';
import type { RemoteStat } from './probe.js';

/** Python's fnmatch.fnmatch on POSIX: `*`, `?`, `[seq]`, `[!seq]`, case-sensitive, whole name. */
export function fnmatch(name: string, pattern: string): boolean {
  let re = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '*') re += '[\\s\\S]*';
    else if (c === '?') re += '[\\s\\S]';
    else if (c === '[') {
      const end = pattern.indexOf(']', i + 2);
      if (end === -1) re += '\\[';
      else {
        let body = pattern.slice(i + 1, end).replace(/\\/g, '\\\\');
        if (body.startsWith('!')) body = `^${body.slice(1)}`;
        re += `[${body}]`;
        i = end;
      }
    } else re += c.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  }
  return new RegExp(`^${re}$`).test(name);
}

/** find's pfilter: the first matching pattern decides, excludes veto it. */
export function patternFilter(name: string, patterns: string[], excludes: string[] | undefined, useRegex: boolean): boolean {
  if (!patterns.length && !excludes?.length) return true;
  const match = (p: string) => (useRegex ? pyMatch(p, name) : fnmatch(name, p));
  for (const p of patterns) {
    if (!match(p)) continue;
    return !(excludes ?? []).some((e) => match(e));
  }
  return false;
}

/** Python's re.match: the pattern must match at position 0. */
export function pyMatch(pattern: string, text: string): boolean {
  const re = pyRegex(pattern);
  return new RegExp(`^(?:${re.source})`, re.flags).test(text);
}

const AGE_UNITS: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86400, w: 604800 };
const SIZE_UNITS: Record<string, number> = { b: 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3, t: 1024 ** 4 };

/** `age`/`size` arguments in seconds/bytes (negative: at most), or an error message. */
export function parseAmount(value: string | undefined, kind: 'age' | 'size'): number | undefined | string {
  if (value === undefined || value === null) return undefined;
  const units = kind === 'age' ? AGE_UNITS : SIZE_UNITS;
  const m = (kind === 'age' ? /^(-?\d+)(s|m|h|d|w)?$/ : /^(-?\d+)(b|k|m|g|t)?$/).exec(String(value).toLowerCase());
  if (!m) return `failed to process ${kind}`;
  return Number(m[1]) * (units[m[2] ?? ''] ?? 1);
}

export function ageFilter(st: RemoteStat, now: number, age: number | undefined, stamp: 'atime' | 'mtime' | 'ctime'): boolean {
  if (age === undefined) return true;
  const elapsed = now - (st[stamp] ?? 0);
  return age >= 0 ? elapsed >= Math.abs(age) : elapsed <= Math.abs(age);
}

export function sizeFilter(st: RemoteStat, size: number | undefined): boolean {
  if (size === undefined) return true;
  return size >= 0 ? (st.size ?? 0) >= Math.abs(size) : (st.size ?? 0) <= Math.abs(size);
}

/** find's contentfilter: a line starting with a match, or a search over the whole file. */
export function contentFilter(text: string, pattern: string | undefined, wholeFile: boolean): boolean {
  if (pattern === undefined) return true;
  if (wholeFile) return pyRegex(pattern).test(text);
  return (text.match(/[^\n]*\n|[^\n]+$/g) ?? []).some((line) => pyMatch(pattern, line.replace(/\n$/, '')));
}
