/**
 * The nunjucks parser with Jinja2's expression grammar: Jinja's operator precedence (`~` between
 * `+` and `*`, filters and `is` tests binding to the operand), `x.0`, slices, tuples, dict literals
 * with expression keys, `True/False/None`, tests with a bare argument (`is divisibleby 3`) and chained
 * `a if b else c if d else e`. Statements ({% if %}, {% for %}, …) stay nunjucks' own; they call
 * these expression methods.
 */
import { ParserBase, lexer, nodes, type NjNode, type NjToken } from './nunjucks-internals.js';

/* eslint-disable @typescript-eslint/no-explicit-any */
export const SliceNode = nodes.Node.extend('Slice', { fields: ['start', 'stop', 'step'] });
export const TupleNode = nodes.NodeList.extend('Tuple');
/** `{% with a = 1, b = x %}…{% endwith %}`: names bound for the body only. */
export const WithNode = nodes.Node.extend('With', { fields: ['targets', 'values', 'body'] });

const COMPARE_OPS = new Set(['==', '!=', '<', '>', '<=', '>=']);
const LITERAL_SYMBOLS: Record<string, unknown> = { True: true, False: false, None: null, true: true, false: false, none: null };
const TEST_ARG_TOKENS = new Set([
  lexer.TOKEN_SYMBOL, lexer.TOKEN_STRING, lexer.TOKEN_INT, lexer.TOKEN_FLOAT, lexer.TOKEN_BOOLEAN, lexer.TOKEN_NONE,
  lexer.TOKEN_LEFT_PAREN, lexer.TOKEN_LEFT_BRACKET, lexer.TOKEN_LEFT_CURLY,
]);

export class JinjaParser extends (ParserBase as new (tokens: unknown) => any) {
  parseExpression(): NjNode {
    return this.parseInlineIf();
  }

  /** `{% for x in items if cond %}`: the iterable, then the loop filter kept on the For node. */
  parseFor(): NjNode {
    this.forIterable = true;
    this.loopFilter = null;
    const node = super.parseFor();
    node.loopFilter = this.loopFilter;
    this.loopFilter = null;
    return node;
  }

  parseStatement(): NjNode {
    const tok = this.peekToken();
    if (tok && tok.type === lexer.TOKEN_SYMBOL && tok.value === 'with' && !(this.breakOnBlocks ?? []).includes('with')) {
      return this.parseWith();
    }
    return super.parseStatement();
  }

  private parseWith(): NjNode {
    const tag = this.nextToken();
    const node = new WithNode(tag.lineno, tag.colno);
    node.targets = [];
    node.values = [];
    while (this.peekToken()?.type !== lexer.TOKEN_BLOCK_END) {
      if (node.targets.length && !this.skip(lexer.TOKEN_COMMA)) this.fail("expected ',' in with statement", tag.lineno, tag.colno);
      const name = this.nextToken();
      if (!name || name.type !== lexer.TOKEN_SYMBOL) this.fail('expected a name in with statement', tag.lineno, tag.colno);
      if (!this.skipValue(lexer.TOKEN_OPERATOR, '=')) this.fail("expected '=' in with statement", tag.lineno, tag.colno);
      node.targets.push(name.value);
      node.values.push(this.parseExpression());
    }
    this.advanceAfterBlockEnd('with');
    node.body = this.parseUntilBlocks('endwith');
    this.advanceAfterBlockEnd();
    return node;
  }

  /** `{% set a, b = 1, 2 %}`: the value may be a tuple without parentheses. */
  parseSet(): NjNode {
    this.setValue = true;
    try {
      return super.parseSet();
    } finally {
      this.setValue = false;
    }
  }

  parseInlineIf(): NjNode {
    if (this.forIterable) {
      this.forIterable = false;
      const iterable = this.parseOr();
      if (this.skipSymbol('if')) this.loopFilter = this.parseExpression();
      return iterable;
    }
    if (this.setValue) {
      this.setValue = false;
      return this.parseTupleValue();
    }
    let node = this.parseOr();
    while (this.skipSymbol('if')) {
      const cond = this.parseOr();
      const inline = new nodes.InlineIf(node.lineno, node.colno);
      inline.body = node;
      inline.cond = cond;
      inline.else_ = this.skipSymbol('else') ? this.parseInlineIf() : null;
      node = inline;
    }
    return node;
  }

  private parseTupleValue(): NjNode {
    const first = this.parseInlineIf();
    if (this.peekToken()?.type !== lexer.TOKEN_COMMA) return first;
    const items = [first];
    while (this.skip(lexer.TOKEN_COMMA)) {
      const next = this.peekToken();
      if (!next || next.type === lexer.TOKEN_BLOCK_END) break;
      items.push(this.parseInlineIf());
    }
    return new TupleNode(first.lineno, first.colno, items);
  }

