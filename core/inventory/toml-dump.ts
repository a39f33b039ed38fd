import { TsibleError } from '../errors.js';
import { pythonFloatRepr } from './python-repr.js';

/**
 * TOML output byte-compatible with the Python `toml` 0.10 encoder that ansible-inventory uses:
 * scalar keys first, sub-tables breadth-first as `[a.b]` sections, arrays as `[ 1, 2,]`,
 * lists of tables as `[[a.b]]`, null values left out. Maps keep insertion order.
 */
type Table = Map<string, unknown> | Record<string, unknown>;

function isTable(v: unknown): v is Table {
  return v instanceof Map || (typeof v === 'object' && v !== null && !Array.isArray(v) && v.constructor === Object);
}

function entries(t: Table): [string, unknown][] {
  return t instanceof Map ? [...t.entries()] : Object.entries(t);
}

export function tomlString(text: string): string {
  let out = '"';
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    if (ch === '\\') out += '\\\\';
    else if (ch === '"') out += '\\"';
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (code < 0x20 || code === 0x7f) out += `\\u${code.toString(16).padStart(4, '0')}`;
    else out += ch;
  }
  return `${out}"`;
}

function tomlKey(key: string): string {
  return /^[A-Za-z0-9_-]+$/.test(key) ? key : tomlString(key);
}

function tomlValue(v: unknown): string {
  if (typeof v === 'boolean') return String(v);
  if (typeof v === 'number') return Number.isInteger(v) && Math.abs(v) < 1e16 ? String(v) : pythonFloatRepr(v).replace('e+0', 'e+').replace('e-0', 'e-');
  if (Array.isArray(v)) return `[${v.map((u) => ` ${tomlValue(u)},`).join('')}]`;
  if (isTable(v)) return `[${entries(v).map(([k]) => ` ${tomlString(k)},`).join('')}]`;
  if (v === null || v === undefined) return '"None"';
  return tomlString(String(v));
}

/** One table's own lines (values, then arrays of tables) and its sub-tables for a later pass. */
function dumpSection(table: Table, path: string): { text: string; sub: Map<string, Table> } {
  const prefix = path === '' ? '' : `${path}.`;
  let text = '';
  let arrays = '';
  const sub = new Map<string, Table>();
  for (const [rawKey, value] of entries(table)) {
    const key = tomlKey(rawKey);
    if (isTable(value)) sub.set(key, value);
    else if (Array.isArray(value) && value.some(isTable)) {
      if (!value.every(isTable)) {
        // Python's encoder fails the same way on a list mixing tables and other values.
        throw new TsibleError('TSIBLE_INVENTORY',
          `The source inventory contains a value that cannot be represented in TOML: '${rawKey}' mixes tables and other values`);
      }
      arrays += arrayOfTables(value as Table[], `${prefix}${key}`);
    }
    else if (value !== null && value !== undefined) text += `${key} = ${tomlValue(value)}\n`;
  }
  return { text: text + arrays, sub };
}

function arrayOfTables(items: Table[], path: string): string {
  let out = '';
  for (const item of items) {
    let tail = '\n';
    out += `[[${path}]]\n`;
    const first = dumpSection(item, path);
    if (first.text.startsWith('[')) tail += first.text;
    else out += first.text;
    let level = first.sub;
    while (level.size) {
      const next = new Map<string, Table>();
      for (const [name, t] of level) {
        const s = dumpSection(t, `${path}.${name}`);
        if (s.text) tail += `[${path}.${name}]\n${s.text}`;
        for (const [k, v] of s.sub) next.set(`${name}.${k}`, v);
      }
      level = next;
    }
    out += tail;
  }
  return out;
}

export function dumpToml(data: Table): string {
  const root = dumpSection(data, '');
  let out = root.text;
  let level = root.sub;
  while (level.size) {
    const next = new Map<string, Table>();
    for (const [name, table] of level) {
      const s = dumpSection(table, name);
      if (s.text || s.sub.size === 0) {
        if (out && !out.endsWith('\n\n')) out += '\n';
        out += `[${name}]\n${s.text}`;
      }
      for (const [k, v] of s.sub) next.set(`${name}.${k}`, v);
    }
    level = next;
  }
  return out;
}
