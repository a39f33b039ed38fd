import { pythonBytesRepr, pythonStrRepr } from '../inventory/python-repr.js';
/**
 * Python value semantics as Jinja2 (and so Ansible) applies them: truthiness, equality, ordering,
 * arithmetic, `in`, and str()/repr() formatting. Templates compiled by compiler.ts call these through
 * the per-templar runtime instead of JS operators.
 */
import { UnsafeText, VaultValue } from '../values.js';
import { isUndefined, type JinjaUndefined } from './undefined.js';
import { isLazyMapping } from './mapping.js';

/** Marks arrays that Python would show as another sequence type (tuple, dict views). */
export const PY_KIND = Symbol.for('tsible.pyKind');
export type PyKind = 'tuple' | 'dict_keys' | 'dict_values' | 'dict_items';

export function markKind<T extends unknown[]>(items: T, kind: PyKind): T {
  Object.defineProperty(items, PY_KIND, { value: kind, enumerable: false });
  return items;
}
export function tuple(items: unknown[]): unknown[] {
  return markKind(items, 'tuple');
}
export function kindOf(value: unknown[]): PyKind | undefined {
  return (value as unknown as Record<symbol, PyKind | undefined>)[PY_KIND];
}

export class PyTypeError extends Error {
  override name = 'TypeError';
}
export class PyValueError extends Error {
  override name = 'ValueError';
}

export type PyDict = Record<string, unknown>;

/**
 * A Python float with an integral value (`4 / 2`, `1.0`, `3 | float`). JavaScript cannot tell 2.0
 * from 2, but Python prints it as `2.0`; non-integral floats stay plain numbers. `valueOf` keeps JS
 * arithmetic working; filters receive plain numbers; native results are unboxed.
 */
export class PyFloat {
  constructor(readonly value: number) {}
  valueOf(): number {
    return this.value;
  }
  toJSON(): number {
    return this.value;
  }
  toString(): string {
    const s = formatFloat(this.value);
    return /[.en]/.test(s) ? s : `${s}.0`;
  }
}

/** A float result: boxed when integral, so that it still prints as a float. */
export function pyFloat(n: number): number | PyFloat {
  return Number.isInteger(n) ? new PyFloat(n) : n;
}

/** Is this a Python float (boxed integral, or a non-integral number)? */
export function isFloat(value: unknown): boolean {
  return value instanceof PyFloat || (typeof value === 'number' && !Number.isInteger(value));
}

export function isDict(value: unknown): value is PyDict {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value);
  // Any realm's Object.prototype (structuredClone and vm contexts hand out objects from another realm).
  return proto === Object.prototype || proto === null || Object.getPrototypeOf(proto) === null;
}

/** Strings arrive as JS strings, `!unsafe` text or vaulted values. */
export function isStr(value: unknown): value is string | UnsafeText | VaultValue {
  return typeof value === 'string' || value instanceof UnsafeText || value instanceof VaultValue;
}
export function asStr(value: string | UnsafeText | VaultValue): string {
  return typeof value === 'string' ? value : value instanceof UnsafeText ? value.text : value.reveal();
}
/** Unwraps UnsafeText/VaultValue so operators see plain strings. */
export function plain(value: unknown): unknown {
  if (value instanceof UnsafeText) return value.text;
  if (value instanceof VaultValue) return value.reveal();
  return value instanceof PyFloat ? value.value : value;
}

export function isInt(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value);
}

export function pyTypeName(value: unknown): string {
  if (value instanceof PyFloat) return 'float';
  const v = plain(value);
  if (v === null || v === undefined) return 'NoneType';
  if (typeof v === 'boolean') return 'bool';
  if (typeof v === 'number') return Number.isInteger(v) ? 'int' : 'float';
  if (typeof v === 'string') return 'str';
  if (Array.isArray(v)) return kindOf(v) ?? 'list';
  if (typeof v === 'function') return 'function';
  if (isUndefined(v)) return 'AnsibleUndefined';
  return 'dict';
}

/** Fails the way StrictUndefined does when an undefined value is used. */
export function checkDefined(value: unknown): void {
  if (isUndefined(value)) (value as JinjaUndefined).fail();
}

export function truthy(value: unknown): boolean {
  if (value === null || value === undefined || value === false) return false;
  if (value === true) return true;
  if (typeof value === 'number') return value !== 0;
  if (typeof value === 'string') return value.length > 0;
  if (Array.isArray(value)) return value.length > 0;
  if (isUndefined(value)) (value as JinjaUndefined).fail();
  if (value instanceof UnsafeText || value instanceof VaultValue) return asStr(value).length > 0;
  if (value instanceof PyFloat) return value.value !== 0;
  if (isDict(value)) return Object.keys(value).length > 0;
  return true;
}

