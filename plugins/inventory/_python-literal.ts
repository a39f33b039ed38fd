/**
 * A reader for the Python literals Ansible's INI plugin accepts (`ast.literal_eval`): numbers,
 * strings, True/False/None, lists, tuples, dicts and sets. Anything else is not a literal and the
 * INI value stays the original text, exactly as Ansible does.
 */
export class NotALiteral {
  // Not an Error on purpose: most INI values are plain words, and capturing a stack trace for
  // each of 10,000 of them costs more than parsing the whole file.
  constructor(readonly reason: string) {}
}

const ESCAPES: Record<string, string> = { n: '\n', t: '\t', r: '\r', '\\': '\\', "'": "'", '"': '"', a: '\x07', b: '\b', f: '\f', v: '\v', '0': '\0', '\n': '' };

class Reader {
  i = 0;
  constructor(readonly s: string) {}

  skip(): void {
    while (this.i < this.s.length && /\s/.test(this.s[this.i])) this.i++;
  }

  peek(): string {
    this.skip();
    return this.s[this.i] ?? '';
  }

  eat(c: string): boolean {
    if (this.peek() !== c) return false;
    this.i++;
    return true;
  }

  value(): unknown {
    const c = this.peek();
    if (c === '[') return this.sequence('[', ']');
    if (c === '(') return this.tuple();
    if (c === '{') return this.braces();
    if (c === '-' || c === '+') {
      this.i++;
      const n = this.number();
      return c === '-' ? -n : n;
    }
    if (/[0-9.]/.test(c)) return this.number();
    const word = /^[A-Za-z_]+/.exec(this.s.slice(this.i))?.[0] ?? '';
    if (/^[rRbBuU]{1,2}$/.test(word) && /['"]/.test(this.s[this.i + word.length] ?? '')) return this.strings();
    if (c === '"' || c === "'") return this.strings();
    this.i += word.length;
    if (word === 'True') return true;
    if (word === 'False') return false;
    if (word === 'None') return null;
    throw new NotALiteral(word || c);
  }

  sequence(_open: string, close: string): unknown[] {
    this.i++;
    const items: unknown[] = [];
    while (this.peek() !== close) {
      items.push(this.value());
      if (!this.eat(',')) break;
    }
    if (!this.eat(close)) throw new NotALiteral(`expected '${close}'`);
    return items;
  }

  tuple(): unknown {
    this.i++;
    if (this.eat(')')) return [];
    const first = this.value();
    if (this.eat(')')) return first; // a parenthesised value, not a tuple
    if (!this.eat(',')) throw new NotALiteral("expected ','");
    const items = [first];
    while (this.peek() !== ')') {
      items.push(this.value());
      if (!this.eat(',')) break;
    }
    if (!this.eat(')')) throw new NotALiteral("expected ')'");
    return items;
  }

  braces(): unknown {
    this.i++;
    if (this.eat('}')) return {};
    const first = this.value();
    if (!this.eat(':')) return this.restOfSet(first);
    const dict: Record<string, unknown> = {};
    let key = first;
    for (;;) {
      dict[typeof key === 'string' ? key : JSON.stringify(key)] = this.value();
      if (!this.eat(',') || this.peek() === '}') break;
      key = this.value();
      if (!this.eat(':')) throw new NotALiteral("expected ':'");
    }
    if (!this.eat('}')) throw new NotALiteral("expected '}'");
    return dict;
  }

  restOfSet(first: unknown): unknown[] {
    const items = [first];
    while (this.eat(',')) {
      if (this.peek() === '}') break;
      items.push(this.value());
    }
    if (!this.eat('}')) throw new NotALiteral("expected '}'");
    return items;
  }

  number(): number {
    this.skip();
    const rest = this.s.slice(this.i);
    const m = /^(0[xX][0-9a-fA-F_]+|0[oO][0-7_]+|0[bB][01_]+|(?:\d[\d_]*)?\.?\d[\d_]*(?:[eE][+-]?\d+)?\.?)/.exec(rest);
    if (!m || m[0] === '.') throw new NotALiteral('number');
    const text = m[0].replace(/_/g, '');
    this.i += m[0].length;
    if (/^0[xX]/.test(text)) return parseInt(text.slice(2), 16);
    if (/^0[oO]/.test(text)) return parseInt(text.slice(2), 8);
    if (/^0[bB]/.test(text)) return parseInt(text.slice(2), 2);
    if (/^0\d/.test(text) && /^\d+$/.test(text) && !/^0+$/.test(text)) throw new NotALiteral('leading zeros');
    return Number(text);
  }

  strings(): string {
    let out = '';
    while (/^[rRbBuU]{0,2}['"]/.test(this.s.slice(this.i))) {
      out += this.string();
      this.skip();
    }
    return out;
  }

  string(): string {
    const prefix = /^[rRbBuU]{0,2}/.exec(this.s.slice(this.i))![0];
    this.i += prefix.length;
    const raw = /r/i.test(prefix);
    const q = this.s.startsWith(this.s[this.i].repeat(3), this.i) ? this.s[this.i].repeat(3) : this.s[this.i];
    this.i += q.length;
    let out = '';
    for (;;) {
      if (this.i >= this.s.length) throw new NotALiteral('unterminated string');
      if (this.s.startsWith(q, this.i)) {
        this.i += q.length;
        return out;
      }
      const c = this.s[this.i++];
      if (c === '\\' && !raw) out += this.escape();
      else if (c === '\\' && raw) out += c + (this.s[this.i++] ?? '');
      else if (c === '\n' && q.length === 1) throw new NotALiteral('newline in string');
      else out += c;
    }
  }

  escape(): string {
    const c = this.s[this.i++];
    if (c in ESCAPES) return ESCAPES[c];
    const hex = c === 'x' ? 2 : c === 'u' ? 4 : c === 'U' ? 8 : 0;
    if (hex) {
      const code = parseInt(this.s.slice(this.i, this.i + hex), 16);
      this.i += hex;
      return String.fromCodePoint(code);
    }
    if (/[0-7]/.test(c)) {
      const m = /^[0-7]{0,2}/.exec(this.s.slice(this.i))![0];
      this.i += m.length;
      return String.fromCharCode(parseInt(c + m, 8));
    }
    return `\\${c}`;
  }
}

/** `ast.literal_eval(text)`; throws NotALiteral when the text is not a Python literal. */
export function pythonLiteral(text: string): unknown {
  const r = new Reader(text);
  const value = r.value();
  r.skip();
  if (r.i !== text.length) throw new NotALiteral('trailing text');
  return value;
}

/** The INI plugin's value typing: a Python literal when it is one, else the text unchanged. */
export function iniValue(text: string): unknown {
  // Fast paths for what most values are: a bare word (a host name, `yes`) or a decimal integer.
  if (/^[A-Za-z_][\w.-]*$/.test(text) && text !== 'True' && text !== 'False' && text !== 'None') return text;
  if (/^-?[1-9]\d{0,14}$/.test(text) || text === '0') return Number(text);
  // No quote, bracket, brace, parenthesis or space, and not shaped like a number: plain text (10.0.0.1).
  if (/^[^'"[\]{}()\s]*$/.test(text) && text !== 'True' && text !== 'False' && text !== 'None' && !/^[+-]?(?:\d[\d_]*\.?[\d_]*(?:[eE][+-]?\d+)?|\.\d[\d_]*(?:[eE][+-]?\d+)?|0[xXoObB][\da-fA-F_]+)$/.test(text)) {
    return text;
  }
  try {
    return pythonLiteral(text);
  } catch (err) {
    if (err instanceof NotALiteral) return text;
    throw err;
  }
}
