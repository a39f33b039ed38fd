/**
 * nunjucks' tokenizer with Python's string-literal escapes: `\n \t \r \\ \' \" \0 \xNN \uNNNN` are
 * decoded and any other backslash is kept (so `'\d+'` reaches a regex filter as `\d+`, as in Jinja),
 * and with Jinja's bracket balancing around `}}`. A subclass of nunjucks' own tokenizer.
 */
import { lexer } from './nunjucks-internals.js';

/* eslint-disable @typescript-eslint/no-explicit-any */
const SIMPLE: Record<string, string> = { n: '\n', t: '\t', r: '\r', '\\': '\\', "'": "'", '"': '"', '0': '\0', a: '\x07', b: '\b', f: '\f', v: '\v' };

function parsePythonString(this: any, delimiter: string): string {
  this.forward();
  let str = '';
  while (!this.isFinished() && this.current() !== delimiter) {
    const cur = this.current();
    this.forward();
    if (cur !== '\\') {
      str += cur;
      continue;
    }
    const next = this.current();
    const hexLen = next === 'x' ? 2 : next === 'u' ? 4 : next === 'U' ? 8 : 0;
    if (SIMPLE[next] !== undefined) {
      str += SIMPLE[next];
      this.forward();
    } else if (hexLen && /^[0-9a-fA-F]+$/.test(this.str.slice(this.index + 1, this.index + 1 + hexLen)) ) {
      const hex = this.str.slice(this.index + 1, this.index + 1 + hexLen);
      for (let i = 0; i <= hexLen; i++) this.forward();
      str += String.fromCodePoint(parseInt(hex, 16));
    } else {
      str += '\\';
    }
  }
  this.forward();
  return str;
}

const BaseTokenizer = Object.getPrototypeOf(lexer.lex('', {})).constructor as new (src: string, opts: object) => any;
const OPENERS = new Set([lexer.TOKEN_LEFT_CURLY, lexer.TOKEN_LEFT_BRACKET, lexer.TOKEN_LEFT_PAREN]);
const CLOSERS = new Set([lexer.TOKEN_RIGHT_CURLY, lexer.TOKEN_RIGHT_BRACKET, lexer.TOKEN_RIGHT_PAREN]);

/** A string literal taken as written (Ansible doubles backslashes inside `{{ }}` before Jinja reads it). */
function parseRawString(this: any, delimiter: string): string {
  this.forward();
  let str = '';
  while (!this.isFinished() && this.current() !== delimiter) {
    const cur = this.current();
    this.forward();
    str += cur;
    if (cur === '\\' && !this.isFinished()) {
      str += this.current();
      this.forward();
    }
  }
  this.forward();
  return str;
}

export interface PythonLexOptions {
  trimBlocks: boolean;
  lstripBlocks: boolean;
  /** Ansible's escape_backslashes: string literals inside `{{ }}` keep their backslashes. */
  rawVariableStrings?: boolean;
}

class PythonTokenizer extends BaseTokenizer {
  /** Open brackets in the current tag. */
  depth = 0;
  /** Inside `{{ … }}`. */
  inVariable = false;
  readonly rawVariableStrings: boolean;

  constructor(source: string, opts: PythonLexOptions) {
    super(source, opts);
    this.rawVariableStrings = Boolean(opts.rawVariableStrings);
  }

  _parseString(delimiter: string): string {
    if (this.inVariable && this.rawVariableStrings) return parseRawString.call(this, delimiter);
    return parsePythonString.call(this, delimiter);
  }

  /** Like Jinja's lexer, a `}}` inside open brackets (`{{ {'a': {'b': 1}} }}`) closes a dict, not the tag. */
  nextToken(): unknown {
    // Jinja has no regex literals: `r/2` is the variable r divided by 2, not nunjucks' `r/…/`.
    if (this.in_code && this.current() === 'r' && this.str.charAt(this.index + 1) === '/') {
      const tok = { type: lexer.TOKEN_SYMBOL, value: 'r', lineno: this.lineno, colno: this.colno };
      this.forward();
      return tok;
    }
    if (this.depth > 0 && this.in_code && this.current() === '}') {
      const tok = { type: lexer.TOKEN_RIGHT_CURLY, value: '}', lineno: this.lineno, colno: this.colno };
      this.forward();
      this.depth -= 1;
      return tok;
    }
    const tok = super.nextToken();
    if (!tok) return tok;
    if (tok.type === lexer.TOKEN_VARIABLE_START) this.inVariable = true;
    else if (tok.type === lexer.TOKEN_VARIABLE_END) this.inVariable = false;
    if (OPENERS.has(tok.type)) this.depth += 1;
    else if (CLOSERS.has(tok.type)) this.depth = Math.max(0, this.depth - 1);
    else if (tok.type === lexer.TOKEN_VARIABLE_END || tok.type === lexer.TOKEN_BLOCK_END) this.depth = 0;
    return tok;
  }
}

export function lexPython(source: string, opts: PythonLexOptions): unknown {
  return new PythonTokenizer(source, opts);
}