  parseOr(): NjNode {
    let node = this.parseAnd();
    while (this.skipSymbol('or')) node = new nodes.Or(node.lineno, node.colno, node, this.parseAnd());
    return node;
  }

  parseAnd(): NjNode {
    let node = this.parseNot();
    while (this.skipSymbol('and')) node = new nodes.And(node.lineno, node.colno, node, this.parseNot());
    return node;
  }

  parseNot(): NjNode {
    const tok = this.peekToken();
    if (this.skipSymbol('not')) return new nodes.Not(tok.lineno, tok.colno, this.parseNot());
    return this.parseCompare();
  }

  parseCompare(): NjNode {
    let node = this.parseMath1();
    const ops: NjNode[] = [];
    for (;;) {
      const tok: NjToken | null = this.nextToken();
      if (!tok) break;
      if (tok.type === lexer.TOKEN_OPERATOR && COMPARE_OPS.has(tok.value)) {
        ops.push(new nodes.CompareOperand(tok.lineno, tok.colno, this.parseMath1(), tok.value));
      } else if (tok.type === lexer.TOKEN_SYMBOL && tok.value === 'in') {
        node = this.flushCompare(node, ops);
        node = new nodes.In(tok.lineno, tok.colno, node, this.parseMath1());
      } else if (tok.type === lexer.TOKEN_SYMBOL && tok.value === 'not' && this.skipSymbol('in')) {
        node = this.flushCompare(node, ops);
        node = new nodes.Not(tok.lineno, tok.colno, new nodes.In(tok.lineno, tok.colno, node, this.parseMath1()));
      } else {
        this.pushToken(tok);
        break;
      }
    }
    return this.flushCompare(node, ops);
  }

  private flushCompare(node: NjNode, ops: NjNode[]): NjNode {
    if (!ops.length) return node;
    const compare = new nodes.Compare(node.lineno, node.colno, node, ops.splice(0));
    return compare;
  }

  parseMath1(): NjNode {
    let node = this.parseConcatExpr();
    for (;;) {
      const tok = this.peekToken();
      if (this.skipValue(lexer.TOKEN_OPERATOR, '+')) node = new nodes.Add(tok.lineno, tok.colno, node, this.parseConcatExpr());
      else if (this.skipValue(lexer.TOKEN_OPERATOR, '-')) node = new nodes.Sub(tok.lineno, tok.colno, node, this.parseConcatExpr());
      else return node;
    }
  }

  parseConcatExpr(): NjNode {
    let node = this.parseMath2();
    while (this.skip(lexer.TOKEN_TILDE)) node = new nodes.Concat(node.lineno, node.colno, node, this.parseMath2());
    return node;
  }

  parseMath2(): NjNode {
    let node = this.parsePowExpr();
    const kinds: Record<string, string> = { '*': 'Mul', '/': 'Div', '//': 'FloorDiv', '%': 'Mod' };
    for (;;) {
      const tok = this.nextToken();
      if (tok && tok.type === lexer.TOKEN_OPERATOR && kinds[tok.value]) {
        node = new nodes[kinds[tok.value]](tok.lineno, tok.colno, node, this.parsePowExpr());
      } else {
        this.pushToken(tok);
        return node;
      }
    }
  }

  parsePowExpr(): NjNode {
    let node = this.parseUnary();
    while (this.skipValue(lexer.TOKEN_OPERATOR, '**')) node = new nodes.Pow(node.lineno, node.colno, node, this.parseUnary());
    return node;
  }

  parseUnary(noFilters?: boolean): NjNode {
    const tok = this.peekToken();
    let node: NjNode;
    if (this.skipValue(lexer.TOKEN_OPERATOR, '-')) node = new nodes.Neg(tok.lineno, tok.colno, this.parseUnary(true));
    else if (this.skipValue(lexer.TOKEN_OPERATOR, '+')) node = new nodes.Pos(tok.lineno, tok.colno, this.parseUnary(true));
    else node = this.parsePrimary();
    return noFilters ? node : this.parseFilterExpr(node);
  }

  /** `|filter`, `is test` and calls, in any order, as Jinja's parse_filter_expr. */
  parseFilterExpr(node: NjNode): NjNode {
    for (;;) {
      const tok = this.peekToken();
      if (!tok) return node;
      if (tok.type === lexer.TOKEN_PIPE) node = this.parseFilter(node);
      else if (tok.type === lexer.TOKEN_SYMBOL && tok.value === 'is') node = this.parseTest(node);
      else if (tok.type === lexer.TOKEN_LEFT_PAREN) node = new nodes.FunCall(tok.lineno, tok.colno, node, this.parseSignature());
      else return node;
    }
  }

