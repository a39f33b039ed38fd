/**
 * The runtime object compiled templates call (`runtime.add(a, b)`, `runtime.getattr(x, 'y')` …).
 * One per Templar, built on a prototype of nunjucks' own runtime, so nothing is patched globally.
 */
import { TsibleError } from '../errors.js';
import type { FilterFunction } from '../../plugins/filter/types.js';
import type { TestFunction } from '../../plugins/test/types.js';
import { markKwargs } from './kwargs.js';
import { njRuntime } from './nunjucks-internals.js';
import { pyMethod } from './py-methods.js';
import { percentFormat } from './py-format.js';
import {
  PyFloat, PyTypeError, asStr, isDict, isInt, isStr, plain, pyAdd, pyCompare, pyContains, pyDiv, pyEquals, pyFloorDiv,
  pyModNumbers, pyMul, pyNeg, pyPow, pyStr, pySub, pyTypeName, truthy, tuple,
} from './python.js';
import { JinjaUndefined, isUndefined } from './undefined.js';
import { Namespace } from './namespace.js';
import { isLazyMapping, materialize } from './mapping.js';
import type { RenderContext } from './context.js';

/** Filters and tests that receive an undefined value instead of failing on it. */
const UNDEFINED_FILTERS = new Set(['default', 'd', 'mandatory']);
const UNDEFINED_TESTS = new Set(['defined', 'undefined']);
/** Filters that see a boxed integral float (PyFloat) instead of a plain number, to keep its type. */
const FLOAT_AWARE_FILTERS = new Set(['type_debug', 'string', 'to_json', 'to_nice_json', 'tojson', 'format', 'default', 'd', 'ternary', 'mandatory', 'float', 'abs', 'round', 'int']);

/** UnsafeText/VaultValue to strings, keeping PyFloat. */
function unwrapText(value: unknown): unknown {
  return value instanceof PyFloat ? value : plain(value);
}

export interface RuntimeTables {
  filters: Map<string, FilterFunction>;
  tests: Map<string, TestFunction>;
}

/** A filter or test by name, `ansible.builtin.x`/`ansible.legacy.x` answering to `x`. */
export function resolveName<T>(table: Map<string, T>, name: string): T | undefined {
  const direct = table.get(name);
  if (direct || !name.includes('.')) return direct;
  const m = /^ansible\.(?:builtin|legacy)\.([^.]+)$/.exec(name);
  return m ? table.get(m[1]) : undefined;
}

function unwrapSafe(value: unknown): unknown {
  return value instanceof njRuntime.SafeString ? String(value) : value;
}

export function getattr(obj: unknown, name: string): unknown {
  if (isUndefined(obj)) return obj;
  if (obj === null || obj === undefined) return new JinjaUndefined(name, null);
  const method = pyMethod(obj, name);
  if (method) return method;
  const v = plain(obj);
  if (isDict(v)) return Object.prototype.hasOwnProperty.call(v, name) ? v[name] : new JinjaUndefined(name, v);
  if (v instanceof Namespace) return v.has(name) ? v.get(name) : new JinjaUndefined(name, v);
  if (isLazyMapping(v)) {
    if (v.__contains__(name)) return v.__getitem__(name);
    return pyMethod(materialize(v), name) ?? new JinjaUndefined(name, v);
  }
  // Named-tuple fields (groupby's grouper/list) live as own non-index properties of the array.
  if (Array.isArray(v) && Object.prototype.hasOwnProperty.call(v, name) && !/^\d+$/.test(name)) return (v as unknown as Record<string, unknown>)[name];
  if (typeof v === 'object' && !Array.isArray(v) && name in (v as object)) {
    const member = (v as Record<string, unknown>)[name];
    return typeof member === 'function' ? member.bind(v) : member;
  }
  return new JinjaUndefined(name, v);
}

