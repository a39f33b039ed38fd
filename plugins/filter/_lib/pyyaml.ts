/**
 * yaml.dump as Ansible's to_yaml / to_nice_yaml call it: keys sorted, `default_flow_style=None`
 * (collections holding only scalars in flow style) or `False` (block style), PyYAML's indentless
 * sequences in mappings, and PyYAML's quoting of strings that would read back as another type.
 */
import { isDict, plain } from 'tsible';

export interface YamlDumpOptions {
  indent?: number;
  /** null: flow style for collections of scalars only (PyYAML's default); false: block style. */
  flow?: boolean | null;
  sortKeys?: boolean;
  width?: number;
}

const RESOLVES_TO_OTHER = [
  /^(?:yes|Yes|YES|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF|y|Y|n|N)$/,
  /^(?:~|null|Null|NULL)$/,
  /^[-+]?(?:0b[0-1_]+|0[0-7_]+|(?:0|[1-9][0-9_]*)|0x[0-9a-fA-F_]+|[1-9][0-9_]*(?::[0-5]?[0-9])+)$/,
  /^(?:[-+]?(?:[0-9][0-9_]*)\.[0-9_]*(?:[eE][-+][0-9]+)?|\.[0-9_]+(?:[eE][-+][0-9]+)?|[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\.[0-9_]*|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$/,
  /^\d{4}-\d\d?-\d\d?(?:(?:[Tt]|[ \t]+)\d\d?:\d\d:\d\d(?:\.\d*)?(?:[ \t]*(?:Z|[-+]\d\d?(?::\d\d)?))?)?$/,
  /^(?:<<|=)$/,
];

function isScalar(v: unknown): boolean {
  return !Array.isArray(v) && !isDict(v);
}

function plainAllowed(s: string, inFlow: boolean): boolean {
  if (s === '' || s !== s.trim() || /[\n\r\t\x00-\x08\x7f-\x9f]/.test(s)) return false;
  if (/^[-?:,[\]{}#&*!|>'"%@`]/.test(s) && !(/^[-?:][^\s]/.test(s) && !/^[-?:][,[\]{}]/.test(s))) return false;
  if (s.includes(': ') || s.includes(' #') || s.endsWith(':')) return false;
  if (inFlow && /[,[\]{}]/.test(s)) return false;
  return !RESOLVES_TO_OTHER.some((re) => re.test(s));
}

function scalar(v: unknown, inFlow: boolean): string {
  v = plain(v);
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (typeof v === 'number') {
    if (Number.isNaN(v)) return '.nan';
    if (!Number.isFinite(v)) return v > 0 ? '.inf' : '-.inf';
    return String(v);
  }
  const s = typeof v === 'string' ? v : String(v);
  if (plainAllowed(s, inFlow)) return s;
  if (/[\n\r\t\x00-\x08\x7f-\x9f]/.test(s) || s !== s.trim() && /\n/.test(s)) return JSON.stringify(s);
  return `'${s.replace(/'/g, "''")}'`;
}

function keysOf(obj: Record<string, unknown>, sort: boolean): string[] {
  const keys = Object.keys(obj);
  return sort ? keys.sort() : keys;
}

function flow(v: unknown, opts: Required<YamlDumpOptions>): string {
  v = plain(v);
  if (Array.isArray(v)) return `[${v.map((x) => flow(x, opts)).join(', ')}]`;
  if (isDict(v)) return `{${keysOf(v, opts.sortKeys).map((k) => `${scalar(k, true)}: ${flow(v[k], opts)}`).join(', ')}}`;
  return scalar(v, true);
}

function useFlow(v: unknown, opts: Required<YamlDumpOptions>): boolean {
  const items = Array.isArray(v) ? v : Object.values(v as object);
  if (!items.length) return true;
  return opts.flow === true || (opts.flow === null && items.every((x) => isScalar(plain(x))));
}

/** Lines of a block collection at column `col`. */
function block(v: unknown, col: number, opts: Required<YamlDumpOptions>): string[] {
  const pad = ' '.repeat(col);
  const out: string[] = [];
  if (Array.isArray(v)) {
    for (const item of v.map(plain)) {
      if (isScalar(item) || useFlow(item, opts)) {
        out.push(`${pad}- ${isScalar(item) ? scalar(item, false) : flow(item, opts)}`);
      } else {
        const inner = block(item, col + opts.indent, opts);
        inner[0] = `${pad}-${' '.repeat(opts.indent - 1)}${inner[0].slice(col + opts.indent)}`;
        out.push(...inner);
      }
    }
    return out;
  }
  const obj = v as Record<string, unknown>;
  for (const k of keysOf(obj, opts.sortKeys)) {
    const item = plain(obj[k]);
    const key = scalar(k, false);
    if (isScalar(item)) out.push(`${pad}${key}: ${scalar(item, false)}`);
    else if (useFlow(item, opts)) out.push(`${pad}${key}: ${flow(item, opts)}`);
    else {
      out.push(`${pad}${key}:`);
      out.push(...block(item, Array.isArray(item) ? col : col + opts.indent, opts));
    }
  }
  return out;
}

export function pyYamlDump(value: unknown, options: YamlDumpOptions = {}): string {
  const opts: Required<YamlDumpOptions> = { indent: 2, flow: null, sortKeys: true, width: 80, ...options };
  const v = plain(value);
  if (isScalar(v)) return `${scalar(v, false)}\n...\n`;
  if (useFlow(v, opts)) return `${flow(v, opts)}\n`;
  return `${block(v, 0, opts).join('\n')}\n`;
}