  parseFilter(node: NjNode): NjNode {
    while (this.skip(lexer.TOKEN_PIPE)) {
      const name = this.parseFilterName();
      const args = this.peekToken().type === lexer.TOKEN_LEFT_PAREN ? this.parseSignature().children : [];
      node = new nodes.Filter(name.lineno, name.colno, name, new nodes.NodeList(name.lineno, name.colno, [node, ...args]));
    }
    return node;
  }

  parseTest(node: NjNode): NjNode {
    const isTok = this.nextToken();
    const negated = this.skipSymbol('not');
    const nameTok = this.nextToken();
    if (!nameTok || ![lexer.TOKEN_SYMBOL, lexer.TOKEN_NONE, lexer.TOKEN_BOOLEAN].includes(nameTok.type)) {
      this.fail('expected test name after "is"', isTok.lineno, isTok.colno);
    }
    let name = String(nameTok.value);
    while (this.skipValue(lexer.TOKEN_OPERATOR, '.')) name += '.' + this.expect(lexer.TOKEN_SYMBOL).value;
    const symbol = new nodes.Symbol(nameTok.lineno, nameTok.colno, name);
    let args = new nodes.NodeList(nameTok.lineno, nameTok.colno, []);
    const next = this.peekToken();
    if (next && next.type === lexer.TOKEN_LEFT_PAREN) {
      args = this.parseSignature();
    } else if (next && TEST_ARG_TOKENS.has(next.type) && !['else', 'or', 'and', 'if', 'in', 'not', 'is'].includes(next.value)) {
      args.addChild(this.parsePrimary());
    }
    let out = new nodes.Is(isTok.lineno, isTok.colno, node, new nodes.FunCall(nameTok.lineno, nameTok.colno, symbol, args));
    if (negated) out = new nodes.Not(isTok.lineno, isTok.colno, out);
    return out;
  }

  parsePrimary(noPostfix?: boolean): NjNode {
    const tok: NjToken | null = this.nextToken();
    if (!tok) this.fail('unexpected end of template, expected an expression');
    let node: NjNode;
    switch (tok!.type) {
      case lexer.TOKEN_STRING: {
        let value = tok!.value as string;
        // Adjacent string literals concatenate, as in Python.
        while (this.peekToken()?.type === lexer.TOKEN_STRING) value += this.nextToken().value;
        node = new nodes.Literal(tok!.lineno, tok!.colno, value);
        break;
      }
      case lexer.TOKEN_INT: node = new nodes.Literal(tok!.lineno, tok!.colno, parseInt(tok!.value, 10)); break;
      case lexer.TOKEN_FLOAT:
        node = new nodes.Literal(tok!.lineno, tok!.colno, parseFloat(tok!.value));
        node.isFloat = Number.isInteger(node.value);
        break;
      case lexer.TOKEN_BOOLEAN: node = new nodes.Literal(tok!.lineno, tok!.colno, tok!.value === 'true'); break;
      case lexer.TOKEN_NONE: node = new nodes.Literal(tok!.lineno, tok!.colno, null); break;
      case lexer.TOKEN_SYMBOL:
        node = Object.prototype.hasOwnProperty.call(LITERAL_SYMBOLS, tok!.value)
          ? new nodes.Literal(tok!.lineno, tok!.colno, LITERAL_SYMBOLS[tok!.value])
          : new nodes.Symbol(tok!.lineno, tok!.colno, tok!.value);
        break;
      case lexer.TOKEN_LEFT_PAREN: node = this.parseParenthesized(tok!); break;
      case lexer.TOKEN_LEFT_BRACKET: node = this.parseListLiteral(tok!); break;
      case lexer.TOKEN_LEFT_CURLY: node = this.parseDictLiteral(tok!); break;
      default:
        this.fail(`unexpected '${tok!.value}'`, tok!.lineno, tok!.colno);
    }
    return noPostfix ? node : this.parsePostfix(node);
  }

  private parseParenthesized(open: NjToken): NjNode {
    if (this.skip(lexer.TOKEN_RIGHT_PAREN)) return new TupleNode(open.lineno, open.colno, []);
    const first = this.parseExpression();
    if (!this.skip(lexer.TOKEN_COMMA)) {
      this.expectClosing(lexer.TOKEN_RIGHT_PAREN, ')');
      return new nodes.Group(open.lineno, open.colno, [first]);
    }
    const items = [first];
    while (!this.skip(lexer.TOKEN_RIGHT_PAREN)) {
      items.push(this.parseExpression());
      if (!this.skip(lexer.TOKEN_COMMA)) {
        this.expectClosing(lexer.TOKEN_RIGHT_PAREN, ')');
        break;
      }
    }
    return new TupleNode(open.lineno, open.colno, items);
  }