export function getitem(obj: unknown, key: unknown): unknown {
  if (isUndefined(obj)) return obj;
  if (isUndefined(key)) key.fail();
  const k = plain(key);
  if (obj === null || obj === undefined) return new JinjaUndefined(typeof k === 'number' ? k : String(k), null);
  const v = plain(obj);
  if (Array.isArray(v) || typeof v === 'string') {
    if (typeof k === 'number' || typeof k === 'boolean') {
      const i = Number(k);
      if (!isInt(i)) throw new PyTypeError(`${pyTypeName(v)} indices must be integers or slices, not float`);
      const idx = i < 0 ? v.length + i : i;
      return idx >= 0 && idx < v.length ? v[idx] : new JinjaUndefined(i, v);
    }
    return getattr(v, String(k));
  }
  if (isDict(v)) {
    const name = String(k);
    if (Object.prototype.hasOwnProperty.call(v, name)) return v[name];
    return pyMethod(v, name) ?? new JinjaUndefined(typeof k === 'number' ? k : name, v);
  }
  return getattr(v, String(k));
}

export function pySlice(obj: unknown, start: unknown, stop: unknown, step: unknown): unknown {
  if (isUndefined(obj)) obj.fail();
  const v = plain(obj);
  const seq: unknown[] | string = Array.isArray(v) ? v : typeof v === 'string' ? v : (() => {
    throw new PyTypeError(`'${pyTypeName(v)}' object is not subscriptable`);
  })();
  const len = seq.length;
  const st = step === null || step === undefined ? 1 : Number(step);
  if (st === 0) throw new PyTypeError('slice step cannot be zero');
  const norm = (x: unknown, dflt: number, lo: number, hi: number): number => {
    if (x === null || x === undefined) return dflt;
    let n = Number(x);
    if (n < 0) n += len;
    return Math.min(Math.max(n, lo), hi);
  };
  const items: unknown[] = [];
  if (st > 0) {
    for (let i = norm(start, 0, 0, len), end = norm(stop, len, 0, len); i < end; i += st) items.push(seq[i]);
  } else {
    for (let i = norm(start, len - 1, -1, len - 1), end = norm(stop, -1, -1, len - 1); i > end; i += st) items.push(seq[i]);
  }
  return typeof seq === 'string' ? items.join('') : items;
}

function iterate(value: unknown, names: number): unknown[] {
  if (isUndefined(value)) value.fail();
  const v = plain(value);
  if (Array.isArray(v)) return v;
  if (typeof v === 'string') return [...v];
  if (isDict(v)) return names > 1 ? Object.entries(v).map((e) => tuple(e)) : Object.keys(v);
  if (isLazyMapping(v)) return names > 1 ? Object.entries(materialize(v)).map((e) => tuple(e)) : v.__iter__();
  if (v !== null && typeof v === 'object' && Symbol.iterator in v) return Array.from(v as Iterable<unknown>);
  throw new PyTypeError(`'${pyTypeName(v)}' object is not iterable`);
}

function compare(op: string, a: unknown, b: unknown): boolean {
  switch (op) {
    case '==': return pyEquals(a, b);
    case '!=': return !pyEquals(a, b);
    case '<': return pyCompare(a, b, op) < 0;
    case '>': return pyCompare(a, b, op) > 0;
    case '<=': return pyCompare(a, b, op) <= 0;
    case '>=': return pyCompare(a, b, op) >= 0;
    default: throw new TsibleError('TSIBLE_TEMPLATE', `unknown comparison operator ${op}`);
  }
}

