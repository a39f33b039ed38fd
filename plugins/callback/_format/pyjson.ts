/**
 * JSON text exactly as Python's `json.dumps(value, indent=…, sort_keys=…, ensure_ascii=False)`
 * writes it, which is what Ansible's callbacks print. The differences from JSON.stringify that
 * show on screen: `", "` and `": "` separators on one line, `indent=0` still breaking lines,
 * keys sorted by code point, NaN/Infinity spelled as Python does, exponents as `1e-05`.
 */
import { isVaultValue } from 'tsible';

export interface PyJsonOptions {
  /** null/undefined: one line. A number (0 included): one item per line, indented that much. */
  indent?: number | null;
  sortKeys?: boolean;
}

const ESCAPES: Record<string, string> = {
  '"': '\\"', '\\': '\\\\', '\n': '\\n', '\r': '\\r', '\t': '\\t', '\b': '\\b', '\f': '\\f',
};

export function pyString(text: string): string {
  // eslint-disable-next-line no-control-regex
  return `"${text.replace(/["\\\u0000-\u001f]/g, (c) => ESCAPES[c] ?? `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)}"`;
}

/** Python's float repr for the numbers JS can hold (integers print without `.0`: JS cannot tell). */
export function pyNumber(n: number): string {
  if (Number.isNaN(n)) return 'NaN';
  if (!Number.isFinite(n)) return n > 0 ? 'Infinity' : '-Infinity';
  // Integral numbers are printed as Python ints: JS cannot tell 3 from 3.0, and module data is mostly ints.
  if (Number.isInteger(n) && Math.abs(n) < 1e21) return BigInt(n).toString();
  const abs = Math.abs(n);
  if (abs !== 0 && (abs < 1e-4 || abs >= 1e16)) {
    const [mantissa, exp] = n.toExponential().split('e');
    const sign = exp.startsWith('-') ? '-' : '+';
    const digits = exp.replace(/^[+-]/, '').padStart(2, '0');
    return `${mantissa}e${sign}${digits}`;
  }
  return String(n);
}

/** Turns class instances into the plain data Python's encoder would see. */
export function toPlain(value: unknown): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (isVaultValue(value)) return { __ansible_vault: value.ciphertext };
  if (value instanceof Date) return value.toISOString();
  if (value instanceof Map) return Object.fromEntries(value);
  if (value instanceof Set) return [...value];
  if (Buffer.isBuffer(value)) return value.toString('utf8');
  const json = (value as { toJSON?: () => unknown }).toJSON;
  if (typeof json === 'function') return json.call(value);
  return value;
}

export function pyJson(value: unknown, options: PyJsonOptions = {}): string {
  const indent = options.indent ?? null;
  const sortKeys = options.sortKeys ?? true;
  const out: string[] = [];
  const seen = new Set<object>();

  const write = (raw: unknown, level: number): void => {
    const v = toPlain(raw);
    if (v === null || v === undefined) return void out.push('null');
    switch (typeof v) {
      case 'boolean': return void out.push(v ? 'true' : 'false');
      case 'number': return void out.push(pyNumber(v));
      case 'bigint': return void out.push(v.toString());
      case 'string': return void out.push(pyString(v));
      case 'object': break;
      default: return void out.push(pyString(String(v)));
    }
    if (seen.has(v as object)) throw new TypeError('Circular reference detected');
    seen.add(v as object);
    const isArray = Array.isArray(v);
    const entries: Array<[string | undefined, unknown]> = isArray
      ? (v as unknown[]).map((x) => [undefined, x])
      : Object.entries(v as Record<string, unknown>).filter(([, x]) => x !== undefined);
    if (!isArray && sortKeys) entries.sort(([a], [b]) => (a! < b! ? -1 : a! > b! ? 1 : 0));
    const [open, close] = isArray ? ['[', ']'] : ['{', '}'];
    if (entries.length === 0) {
      out.push(open + close);
    } else {
      const inner = indent === null ? '' : `\n${' '.repeat(indent * (level + 1))}`;
      const sep = indent === null ? ', ' : `,${inner}`;
      out.push(open + inner);
      entries.forEach(([key, item], i) => {
        if (i > 0) out.push(sep);
        if (key !== undefined) out.push(`${pyString(key)}: `);
        write(item, level + 1);
      });
      out.push(indent === null ? close : `\n${' '.repeat(indent * level)}${close}`);
    }
    seen.delete(v as object);
  };

  write(value, 0);
  return out.join('');
}