  private parseListLiteral(open: NjToken): NjNode {
    const node = new nodes.Array(open.lineno, open.colno, []);
    while (!this.skip(lexer.TOKEN_RIGHT_BRACKET)) {
      node.addChild(this.parseExpression());
      if (!this.skip(lexer.TOKEN_COMMA)) {
        this.expectClosing(lexer.TOKEN_RIGHT_BRACKET, ']');
        break;
      }
    }
    return node;
  }

  private parseDictLiteral(open: NjToken): NjNode {
    const node = new nodes.Dict(open.lineno, open.colno, []);
    while (!this.skip(lexer.TOKEN_RIGHT_CURLY)) {
      const key = this.parseExpression();
      if (!this.skip(lexer.TOKEN_COLON)) this.fail("expected ':' after a dict key", key.lineno, key.colno);
      node.addChild(new nodes.Pair(key.lineno, key.colno, key, this.parseExpression()));
      if (!this.skip(lexer.TOKEN_COMMA)) {
        this.expectClosing(lexer.TOKEN_RIGHT_CURLY, '}');
        break;
      }
    }
    return node;
  }

  private expectClosing(type: string, char: string): void {
    const tok = this.nextToken();
    if (!tok || tok.type !== type) {
      const got = tok ? `'${tok.value}'` : 'end of template';
      this.fail(`expected '${char}', got ${got}`, tok?.lineno, tok?.colno);
    }
  }

  parsePostfix(node: NjNode): NjNode {
    for (;;) {
      const tok: NjToken | null = this.peekToken();
      if (!tok) return node;
      if (tok.type === lexer.TOKEN_LEFT_PAREN) {
        node = new nodes.FunCall(tok.lineno, tok.colno, node, this.parseSignature());
      } else if (tok.type === lexer.TOKEN_LEFT_BRACKET) {
        this.nextToken();
        node = this.parseSubscript(node, tok);
      } else if (tok.type === lexer.TOKEN_OPERATOR && tok.value === '.') {
        this.nextToken();
        node = this.parseDotted(node, tok);
      } else {
        return node;
      }
    }
  }

  /** `x.name`, `x.0`, and `x.0.name` (which the lexer reads as `x`, `.`, `0.`, `name`). */
  private parseDotted(node: NjNode, dot: NjToken): NjNode {
    const val: NjToken | null = this.nextToken();
    if (val && val.type === lexer.TOKEN_SYMBOL) {
      const lookup = new nodes.LookupVal(dot.lineno, dot.colno, node, new nodes.Literal(val.lineno, val.colno, val.value));
      lookup.attr = true;
      return lookup;
    }
    if (val && (val.type === lexer.TOKEN_INT || val.type === lexer.TOKEN_FLOAT)) {
      const parts = String(val.value).split('.');
      for (const part of parts) {
        if (part === '') continue;
        node = new nodes.LookupVal(dot.lineno, dot.colno, node, new nodes.Literal(val.lineno, val.colno, parseInt(part, 10)));
      }
      if (String(val.value).endsWith('.')) return this.parseDotted(node, dot);
      return node;
    }
    return this.fail(`expected a name after '.', got '${val?.value ?? 'end of template'}'`, dot.lineno, dot.colno);
  }

  private parseSubscript(node: NjNode, open: NjToken): NjNode {
    const parts: (NjNode | null)[] = [null];
    let isSlice = false;
    for (;;) {
      const tok = this.peekToken();
      if (!tok) this.fail("expected ']'", open.lineno, open.colno);
      if (tok.type === lexer.TOKEN_RIGHT_BRACKET) {
        this.nextToken();
        break;
      }
      if (tok.type === lexer.TOKEN_COLON) {
        this.nextToken();
        isSlice = true;
        if (parts.length >= 3) this.fail('too many colons in slice', tok.lineno, tok.colno);
        parts.push(null);
        continue;
      }
      if (parts[parts.length - 1] !== null) this.fail("expected ']'", tok.lineno, tok.colno);
      parts[parts.length - 1] = this.parseExpression();
    }
    if (!isSlice) {
      if (parts[0] === null) this.fail('expected an index inside []', open.lineno, open.colno);
      return new nodes.LookupVal(open.lineno, open.colno, node, parts[0]);
    }
    const none = (): NjNode => new nodes.Literal(open.lineno, open.colno, null);
    const slice = new SliceNode(open.lineno, open.colno);
    slice.start = parts[0] ?? none();
    slice.stop = parts[1] ?? none();
    slice.step = parts[2] ?? none();
    return new nodes.LookupVal(open.lineno, open.colno, node, slice);
  }
}
