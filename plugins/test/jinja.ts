/** Jinja2's built-in tests (defined/undefined are part of the template engine itself). */
import { PyFloat, defineTests, isDict, isInt, isLazyMapping, plain, pyCompare, pyContains, pyEquals, pyStr, type TestFunction } from 'tsible';

const num = (v: unknown): boolean => typeof plain(v) === 'number' || typeof plain(v) === 'boolean';

const tests: Record<string, TestFunction> = {
  none: (v) => v === null || v === undefined,
  string: (v) => typeof plain(v) === 'string',
  number: (v) => v instanceof PyFloat || num(v),
  integer: (v) => !(v instanceof PyFloat) && isInt(v),
  float: (v) => v instanceof PyFloat || (typeof v === 'number' && !Number.isInteger(v)),
  boolean: (v) => typeof v === 'boolean',
  true: (v) => v === true,
  false: (v) => v === false,
  mapping: (v) => isDict(plain(v)) || isLazyMapping(v),
  sequence: (v) => typeof plain(v) === 'string' || Array.isArray(plain(v)) || isDict(plain(v)),
  iterable: (v) => typeof plain(v) === 'string' || Array.isArray(plain(v)) || isDict(plain(v)),
  callable: (v) => typeof v === 'function',
  sameas: (a, b) => plain(a) === plain(b),
  escaped: () => false,
  lower: (v) => { const s = pyStr(v); return /[a-z]/.test(s) && s === s.toLowerCase(); },
  upper: (v) => { const s = pyStr(v); return /[A-Z]/.test(s) && s === s.toUpperCase(); },
  divisibleby: (v, n) => (plain(v) as number) % Number(n) === 0,
  even: (v) => (plain(v) as number) % 2 === 0,
  odd: (v) => Math.abs((plain(v) as number) % 2) === 1,
  in: (v, seq) => pyContains(seq, v),
  eq: (a, b) => pyEquals(a, b),
  equalto: (a, b) => pyEquals(a, b),
  '==': (a, b) => pyEquals(a, b),
  ne: (a, b) => !pyEquals(a, b),
  '!=': (a, b) => !pyEquals(a, b),
  lt: (a, b) => pyCompare(a, b, '<') < 0,
  lessthan: (a, b) => pyCompare(a, b, '<') < 0,
  '<': (a, b) => pyCompare(a, b, '<') < 0,
  le: (a, b) => pyCompare(a, b, '<=') <= 0,
  '<=': (a, b) => pyCompare(a, b, '<=') <= 0,
  gt: (a, b) => pyCompare(a, b, '>') > 0,
  greaterthan: (a, b) => pyCompare(a, b, '>') > 0,
  '>': (a, b) => pyCompare(a, b, '>') > 0,
  ge: (a, b) => pyCompare(a, b, '>=') >= 0,
  '>=': (a, b) => pyCompare(a, b, '>=') >= 0,
};

export default defineTests({ name: 'jinja', tests });
