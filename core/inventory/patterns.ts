import { globToRegExp } from '../util/fnmatch.js';
import { TsibleError } from '../errors.js';

/**
 * Ansible's host pattern grammar, parsing only (matching is in pattern-matcher.ts):
 * `a,b` / `a:b` unions, `&x` intersections, `!x` exclusions, globs, `~regex`, `group[0]`, `group[1:3]`.
 */

const SUBSCRIPT = /^(.+)\[(?:(-?[0-9]+)|([0-9]+)([:-])([0-9]*))\]$/s;

/** `'a,b[1], c[2:3] , d'` → `['a', 'b[1]', 'c[2:3]', 'd']`; `:` separates only when no `,` does. */
export function splitHostPattern(pattern: string | readonly string[]): string[] {
  if (Array.isArray(pattern)) return pattern.flatMap((p) => splitHostPattern(p));
  const text = String(pattern);
  let parts: string[];
  if (text.includes(',')) parts = text.split(',');
  else if (isSingleAddress(text)) parts = [text];
  else parts = text.match(/(?:[^\s:[\]]|\[[^\]]*\])+/g) ?? [];
  return parts.map((p) => p.trim()).filter((p) => p !== '');
}

/** An IPv6 address, or a host/range with a `:port`, is one pattern even though it holds colons. */
function isSingleAddress(text: string): boolean {
  const t = text.trim();
  if (/^[0-9a-fA-F]*:[0-9a-fA-F:]*:[0-9a-fA-F:.]*$/.test(t) && (t.match(/:/g)?.length ?? 0) >= 2) return true;
  if (/^\[[^\]]+\]:\d+$/.test(t) || /^(?:[^\s:[\]]|\[[^\]]*\])+:\d+$/.test(t)) return true;
  return false;
}

/** Plain patterns first, then `&` ones, then `!` ones; only modifiers means "start from all". */
export function orderPatterns(patterns: readonly string[]): string[] {
  const plain: string[] = [];
  const and: string[] = [];
  const not: string[] = [];
  for (const p of patterns) {
    if (!p) continue;
    if (p[0] === '!') not.push(p);
    else if (p[0] === '&') and.push(p);
    else plain.push(p);
  }
  return [...(plain.length ? plain : ['all']), ...and, ...not];
}

/** `[start, end]` inclusive; `end` undefined selects the single host at `start` (may be negative). */
export type Subscript = readonly [number, number | undefined];

export function splitSubscript(pattern: string, warn?: (msg: string) => void): { expr: string; subscript?: Subscript } {
  if (pattern.startsWith('~')) return { expr: pattern };
  const m = SUBSCRIPT.exec(pattern);
  if (!m) return { expr: pattern };
  const [, expr, idx, start, sep, end] = m;
  if (idx !== undefined) return { expr, subscript: [Number(idx), undefined] };
  if (sep === '-') warn?.('Use [x:y] inclusive subscripts instead of [x-y] which has been removed');
  return { expr, subscript: [Number(start), end ? Number(end) : -1] };
}

export function applySubscript<T>(items: T[], subscript: Subscript | undefined, pattern: string): T[] {
  if (!subscript || items.length === 0) return items;
  const [start, end] = subscript;
  if (end) {
    const last = end === -1 ? items.length - 1 : end;
    return items.slice(start, last + 1);
  }
  const index = start < 0 ? items.length + start : start;
  if (index < 0 || index >= items.length) {
    throw new TsibleError('TSIBLE_INVENTORY', `No hosts matched the subscripted pattern '${pattern}'`);
  }
  return [items[index]];
}

/** `~regex`: Python's re.match, anchored at the start only. `(?P<n>…)` is accepted as in Python. */
export function tildeToRegExp(pattern: string): RegExp {
  const source = pattern.slice(1).replace(/\(\?P</g, '(?<').replace(/\(\?P=(\w+)\)/g, '\\k<$1>');
  try {
    return new RegExp(`^(?:${source})`);
  } catch {
    throw new TsibleError('TSIBLE_INVENTORY', `Invalid host list pattern: ${pattern}`);
  }
}

export function patternToRegExp(pattern: string): RegExp {
  return pattern.startsWith('~') ? tildeToRegExp(pattern) : globToRegExp(pattern);
}

/** True when a pattern must also be matched against host names, not only group names. */
export function matchesHostsToo(pattern: string): boolean {
  return pattern.startsWith('~') || /[.?*[]/.test(pattern);
}