function numeric(value: unknown): number | undefined {
  if (typeof value === 'number') return value;
  if (typeof value === 'boolean') return value ? 1 : 0;
  return undefined;
}

export function pyEquals(a: unknown, b: unknown): boolean {
  checkDefined(a);
  checkDefined(b);
  const x = plain(a);
  const y = plain(b);
  if (x === y) return true;
  if ((x === null || x === undefined) && (y === null || y === undefined)) return true;
  const nx = numeric(x);
  const ny = numeric(y);
  if (nx !== undefined && ny !== undefined) return nx === ny;
  if (Array.isArray(x) && Array.isArray(y)) {
    if ((kindOf(x) === 'tuple') !== (kindOf(y) === 'tuple')) return false;
    return x.length === y.length && x.every((item, i) => pyEquals(item, y[i]));
  }
  if (isDict(x) && isDict(y)) {
    const kx = Object.keys(x);
    if (kx.length !== Object.keys(y).length) return false;
    return kx.every((k) => Object.prototype.hasOwnProperty.call(y, k) && pyEquals(x[k], y[k]));
  }
  return false;
}

/** Python ordering: numbers with numbers, str with str, sequences element-wise; otherwise TypeError. */
export function pyCompare(a: unknown, b: unknown, op: string): number {
  checkDefined(a);
  checkDefined(b);
  const x = plain(a);
  const y = plain(b);
  const nx = numeric(x);
  const ny = numeric(y);
  if (nx !== undefined && ny !== undefined) return nx < ny ? -1 : nx > ny ? 1 : 0;
  if (typeof x === 'string' && typeof y === 'string') return x < y ? -1 : x > y ? 1 : 0;
  if (Array.isArray(x) && Array.isArray(y)) {
    for (let i = 0; i < Math.min(x.length, y.length); i++) {
      if (!pyEquals(x[i], y[i])) return pyCompare(x[i], y[i], op);
    }
    return x.length - y.length;
  }
  throw new PyTypeError(`'${op}' not supported between instances of '${pyTypeName(a)}' and '${pyTypeName(b)}'`);
}

export function pyContains(container: unknown, item: unknown): boolean {
  checkDefined(container);
  checkDefined(item);
  const c = plain(container);
  if (typeof c === 'string') {
    const i = plain(item);
    if (typeof i !== 'string') throw new PyTypeError(`'in <string>' requires string as left operand, not ${pyTypeName(item)}`);
    return c.includes(i);
  }
  if (Array.isArray(c)) return c.some((x) => pyEquals(x, item));
  if (isDict(c)) {
    const key = plain(item);
    return (typeof key === 'string' || typeof key === 'number') && Object.prototype.hasOwnProperty.call(c, String(key));
  }
  if (isLazyMapping(c)) return c.__contains__(String(plain(item)));
  throw new PyTypeError(`argument of type '${pyTypeName(container)}' is not iterable`);
}

export function pyAdd(a: unknown, b: unknown): unknown {
  checkDefined(a);
  checkDefined(b);
  const x = plain(a);
  const y = plain(b);
  const nx = numeric(x);
  const ny = numeric(y);
  if (nx !== undefined && ny !== undefined) return floatIf(a, b, nx + ny);
  if (typeof x === 'string' && typeof y === 'string') return x + y;
  if (Array.isArray(x) && Array.isArray(y)) {
    const joined = [...x, ...y];
    return kindOf(x) === 'tuple' ? tuple(joined) : joined;
  }
  if (typeof x === 'string') throw new PyTypeError(`can only concatenate str (not "${pyTypeName(b)}") to str`);
  if (Array.isArray(x)) throw new PyTypeError(`can only concatenate list (not "${pyTypeName(b)}") to list`);
  throw new PyTypeError(`unsupported operand type(s) for +: '${pyTypeName(a)}' and '${pyTypeName(b)}'`);
}

/** Python keeps the float type when either operand is a float. */
function floatIf(a: unknown, b: unknown, result: number): number | PyFloat {
  return isFloat(a) || isFloat(b) ? pyFloat(result) : result;
}

function numbers(a: unknown, b: unknown, op: string): [number, number] {
  checkDefined(a);
  checkDefined(b);
  const nx = numeric(plain(a));
  const ny = numeric(plain(b));
  if (nx === undefined || ny === undefined) {
    throw new PyTypeError(`unsupported operand type(s) for ${op}: '${pyTypeName(a)}' and '${pyTypeName(b)}'`);
  }
  return [nx, ny];
}