export type TemplateRuntime = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** The Python-semantics operations compiled templates call; they hold no state. */
const PYTHON_OPS = {
  out(value: unknown): string {
    if (value === null || value === undefined) return '';
    return pyStr(unwrapSafe(value));
  },
  contextOrFrameLookup(context: RenderContext, frame: { lookup(n: string): unknown }, name: string): unknown {
    const local = frame.lookup(name);
    if (local !== undefined) return local;
    const value = context.lookup(name);
    return value === undefined ? new JinjaUndefined(name) : value;
  },
  getattr, getitem, slice: pySlice, truthy, tuple,
  pyFloat: (n: number) => new PyFloat(n),
  dict(pairs: [unknown, unknown][]): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (const [k, v] of pairs) {
      if (isUndefined(k)) k.fail();
      out[pyStr(k)] = v;
    }
    return out;
  },
  /** Jinja's `a if b` without else yields its (lenient) Undefined, which renders as ''. */
  noElse(): string {
    return '';
  },
  contains: pyContains,
  or: (a: unknown, b: () => unknown) => (truthy(a) ? a : b()),
  and: (a: unknown, b: () => unknown) => (truthy(a) ? b() : a),
  add: pyAdd, sub: pySub, mul: pyMul, div: pyDiv, floordiv: pyFloorDiv, pow: pyPow, neg: pyNeg,
  pos: (a: unknown) => pyNeg(pyNeg(a)),
  mod: (a: unknown, b: unknown) => (isStr(a) ? percentFormat(asStr(a), b) : pyModNumbers(a, b)),
  concat: (a: unknown, b: unknown) => pyStr(unwrapSafe(a)) + pyStr(unwrapSafe(b)),
  compare,
  compareChain(first: unknown, ops: [string, () => unknown][]): boolean {
    let left = first;
    for (const [op, next] of ops) {
      const right = next();
      if (!compare(op, left, right)) return false;
      left = right;
    }
    return true;
  },
  iter: iterate,
  loopFilter: (items: unknown[], keep: (item: unknown) => boolean) => items.filter(keep),
  unpack(value: unknown, count: number): unknown[] {
    const items = iterate(value, 1);
    if (items.length !== count) {
      throw new PyTypeError(`${items.length > count ? 'too many' : 'not enough'} values to unpack (expected ${count}, got ${items.length})`);
    }
    return items;
  },
  loopExtras(frame: { set(n: string, v: unknown): void }, arr: unknown[], i: number): void {
    frame.set('loop.previtem', i > 0 ? arr[i - 1] : new JinjaUndefined('previtem', undefined, 'there is no previous item'));
    frame.set('loop.nextitem', i < arr.length - 1 ? arr[i + 1] : new JinjaUndefined('nextitem', undefined, 'there is no next item'));
    frame.set('loop.cycle', (...items: unknown[]) => items[i % items.length]);
    frame.set('loop.depth', 1);
    frame.set('loop.depth0', 0);
  },
  setattr(obj: unknown, key: unknown, value: unknown): void {
    if (obj instanceof Namespace) obj.set(String(key), value);
    else throw new TsibleError('TSIBLE_TEMPLATE', 'cannot assign attribute on non-namespace object');
  },
  makeKeywordArgs: markKwargs,
  call(fn: unknown, name: string, context: RenderContext, args: unknown[]): unknown {
    if (isUndefined(fn)) fn.fail();
    if (typeof fn !== 'function') throw new PyTypeError(`'${pyTypeName(fn)}' object is not callable (${name})`);
    return unwrapSafe(fn.apply(context, args));
  },
  handleError(error: unknown, lineno: number, colno: number): unknown {
    if (error instanceof Error && !(error as { templateLine?: number }).templateLine) {
      Object.assign(error, { templateLine: lineno + 1, templateColumn: colno + 1 });
    }
    return error;
  },
};

/** The runtime for one templar: nunjucks' runtime, overridden by PYTHON_OPS and this templar's filter/test calls. */
export function createRuntime(tables: RuntimeTables): TemplateRuntime {
  const calls = {
    filter(context: RenderContext, name: string, args: unknown[]): unknown {
      const fn = resolveName(tables.filters, name);
      if (!fn) throw new TsibleError('TSIBLE_TEMPLATE', `No filter named '${name}'.`);
      const value = unwrapSafe(args[0]);
      if (isUndefined(value) && !UNDEFINED_FILTERS.has(name)) value.fail();
      const unwrap = FLOAT_AWARE_FILTERS.has(name) ? unwrapText : plain;
      args[0] = unwrap(value);
      for (let i = 1; i < args.length; i++) args[i] = unwrap(unwrapSafe(args[i]));
      return fn.apply(context, args as [unknown, ...unknown[]]);
    },
    test(context: RenderContext, name: string, value: unknown, args: unknown[]): boolean {
      const fn = resolveName(tables.tests, name);
      if (!fn) throw new TsibleError('TSIBLE_TEMPLATE', `No test named '${name}'.`);
      if (isUndefined(value) && !UNDEFINED_TESTS.has(name)) value.fail();
      return fn.call(context, UNDEFINED_TESTS.has(name) ? value : unwrapText(value), ...args.map(plain)) === true;
    },
  };
  return Object.assign(Object.create(njRuntime), PYTHON_OPS, calls);
}
