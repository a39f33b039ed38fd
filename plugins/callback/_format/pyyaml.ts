/**
 * YAML text as PyYAML's `yaml.dump(data, default_flow_style=False, allow_unicode=True)` writes it,
 * with the multi-line string rule of the dumper in use: sorted keys, sequences not indented under
 * their key, strings quoted only when YAML 1.1 would read them as something else, long plain and
 * single-quoted strings folded at the width, multi-line strings as `|-` blocks.
 *
 * Two dumpers are reproduced: Ansible's own (`result_format: yaml` of the default callback,
 * width 80, `lossy` cleaning) and community.general.yaml's (width 1000, its own cleaning).
 */
import { expandTabs } from 'tsible';
import { pyNumber, toPlain } from './pyjson.js';

export interface PyYamlOptions {
  /** Spaces per level (PyYAML accepts 2 to 9; anything else means 2). */
  indent?: number;
  /** Column after which long scalars are folded. */
  width?: number;
  /** How multi-line strings are cleaned so they can be `|` blocks ('none': kept as they are). */
  blocks?: 'ansible' | 'community' | 'none';
}

const RESOLVES_TO_OTHER_TYPE = [
  /^(?:yes|Yes|YES|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF)$/,
  /^(?:[-+]?(?:[0-9][0-9_]*)\.[0-9_]*(?:[eE][-+][0-9]+)?|\.[0-9_]+(?:[eE][-+][0-9]+)?|[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\.[0-9_]*|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$/,
  /^(?:[-+]?0b[0-1_]+|[-+]?0[0-7_]+|[-+]?(?:0|[1-9][0-9_]*)|[-+]?0x[0-9a-fA-F_]+|[-+]?[1-9][0-9_]*(?::[0-5]?[0-9])+)$/,
  /^(?:<<|~|null|Null|NULL|=)$/,
  /^(?:[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]|[0-9][0-9][0-9][0-9]-[0-9][0-9]?-[0-9][0-9]?(?:[Tt]|[ \t]+)[0-9][0-9]?:[0-9][0-9]:[0-9][0-9](?:\.[0-9]*)?(?:[ \t]*(?:Z|[-+][0-9][0-9]?(?::[0-9][0-9])?))?)$/,
];

// eslint-disable-next-line no-control-regex
const SPECIAL = /[\u0000-\u0009\u000b\u000c\u000e-\u001f\u007f-\u0084\u0086-\u009f\ud800-\udfff\ufeff\ufffe\uffff]/;
const BREAKS = /[\n\r\u001c\u001d\u001e\u0085\u2028\u2029]/;
const ANSIBLE_BREAKS = /[\n\u0085\u2028\u2029]/;

function canBePlain(s: string): boolean {
  if (s === '' || s !== s.trim() || BREAKS.test(s) || SPECIAL.test(s)) return false;
  if (/^[#,[\]{}&*!|>'"%@`]/.test(s) || /^[-?:](\s|$)/.test(s) || /^(---|\.\.\.)/.test(s)) return false;
  if (/:(\s|$)/.test(s) || /\s#/.test(s) || s.includes('\t')) return false;
  return !RESOLVES_TO_OTHER_TYPE.some((re) => re.test(s));
}

function doubleQuoted(s: string): string {
  return `"${s.replace(/[\\"\u0000-\u001f\u007f-\u009f\u2028\u2029\ufeff]|[\ud800-\udbff][\udc00-\udfff]/g, (c) => {
    if (c.length === 2) return `\\U${c.codePointAt(0)!.toString(16).toUpperCase().padStart(8, '0')}`;
    const named: Record<string, string> = { '\\': '\\\\', '"': '\\"', '\n': '\\n', '\t': '\\t', '\r': '\\r', '\0': '\\0', '\u0007': '\\a', '\b': '\\b', '\u001b': '\\e', '\f': '\\f', '\v': '\\v', '\u0085': '\\N', '\u2028': '\\L', '\u2029': '\\P' };
    return named[c] ?? (c.charCodeAt(0) > 0xff ? `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}` : `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
  })}"`;
}

/** Multi-line text made fit for a `|` block, as each dumper does it. */
function blockText(value: string, blocks: 'ansible' | 'community' | 'none'): string {
  if (blocks === 'none') return value;
  if (blocks === 'community') {
    return expandTabs(value.trimEnd().replace(/[^\x20-\x7e\t\n\r\v\f\u00a0-\uffff]/gu, ''))
      .replace(/[\v\f\r]/g, '').replace(/ +\n/g, '\n');
  }
  const kept = [...expandTabs(value.trimEnd())].filter((ch) => {
    const c = ch.codePointAt(0)!;
    return (c === 10 || (c >= 32 && c <= 126) || c === 133 || (c >= 160 && c <= 55295) || (c >= 57344 && c <= 65533) || c >= 65536) && c !== 65279;
  }).join('');
  return kept.replace(/ +([\n\u0085\u2028\u2029])/g, '$1');
}

class Emitter {
  readonly out: string[] = [];
  private line = '';

  constructor(readonly indent: number, readonly width: number, readonly blocks: 'ansible' | 'community' | 'none') {}

  write(text: string): void {
    this.line += text;
  }

  newline(spaces: number): void {
    this.out.push(this.line);
    this.line = ' '.repeat(spaces);
  }

  get column(): number {
    return this.line.length;
  }

  finish(): string {
    if (this.line !== '') this.out.push(this.line);
    return `${this.out.join('\n')}\n`;
  }

  /** Writes words separated by single spaces, breaking at such a space once past the width (PyYAML's rule). */
  folded(text: string, contIndent: number, quoted: boolean): void {
    const parts = text.split(/(?<! ) (?! )/);
    parts.forEach((part, i) => {
      if (i > 0) {
        // A quoted string never breaks at a leading or trailing space.
        const edge = quoted && ((i === 1 && parts[0] === '') || (i === parts.length - 1 && part === ''));
        if (this.column > this.width && !edge) this.newline(contIndent);
        else this.write(' ');
      }
      this.write(part);
    });
  }

  scalar(value: unknown, level: number, isKey: boolean): void {
    const v = toPlain(value);
    if (v === null || v === undefined) return this.write('null');
    if (typeof v === 'boolean') return this.write(v ? 'true' : 'false');
    if (typeof v === 'number') {
      return this.write(Number.isInteger(v) ? String(v) : pyNumber(v).replace(/^(-?)Infinity$/, '$1.inf').replace('NaN', '.nan'));
    }
    let s = String(v);
    const breaks = this.blocks === 'community' ? BREAKS : ANSIBLE_BREAKS;
    if (!isKey && breaks.test(s)) {
      // The cleaned text is what the dumper holds, even when it cannot be a block after all.
      s = blockText(s, this.blocks);
      if (!SPECIAL.test(s) && !/ (\n|$)/.test(s)) return this.block(s, level);
    }
    const cont = level + this.indent;
    if (canBePlain(s)) return isKey ? this.write(s) : this.folded(s, cont, false);
    if (!SPECIAL.test(s) && !BREAKS.test(s) && !/\n /.test(s)) {
      this.write("'");
      if (isKey) this.write(s.replace(/'/g, "''"));
      else this.folded(s.replace(/'/g, "''"), cont, true);
      return this.write("'");
    }
    this.write(doubleQuoted(s));
  }

  private block(text: string, level: number): void {
    const hint = /^[ \n\u0085\u2028\u2029]/.test(text) ? String(this.indent) : '';
    const chomp = /[\n\u0085\u2028\u2029]$/.test(text) ? (text.length === 1 || /[\n\u0085\u2028\u2029]{2}$/.test(text) ? '+' : '') : '-';
    this.write(`|${hint}${chomp}`);
    for (const l of text.replace(/\n$/, '').split('\n')) {
      this.newline(0);
      if (l) this.write(' '.repeat(level + this.indent) + l);
    }
  }
}

function isNonEmptyCollection(v: unknown): v is Record<string, unknown> | unknown[] {
  return v !== null && typeof v === 'object' && Object.keys(v).length > 0;
}

function inline(e: Emitter, v: unknown, level: number): void {
  if (Array.isArray(v)) return e.write('[]');
  if (v !== null && typeof v === 'object') return e.write('{}');
  e.scalar(v, level, false);
}

/** Emits `value` whose first line continues the current one (after `- ` or at the start). */
function node(e: Emitter, value: unknown, level: number, first: boolean): void {
  const v = toPlain(value);
  if (Array.isArray(v)) {
    v.forEach((raw, i) => {
      if (i > 0 || !first) e.newline(level);
      const item = toPlain(raw);
      if (isNonEmptyCollection(item)) {
        e.write('-'.padEnd(e.indent, ' '));
        node(e, item, level + e.indent, true);
      } else {
        e.write('- ');
        inline(e, item, level);
      }
    });
    return;
  }
  const obj = v as Record<string, unknown>;
  Object.keys(obj).sort().filter((k) => toPlain(obj[k]) !== undefined).forEach((key, i) => {
    if (i > 0 || !first) e.newline(level);
    e.scalar(key, level, true);
    e.write(':');
    const item = toPlain(obj[key]);
    if (isNonEmptyCollection(item)) {
      node(e, item, Array.isArray(item) ? level : level + e.indent, false);
    } else {
      e.write(' ');
      inline(e, item, level);
    }
  });
}

export function pyYaml(value: unknown, options: PyYamlOptions = {}): string {
  const indent = options.indent !== undefined && options.indent > 1 && options.indent < 10 ? options.indent : 2;
  const e = new Emitter(indent, options.width ?? 1000, options.blocks ?? 'community');
  const v = toPlain(value);
  if (!isNonEmptyCollection(v)) {
    inline(e, v, 0);
    const plainString = typeof v === 'string' && canBePlain(v);
    return `${e.finish()}${plainString ? '...\n' : ''}`;
  }
  node(e, v, 0, true);
  return e.finish();
}
