/**
 * A TOML reader covering what inventories use: tables and dotted tables, arrays of tables, dotted
 * and quoted keys, basic/literal/multi-line strings, integers (with hex/octal/binary and `_`),
 * floats, booleans, dates (kept as text), arrays and inline tables. Errors carry line and column.
 */
export class TomlError extends Error {
  constructor(message: string, readonly line: number, readonly column: number) {
    super(`${message} (line ${line}, column ${column})`);
  }
}

type Table = Record<string, unknown>;
const ESC: Record<string, string> = { b: '\b', t: '\t', n: '\n', f: '\f', r: '\r', '"': '"', '\\': '\\' };
/** Tables created by a [header] or by inline/explicit definition, which TOML forbids redefining. */
const DEFINED = Symbol('defined');

class TomlReader {
  private i = 0;
  constructor(private readonly s: string) {}

  fail(message: string, at = this.i): never {
    const before = this.s.slice(0, at).split('\n');
    throw new TomlError(message, before.length, before[before.length - 1].length + 1);
  }

  private ws(): void {
    while (this.s[this.i] === ' ' || this.s[this.i] === '\t') this.i++;
  }

  /** Whitespace, newlines and comments. */
  private blank(): void {
    for (;;) {
      this.ws();
      if (this.s[this.i] === '#') while (this.i < this.s.length && this.s[this.i] !== '\n') this.i++;
      if (this.s[this.i] === '\n' || this.s[this.i] === '\r') this.i++;
      else return;
    }
  }

  private endOfLine(): void {
    this.ws();
    if (this.s[this.i] === '#') while (this.i < this.s.length && this.s[this.i] !== '\n') this.i++;
    if (this.s[this.i] === '\r') this.i++;
    if (this.i < this.s.length && this.s[this.i] !== '\n') this.fail('expected the end of the line');
  }

  document(): Table {
    const root: Table = {};
    let current = root;
    for (;;) {
      this.blank();
      if (this.i >= this.s.length) return root;
      if (this.s.startsWith('[[', this.i)) current = this.arrayTableHeader(root);
      else if (this.s[this.i] === '[') current = this.tableHeader(root);
      else this.keyValue(current);
      this.endOfLine();
    }
  }

  private tableHeader(root: Table): Table {
    this.i++;
    const path = this.keyPath();
    if (this.s[this.i] !== ']') this.fail("expected ']'");
    this.i++;
    const t = this.descend(root, path, true);
    if ((t as { [DEFINED]?: boolean })[DEFINED]) this.fail(`table [${path.join('.')}] is defined twice`);
    Object.defineProperty(t, DEFINED, { value: true, enumerable: false });
    return t;
  }

  private arrayTableHeader(root: Table): Table {
    this.i += 2;
    const path = this.keyPath();
    if (!this.s.startsWith(']]', this.i)) this.fail("expected ']]'");
    this.i += 2;
    const parent = this.descend(root, path.slice(0, -1), true);
    const last = path[path.length - 1];
    const list = (parent[last] ??= []) as unknown[];
    if (!Array.isArray(list)) this.fail(`key '${last}' is not an array of tables`);
    const t: Table = {};
    list.push(t);
    return t;
  }

  /** Walks (creating) the tables of a dotted path; the last element of an array of tables is entered. */
  private descend(from: Table, path: string[], header: boolean): Table {
    let t = from;
    for (const k of path) {
      let next = t[k];
      if (next === undefined) {
        next = {};
        t[k] = next;
      } else if (Array.isArray(next) && header) next = next[next.length - 1];
      if (typeof next !== 'object' || next === null || Array.isArray(next)) this.fail(`key '${k}' is already a value, not a table`);
      t = next as Table;
    }
    return t;
  }

  private keyValue(table: Table): void {
    const path = this.keyPath();
    if (this.s[this.i] !== '=') this.fail("expected '=' after a key");
    this.i++;
    this.ws();
    const target = this.descend(table, path.slice(0, -1), false);
    const last = path[path.length - 1];
    if (Object.prototype.hasOwnProperty.call(target, last)) this.fail(`key '${path.join('.')}' is defined twice`);
    target[last] = this.value();
  }

  private keyPath(): string[] {
    const parts: string[] = [];
    for (;;) {
      this.ws();
      parts.push(this.key());
      this.ws();
      if (this.s[this.i] !== '.') return parts;
      this.i++;
    }
  }

  private key(): string {
    const c = this.s[this.i];
    if (c === '"') return this.basicString();
    if (c === "'") return this.literalString();
    const m = /^[A-Za-z0-9_-]+/.exec(this.s.slice(this.i, this.i + 256));
    if (!m) this.fail('expected a key');
    this.i += m[0].length;
    return m[0];
  }

