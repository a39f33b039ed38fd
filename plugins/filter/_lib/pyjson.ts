/** Python's json.dumps output format (separators, ensure_ascii, sort_keys, indent). */
import { PyFloat, isDict, isLazyMapping, materialize, plain } from 'tsible';

export interface DumpOptions {
  indent?: number | null;
  sortKeys?: boolean;
  ensureAscii?: boolean;
  separators?: [string, string];
}

function quote(s: string, ensureAscii: boolean): string {
  const json = JSON.stringify(s);
  if (!ensureAscii) return json;
  return json.replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

export function pyJsonDumps(value: unknown, options: DumpOptions = {}): string {
  const indent = options.indent ?? null;
  const [itemSep, keySep] = options.separators ?? (indent === null ? [', ', ': '] : [',', ': ']);
  const ascii = options.ensureAscii ?? true;
  const walk = (v: unknown, depth: number): string => {
    if (v instanceof PyFloat) return v.toString();
    v = plain(v);
    if (isLazyMapping(v)) v = materialize(v);
    if (v !== null && typeof v === 'object' && typeof (v as { toJSON?: unknown }).toJSON === 'function') {
      v = (v as { toJSON(): unknown }).toJSON();
    }
    if (v === null || v === undefined) return 'null';
    if (typeof v === 'boolean') return v ? 'true' : 'false';
    if (typeof v === 'number') return Number.isFinite(v) ? String(v) : Number.isNaN(v) ? 'NaN' : v > 0 ? 'Infinity' : '-Infinity';
    if (typeof v === 'string') return quote(v, ascii);
    const pad = indent === null ? '' : '\n' + ' '.repeat(indent * (depth + 1));
    const end = indent === null ? '' : '\n' + ' '.repeat(indent * depth);
    if (Array.isArray(v)) {
      if (!v.length) return '[]';
      return `[${pad}${v.map((x) => walk(x, depth + 1)).join(itemSep + pad)}${end}]`;
    }
    if (isDict(v) || typeof v === 'object') {
      let keys = Object.keys(v as object);
      if (!keys.length) return '{}';
      if (options.sortKeys) keys = keys.sort();
      const items = keys.map((k) => `${quote(k, ascii)}${keySep}${walk((v as Record<string, unknown>)[k], depth + 1)}`);
      return `{${pad}${items.join(itemSep + pad)}${end}}`;
    }
    return quote(String(v), ascii);
  };
  return walk(value, 0);
}
