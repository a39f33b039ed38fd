/**
 * Python string formatting: `'%s-%d' % (a, b)` (printf style, also the `format` filter) and
 * `'{}-{name}'.format(a, name=b)`.
 */
import { PyFloat, PyTypeError, PyValueError, formatFloat, isDict, kindOf, plain, pyRepr, pyStr, pyTypeName } from './python.js';

const PERCENT = /%(?:\(([^)]*)\))?([-+ #0]*)(\*|\d+)?(?:\.(\*|\d+))?([diouxXeEfFgGcrsa%])/g;

function toNumber(value: unknown, conv: string): number {
  const v = plain(value);
  if (typeof v === 'number') return v;
  if (typeof v === 'boolean') return v ? 1 : 0;
  throw new PyTypeError(`%${conv} format: a real number is required, not ${pyTypeName(value)}`);
}

function pad(text: string, flags: string, width: number | undefined, numeric: boolean): string {
  if (width === undefined || text.length >= width) return text;
  if (flags.includes('-')) return text.padEnd(width);
  if (numeric && flags.includes('0')) {
    const sign = /^[-+ ]/.test(text) ? text[0] : '';
    return sign + text.slice(sign.length).padStart(width - sign.length, '0');
  }
  return text.padStart(width);
}

function signed(n: number, body: string, flags: string): string {
  if (n < 0 || Object.is(n, -0)) return `-${body}`;
  if (flags.includes('+')) return `+${body}`;
  if (flags.includes(' ')) return ` ${body}`;
  return body;
}

function formatOne(value: unknown, flags: string, precision: number | undefined, conv: string): string {
  switch (conv) {
    case 's': { const s = pyStr(value); return precision === undefined ? s : s.slice(0, precision); }
    case 'r': case 'a': return pyRepr(value);
    case 'c': { const v = plain(value); return typeof v === 'number' ? String.fromCodePoint(v) : String(v); }
    case 'd': case 'i': case 'u': {
      const n = Math.trunc(toNumber(value, conv));
      return signed(n, String(Math.abs(n)), flags);
    }
    case 'x': case 'X': case 'o': {
      const n = Math.trunc(toNumber(value, conv));
      let body = Math.abs(n).toString(conv === 'o' ? 8 : 16);
      if (conv === 'X') body = body.toUpperCase();
      if (flags.includes('#')) body = (conv === 'o' ? '0o' : conv === 'x' ? '0x' : '0X') + body;
      return signed(n, body, flags);
    }
    case 'f': case 'F': {
      const n = toNumber(value, conv);
      return signed(n, Math.abs(n).toFixed(precision ?? 6), flags);
    }
    case 'e': case 'E': {
      const n = toNumber(value, conv);
      let body = Math.abs(n).toExponential(precision ?? 6).replace(/e([+-])(\d)$/, 'e$10$2');
      if (conv === 'E') body = body.toUpperCase();
      return signed(n, body, flags);
    }
    case 'g': case 'G': {
      const n = toNumber(value, conv);
      const body = formatFloat(Number(Math.abs(n).toPrecision(precision || 6)));
      return signed(n, conv === 'G' ? body.toUpperCase() : body, flags);
    }
    default: return '%';
  }
}

/** `format % args`: args is a tuple (array), a mapping (for `%(name)s`) or a single value. */
export function percentFormat(format: string, args: unknown): string {
  const a = args instanceof PyFloat ? args : plain(args);
  const isTuple = Array.isArray(a) && kindOf(a) === 'tuple';
  const positional = isTuple ? (a as unknown[]) : [a];
  let next = 0;
  const take = (): unknown => {
    if (next >= positional.length) throw new PyTypeError('not enough arguments for format string');
    return positional[next++];
  };
  const out = format.replace(PERCENT, (_m, key: string | undefined, flags: string, width?: string, prec?: string, conv?: string) => {
    if (conv === '%') return '%';
    const w = width === '*' ? Number(take()) : width === undefined ? undefined : Number(width);
    const p = prec === '*' ? Number(take()) : prec === undefined ? undefined : Number(prec);
    let value: unknown;
    if (key !== undefined) {
      if (!isDict(a)) throw new PyTypeError('format requires a mapping');
      if (!(key in a)) throw new PyValueError(`KeyError: '${key}'`);
      value = a[key];
    } else {
      value = take();
    }
    return pad(formatOne(value, flags, p, conv!), flags, w, !'sr'.includes(conv!));
  });
  if (isTuple && next < positional.length) {
    throw new PyTypeError('not all arguments converted during string formatting');
  }
  return out;
}

const FIELD = /\{\{|\}\}|\{([^{}!:]*)(?:!([rsa]))?(?::([^{}]*))?\}/g;
const SPEC = /^(?:(.)?([<>^=]))?([-+ ])?(#)?(0)?(\d+)?([,_])?(?:\.(\d+))?([bcdeEfFgGnosxX%])?$/;

function applySpec(value: unknown, spec: string): string {
  const m = SPEC.exec(spec);
  if (!m) throw new PyValueError(`Invalid format specifier '${spec}'`);
  const [, fill = ' ', align, sign = '', , zero, width, group, prec, type] = m;
  const v = plain(value);
  let text: string;
  const isNum = typeof v === 'number' || typeof v === 'boolean';
  if (type && 'eEfFgGdxXobn%'.includes(type)) {
    const n = toNumber(v, type);
    if (type === '%') text = `${(n * 100).toFixed(prec ? Number(prec) : 6)}%`;
    else if (type === 'd' || type === 'n') text = String(Math.trunc(n));
    else if (type === 'b') text = Math.trunc(n).toString(2);
    else text = formatOne(n, sign, prec === undefined ? undefined : Number(prec), type === 'n' ? 'd' : type);
    if (group) text = text.replace(/^(-?\d+)/, (d) => d.replace(/\B(?=(\d{3})+(?!\d))/g, group));
  } else {
    text = prec !== undefined && !isNum ? pyStr(v).slice(0, Number(prec)) : pyStr(v);
    if (prec !== undefined && typeof v === 'number') text = v.toFixed(Number(prec));
  }
  const w = width ? Number(width) : 0;
  if (text.length >= w) return text;
  const effAlign = align ?? (zero ? '=' : isNum ? '>' : '<');
  const f = zero && !align ? '0' : fill;
  const gap = w - text.length;
  switch (effAlign) {
    case '<': return text + f.repeat(gap);
    case '^': return f.repeat(Math.floor(gap / 2)) + text + f.repeat(Math.ceil(gap / 2));
    case '=': { const s = /^[-+ ]/.test(text) ? text[0] : ''; return s + f.repeat(gap) + text.slice(s.length); }
    default: return f.repeat(gap) + text;
  }
}

/** Python `str.format(*args, **kwargs)`. */
export function strFormat(format: string, args: unknown[], kwargs: Record<string, unknown>): string {
  let auto = 0;
  return format.replace(FIELD, (m, field: string | undefined, conv?: string, spec?: string) => {
    if (m === '{{') return '{';
    if (m === '}}') return '}';
    const [head, ...path] = (field ?? '').split(/\.|\[/);
    let value: unknown = head === '' ? args[auto++] : /^\d+$/.test(head) ? args[Number(head)] : kwargs[head];
    for (const part of path) {
      const key = part.replace(/\]$/, '');
      value = (value as Record<string, unknown>)?.[key];
    }
    if (value === undefined) throw new PyValueError(`IndexError: Replacement index ${head} out of range`);
    if (conv === 'r') value = pyRepr(value);
    return spec ? applySpec(value, spec) : pyStr(value);
  });
}