  private value(): unknown {
    const rest = this.s.slice(this.i, this.i + 64);
    if (rest.startsWith('"""')) return this.multiline('"""');
    if (rest.startsWith("'''")) return this.multiline("'''");
    if (rest[0] === '"') return this.basicString();
    if (rest[0] === "'") return this.literalString();
    if (rest[0] === '[') return this.array();
    if (rest[0] === '{') return this.inlineTable();
    if (/^true(?![\w-])/.test(rest)) return (this.i += 4), true;
    if (/^false(?![\w-])/.test(rest)) return (this.i += 5), false;
    const date = /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})?)?|^\d{2}:\d{2}:\d{2}(?:\.\d+)?/.exec(rest);
    if (date) return (this.i += date[0].length), date[0];
    return this.number(rest);
  }

  private number(rest: string): number {
    const special = /^[+-]?(inf|nan)/.exec(rest);
    if (special) {
      this.i += special[0].length;
      return special[1] === 'nan' ? NaN : special[0].startsWith('-') ? -Infinity : Infinity;
    }
    const radix = /^0([xob])([0-9a-fA-F_]+)/.exec(rest);
    if (radix) {
      this.i += radix[0].length;
      return parseInt(radix[2].replace(/_/g, ''), { x: 16, o: 8, b: 2 }[radix[1] as 'x' | 'o' | 'b']);
    }
    const m = /^[+-]?\d[\d_]*(\.\d[\d_]*)?([eE][+-]?\d[\d_]*)?/.exec(rest);
    if (!m) this.fail('expected a value');
    this.i += m[0].length;
    return Number(m[0].replace(/_/g, ''));
  }

  private basicString(): string {
    this.i++;
    let out = '';
    for (;;) {
      const c = this.s[this.i];
      if (c === undefined || c === '\n') this.fail('unterminated string');
      this.i++;
      if (c === '"') return out;
      out += c === '\\' ? this.escape() : c;
    }
  }

  private escape(): string {
    const c = this.s[this.i++];
    if (c in ESC) return ESC[c];
    if (c === 'u' || c === 'U') {
      const n = c === 'u' ? 4 : 8;
      const hex = this.s.slice(this.i, this.i + n);
      if (!/^[0-9a-fA-F]+$/.test(hex) || hex.length !== n) this.fail('bad unicode escape');
      this.i += n;
      return String.fromCodePoint(parseInt(hex, 16));
    }
    return this.fail(`bad escape '\\${c}'`, this.i - 2);
  }

  private literalString(): string {
    const end = this.s.indexOf("'", this.i + 1);
    const nl = this.s.indexOf('\n', this.i + 1);
    if (end < 0 || (nl >= 0 && nl < end)) this.fail('unterminated string');
    const out = this.s.slice(this.i + 1, end);
    this.i = end + 1;
    return out;
  }

  private multiline(q: string): string {
    this.i += 3;
    if (this.s[this.i] === '\r') this.i++;
    if (this.s[this.i] === '\n') this.i++;
    let out = '';
    for (;;) {
      if (this.i >= this.s.length) this.fail('unterminated multi-line string');
      if (this.s.startsWith(q, this.i)) {
        let n = 3;
        while (this.s[this.i + n] === q[0] && n < 5) n++;
        out += q[0].repeat(n - 3);
        this.i += n;
        return out;
      }
      const c = this.s[this.i++];
      if (q === '"""' && c === '\\') {
        if (/^[ \t]*\r?\n/.test(this.s.slice(this.i))) {
          while (/\s/.test(this.s[this.i] ?? '')) this.i++;
        } else out += this.escape();
      } else out += c;
    }
  }

  private array(): unknown[] {
    this.i++;
    const out: unknown[] = [];
    for (;;) {
      this.blank();
      if (this.s[this.i] === ']') return (this.i++, out);
      out.push(this.value());
      this.blank();
      if (this.s[this.i] === ',') this.i++;
      else if (this.s[this.i] !== ']') this.fail("expected ',' or ']' in an array");
    }
  }

  private inlineTable(): Table {
    this.i++;
    const t: Table = {};
    this.ws();
    if (this.s[this.i] === '}') return (this.i++, t);
    for (;;) {
      this.keyValue(t);
      this.ws();
      if (this.s[this.i] === '}') return (this.i++, t);
      if (this.s[this.i] !== ',') this.fail("expected ',' or '}' in an inline table");
      this.i++;
      this.ws();
    }
  }
}

export function parseToml(text: string): Record<string, unknown> {
  return new TomlReader(text).document();
}