export function pySub(a: unknown, b: unknown): unknown {
  const sub = (a as { __sub__?: (o: unknown) => unknown } | null)?.__sub__;
  if (typeof sub === 'function') return sub.call(a, b);
  const [x, y] = numbers(a, b, '-');
  return floatIf(a, b, x - y);
}

export function pyMul(a: unknown, b: unknown): unknown {
  checkDefined(a);
  checkDefined(b);
  const x = plain(a);
  const y = plain(b);
  const repeat = (seq: unknown, n: unknown): unknown => {
    const count = Math.max(0, numeric(n) ?? 0);
    if (typeof seq === 'string') return seq.repeat(count);
    const out: unknown[] = [];
    for (let i = 0; i < count; i++) out.push(...(seq as unknown[]));
    return out;
  };
  if ((typeof x === 'string' || Array.isArray(x)) && isInt(numeric(y))) return repeat(x, y);
  if ((typeof y === 'string' || Array.isArray(y)) && isInt(numeric(x))) return repeat(y, x);
  const [nx, ny] = numbers(a, b, '*');
  return floatIf(a, b, nx * ny);
}

export function pyDiv(a: unknown, b: unknown): number | PyFloat {
  const [x, y] = numbers(a, b, '/');
  if (y === 0) throw new PyValueError('division by zero');
  return pyFloat(x / y);
}

export function pyFloorDiv(a: unknown, b: unknown): number | PyFloat {
  const [x, y] = numbers(a, b, '//');
  if (y === 0) throw new PyValueError('integer division or modulo by zero');
  return floatIf(a, b, Math.floor(x / y));
}

export function pyModNumbers(a: unknown, b: unknown): number | PyFloat {
  const [x, y] = numbers(a, b, '%');
  if (y === 0) throw new PyValueError('integer division or modulo by zero');
  const r = x % y;
  return floatIf(a, b, r !== 0 && (r < 0) !== (y < 0) ? r + y : r);
}

export function pyPow(a: unknown, b: unknown): number | PyFloat {
  const [x, y] = numbers(a, b, '**');
  return isFloat(a) || isFloat(b) || y < 0 ? pyFloat(x ** y) : x ** y;
}

export function pyNeg(a: unknown): number | PyFloat {
  checkDefined(a);
  const n = numeric(plain(a));
  if (n === undefined) throw new PyTypeError(`bad operand type for unary -: '${pyTypeName(a)}'`);
  return a instanceof PyFloat ? new PyFloat(-n) : -n;
}

export function formatFloat(n: number): string {
  if (Number.isNaN(n)) return 'nan';
  if (!Number.isFinite(n)) return n > 0 ? 'inf' : '-inf';
  const s = String(n);
  // Python switches to exponent notation at 1e16 and below 1e-4; JS at 1e21 and 1e-7.
  if (Math.abs(n) >= 1e16 || (n !== 0 && Math.abs(n) < 1e-4)) {
    return n.toExponential().replace(/e([+-])(\d)$/, 'e$10$2');
  }
  return s;
}

/** repr() of a str, as Python writes it (one implementation, shared with the inventory CLI). */
export const reprString = pythonStrRepr;

/** repr() of bytes (`b'…'`), as Python's error messages quote a path. */
export const reprBytes = pythonBytesRepr;

/** Python repr(): how a value looks inside a rendered list or dict. */
export function pyRepr(value: unknown): string {
  if (value instanceof PyFloat) return value.toString();
  const v = plain(value);
  if (typeof v === 'string') return reprString(v);
  if (Array.isArray(v)) {
    const items = v.map(pyRepr).join(', ');
    switch (kindOf(v)) {
      case 'tuple': return v.length === 1 ? `(${items},)` : `(${items})`;
      // Ansible 2.14 prints dict views as the lists they hold.
      default: return `[${items}]`;
    }
  }
  return pyStr(v);
}

/** Python str(): how a value is rendered into template output. */
export function pyStr(value: unknown): string {
  if (value instanceof PyFloat) return value.toString();
  const v = plain(value);
  if (typeof v === 'string') return v;
  if (v === null || v === undefined) return 'None';
  if (v === true) return 'True';
  if (v === false) return 'False';
  if (typeof v === 'number') return Number.isInteger(v) ? String(v) : formatFloat(v);
  if (Array.isArray(v)) return pyRepr(v);
  if (isUndefined(v)) return (v as JinjaUndefined).fail();
  if (typeof v === 'function') return `<function ${v.name || 'anonymous'}>`;
  if (v instanceof Date) return v.toISOString().replace('T', ' ').replace('Z', '');
  if (isDict(v)) {
    return `{${Object.entries(v).map(([k, x]) => `${pyRepr(k)}: ${pyRepr(x)}`).join(', ')}}`;
  }
  return String(v);
}
