/**
 * YAML text as PyYAML's `yaml.dump(data, default_flow_style=False, width=1000, allow_unicode=True)`
 * writes it with the block-literal rule of community.general's yaml callback: sorted keys,
 * sequences not indented under their key, strings quoted only when YAML 1.1 would read them as
 * something else, multi-line strings as `|-` blocks.
 */
import { pyNumber, toPlain } from './pyjson.js';
import { expandTabs } from './textwrap.js';

const RESOLVES_TO_OTHER_TYPE = [
  /^(?:yes|Yes|YES|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF)$/,
  /^(?:[-+]?(?:[0-9][0-9_]*)\.[0-9_]*(?:[eE][-+][0-9]+)?|\.[0-9_]+(?:[eE][-+][0-9]+)?|[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\.[0-9_]*|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$/,
  /^(?:[-+]?0b[0-1_]+|[-+]?0[0-7_]+|[-+]?(?:0|[1-9][0-9_]*)|[-+]?0x[0-9a-fA-F_]+|[-+]?[1-9][0-9_]*(?::[0-5]?[0-9])+)$/,
  /^(?:<<|~|null|Null|NULL|=)$/,
  /^(?:[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]|[0-9][0-9][0-9][0-9]-[0-9][0-9]?-[0-9][0-9]?(?:[Tt]|[ \t]+)[0-9][0-9]?:[0-9][0-9]:[0-9][0-9](?:\.[0-9]*)?(?:[ \t]*(?:Z|[-+][0-9][0-9]?(?::[0-9][0-9])?))?)$/,
];

// eslint-disable-next-line no-control-regex
const SPECIAL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u0084\u0086-\u009f\ud800-\udfff\ufffe\uffff]/;
const BREAKS = /[\n\r\u001c\u001d\u001e\u0085\u2028\u2029]/;

function canBePlain(s: string): boolean {
  if (s === '' || s !== s.trim() || BREAKS.test(s) || SPECIAL.test(s)) return false;
  if (/^[#,[\]{}&*!|>'"%@`]/.test(s) || /^[-?:](\s|$)/.test(s) || /^(---|\.\.\.)/.test(s)) return false;
  if (/:(\s|$)/.test(s) || /\s#/.test(s) || s.includes('\t')) return false;
  return !RESOLVES_TO_OTHER_TYPE.some((re) => re.test(s));
}

function singleQuoted(s: string): string {
  return `'${s.replace(/'/g, "''")}'`;
}

function doubleQuoted(s: string): string {
  return `"${s.replace(/[\\"\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, (c) => {
    const named: Record<string, string> = { '\\': '\\\\', '"': '\\"', '\n': '\\n', '\t': '\\t', '\r': '\\r', '\0': '\\0', '\u0007': '\\a', '\b': '\\b', '\u001b': '\\e', '\f': '\\f', '\v': '\\v', '\u0085': '\\N', '\u2028': '\\L', '\u2029': '\\P' };
    return named[c] ?? `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`;
  })}"`;
}

/** The community.general.yaml cleaning of multi-line text before it becomes a `|` block. */
function blockText(value: string): string {
  return expandTabs(value.trimEnd().replace(/[^\x20-\x7e\t\n\r\v\f\u00a0-\uffff]/g, ''))
    .replace(/[\v\f\r]/g, '').replace(/ +\n/g, '\n');
}

function scalar(value: unknown, indent: number, asKey: boolean): string {
  const v = toPlain(value);
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (typeof v === 'number') return Number.isInteger(v) ? String(v) : pyNumber(v).replace(/^(-?)Infinity$/, '$1.inf').replace('NaN', '.nan');
  const s = String(v);
  if (!asKey && BREAKS.test(s)) {
    const text = blockText(s);
    if (!SPECIAL.test(text)) {
      const pad = ' '.repeat(indent + 2);
      const hint = text.startsWith(' ') ? '2' : '';
      return `|${hint}-\n${text.split('\n').map((l) => (l ? pad + l : '')).join('\n')}`;
    }
  }
  if (canBePlain(s)) return s;
  if (!SPECIAL.test(s) && !BREAKS.test(s)) return singleQuoted(s);
  return doubleQuoted(s);
}

function isCollection(v: unknown): v is Record<string, unknown> | unknown[] {
  return v !== null && typeof v === 'object';
}

function emit(value: unknown, indent: number, out: string[]): void {
  const v = toPlain(value);
  const pad = ' '.repeat(indent);
  if (Array.isArray(v)) {
    for (const item of v) {
      const plain = toPlain(item);
      if (isCollection(plain) && Object.keys(plain).length) {
        const sub: string[] = [];
        emit(plain, indent + 2, sub);
        out.push(`${pad}- ${sub[0].slice(indent + 2)}`, ...sub.slice(1));
      } else {
        out.push(`${pad}- ${inline(plain, indent)}`);
      }
    }
    return;
  }
  const obj = v as Record<string, unknown>;
  for (const key of Object.keys(obj).sort()) {
    const item = toPlain(obj[key]);
    if (item === undefined) continue;
    if (isCollection(item) && Object.keys(item).length) {
      out.push(`${pad}${scalar(key, indent, true)}:`);
      emit(item, Array.isArray(item) ? indent : indent + 2, out);
    } else {
      out.push(`${pad}${scalar(key, indent, true)}: ${inline(item, indent)}`);
    }
  }
}

function inline(v: unknown, indent: number): string {
  if (Array.isArray(v)) return '[]';
  if (v !== null && typeof v === 'object') return '{}';
  return scalar(v, indent, false);
}

export function pyYaml(value: unknown): string {
  const v = toPlain(value);
  if (!isCollection(v)) return `${scalar(v, 0, false)}\n${typeof v === 'string' && canBePlain(v) ? '...\n' : ''}`;
  if (!Object.keys(v).length) return Array.isArray(v) ? '[]\n' : '{}\n';
  const out: string[] = [];
  emit(v, 0, out);
  return `${out.join('\n')}\n`;
}
