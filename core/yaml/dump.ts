import { UnsafeText, VaultValue } from '../values.js';
import { chooseStyle, doubleQuoted, pythonFloat } from './dump-scalar.js';

/**
 * YAML output as Ansible's to_yaml / to_nice_yaml print it with PyYAML: keys sorted, block style,
 * sequences in mappings not indented, and (to_yaml) collections of scalars in flow style.
 */
const WIDTH = 80;

type Mapping = Record<string, unknown>;

function isMapping(v: unknown): v is Mapping {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof UnsafeText) && !(v instanceof VaultValue);
}

function isCollection(v: unknown): v is Mapping | unknown[] {
  return Array.isArray(v) || isMapping(v);
}

function sortedKeys(map: Mapping): string[] {
  return Object.keys(map).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

class Emitter {
  out = '';
  column = 0;

  constructor(private readonly step: number, private readonly autoFlow: boolean) {}

  write(text: string): void {
    this.out += text;
    const nl = text.lastIndexOf('\n');
    this.column = nl < 0 ? this.column + text.length : text.length - nl - 1;
  }

  newline(indent: number): void {
    this.out += `\n${' '.repeat(indent)}`;
    this.column = indent;
  }

  /** PyYAML writes a collection in flow style when every child is a scalar (default_flow_style=None). */
  private flowStyle(v: Mapping | unknown[]): boolean {
    const children = Array.isArray(v) ? v : Object.values(v);
    if (children.length === 0) return true;
    return this.autoFlow && children.every((c) => !isCollection(c) && !(c instanceof VaultValue));
  }

  node(v: unknown, indent: number, inFlow = false): void {
    if (isCollection(v) && (inFlow || this.flowStyle(v))) this.flow(v, indent + this.step);
    else if (Array.isArray(v)) this.blockSequence(v, indent);
    else if (isMapping(v)) this.blockMapping(v, indent);
    else this.scalar(v, indent + this.step, inFlow, false);
  }

  private blockMapping(map: Mapping, indent: number): void {
    sortedKeys(map).forEach((key, i) => {
      if (i > 0) this.newline(indent);
      this.scalar(key, indent + this.step, false, true);
      this.write(':');
      const value = map[key];
      if (isCollection(value) && !this.flowStyle(value)) {
        if (Array.isArray(value)) this.newline(indent);
        else this.newline(indent + this.step);
        this.node(value, Array.isArray(value) ? indent : indent + this.step);
      } else {
        this.write(' ');
        this.node(value, indent);
      }
    });
  }

  private blockSequence(items: unknown[], indent: number): void {
    items.forEach((item, i) => {
      if (i > 0) this.newline(indent);
      if (isCollection(item) && !this.flowStyle(item)) {
        this.write(`-${' '.repeat(this.step - 1)}`);
        this.node(item, indent + this.step);
      } else {
        this.write('- ');
        this.node(item, indent);
      }
    });
  }

  private flow(v: Mapping | unknown[], flowIndent: number): void {
    const isSeq = Array.isArray(v);
    const entries = isSeq ? v.map((item) => [undefined, item] as const) : sortedKeys(v).map((k) => [k, v[k]] as const);
    this.write(isSeq ? '[' : '{');
    entries.forEach(([key, value], i) => {
      if (i > 0) {
        this.write(',');
        if (this.column > WIDTH) this.newline(flowIndent);
        else this.write(' ');
      }
      if (key !== undefined) {
        this.scalar(key, flowIndent + this.step, true, true);
        this.write(': ');
      }
      this.node(value, flowIndent, true);
    });
    this.write(isSeq ? ']' : '}');
  }

  scalar(v: unknown, continuation: number, inFlow: boolean, isKey: boolean): void {
    if (v === null || v === undefined) this.write('null');
    else if (typeof v === 'boolean') this.write(v ? 'true' : 'false');
    else if (typeof v === 'number') this.write(pythonFloat(v));
    else if (typeof v === 'bigint') this.write(v.toString());
    else if (v instanceof VaultValue) this.vault(v.ciphertext, continuation);
    else this.text(v instanceof UnsafeText ? v.text : typeof v === 'string' ? v : String(v), continuation, inFlow, isKey);
  }

  private vault(ciphertext: string, indent: number): void {
    const trailing = ciphertext.match(/\n*$/)![0].length;
    this.write(`!vault |${trailing === 0 ? '-' : trailing > 1 ? '+' : ''}`);
    for (const line of ciphertext.replace(/\n+$/, '').split('\n')) this.newline(indent), this.write(line);
  }

  private text(text: string, continuation: number, inFlow: boolean, isKey: boolean): void {
    const style = chooseStyle(text, inFlow, isKey);
    if (style === 'double') this.write(doubleQuoted(text));
    else if (style === 'plain') this.folded(text, continuation, !isKey);
    else {
      this.write("'");
      this.singleQuotedBody(text.replace(/'/g, "''"), continuation, !isKey);
      this.write("'");
    }
  }

  /** Long lines break at a single space once past the width, as PyYAML folds plain scalars. */
  private folded(text: string, continuation: number, split: boolean): void {
    const parts = text.split(/( +)/);
    for (const part of parts) {
      if (part === ' ' && split && this.column > WIDTH) this.newline(continuation);
      else this.write(part);
    }
  }

  private singleQuotedBody(text: string, continuation: number, split: boolean): void {
    const parts = text.split(/(\n+| +)/);
    parts.forEach((part, i) => {
      if (part.startsWith('\n')) {
        // A line break inside single quotes is written as an empty line (folding would eat one).
        this.out += '\n'.repeat(part.length + 1);
        this.newline(continuation);
        this.out = this.out.replace(/\n\n( *)$/, '\n$1');
      } else if (part === ' ' && split && this.column > WIDTH && i > 0 && i < parts.length - 1) this.newline(continuation);
      else this.write(part);
    });
  }
}

/** Serialises like `to_yaml` (flow style for collections of scalars), or `to_nice_yaml` with `pretty`. */
export function dumpYaml(value: unknown, options: { indent?: number; pretty?: boolean } = {}): string {
  const pretty = options.pretty ?? false;
  const emitter = new Emitter(options.indent ?? (pretty ? 4 : 2), !pretty);
  emitter.node(value, 0);
  return `${emitter.out}\n`;
}
