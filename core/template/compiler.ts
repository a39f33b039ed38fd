/**
 * The nunjucks compiler, emitting calls into the per-templar runtime (runtime.ts) wherever Jinja2's
 * Python semantics differ from the JS operators nunjucks emits: truthiness in `if`/`and`/`or`/`not`,
 * `==` and ordering, `+ * / // % **`, `~`, `in`, attribute vs item lookup, slices, tuples, dict literals
 * with expression keys, filters/tests by name, and namespace attribute assignment.
 */
import { CompilerBase, lexer, njRuntime, nodes, type NjNode } from './nunjucks-internals.js';
import { JinjaParser } from './parser.js';
import { lexPython, type PythonLexOptions } from './lexer.js';

/* eslint-disable @typescript-eslint/no-explicit-any */
const IterNode = nodes.Node.extend('PyIter', { fields: ['target'] });

const BINARY_HELPERS: Record<string, string> = {
  Add: 'add', Sub: 'sub', Mul: 'mul', Div: 'div', FloorDiv: 'floordiv', Mod: 'mod', Pow: 'pow', Concat: 'concat',
};

export class JinjaCompiler extends (CompilerBase as new (name?: string, throwOnUndefined?: boolean) => any) {
  compileOutput(node: NjNode, frame: unknown): void {
    for (const child of node.children) {
      if (child instanceof nodes.TemplateData) {
        if (child.value) {
          this._emit(`${this.buffer} += `);
          this.compileLiteral(child, frame);
          this._emitLine(';');
        }
      } else {
        this._emit(`${this.buffer} += runtime.out(`);
        this.compile(child, frame);
        this._emitLine(');');
      }
    }
  }

  /** `1.0` stays a float (it prints as `1.0`). */
  compileLiteral(node: NjNode, frame: unknown): void {
    if (node.isFloat) this._emit(`runtime.pyFloat(${node.value})`);
    else super.compileLiteral(node, frame);
  }

  compileGroup(node: NjNode, frame: unknown): void {
    this._compileAggregate(node, frame, '(', ')');
  }

  compileTuple(node: NjNode, frame: unknown): void {
    this._emit('runtime.tuple(');
    this._compileAggregate(node, frame, '[', ']');
    this._emit(')');
  }

  compileDict(node: NjNode, frame: unknown): void {
    this._emit('runtime.dict([');
    node.children.forEach((pair: NjNode, i: number) => {
      if (i > 0) this._emit(',');
      this._emit('[');
      this.compile(pair.key, frame);
      this._emit(',');
      this.compile(pair.value, frame);
      this._emit(']');
    });
    this._emit('])');
  }

  compileKeywordArgs(node: NjNode, frame: unknown): void {
    this._emit('runtime.makeKeywordArgs({');
    node.children.forEach((pair: NjNode, i: number) => {
      if (i > 0) this._emit(',');
      this._emit(`${JSON.stringify(String(pair.key.value))}: `);
      this.compile(pair.value, frame);
    });
    this._emit('})');
  }

  compileInlineIf(node: NjNode, frame: unknown): void {
    this._emit('(runtime.truthy(');
    this.compile(node.cond, frame);
    this._emit(') ? ');
    this.compile(node.body, frame);
    this._emit(' : ');
    if (node.else_) this.compile(node.else_, frame);
    else this._emit('runtime.noElse()');
    this._emit(')');
  }

  compileIn(node: NjNode, frame: unknown): void {
    this.emitCall('runtime.contains', [node.right, node.left], frame);
  }

  compileIs(node: NjNode, frame: unknown): void {
    const test = node.right;
    this._emit(`runtime.test(context, ${JSON.stringify(String(test.name.value))}, `);
    this.compile(node.left, frame);
    this._emit(', ');
    this._compileAggregate(test.args, frame, '[', ']');
    this._emit(')');
  }

  compileOr(node: NjNode, frame: unknown): void {
    this.emitLazy('runtime.or', node, frame);
  }

  compileAnd(node: NjNode, frame: unknown): void {
    this.emitLazy('runtime.and', node, frame);
  }

  compileNot(node: NjNode, frame: unknown): void {
    this._emit('!runtime.truthy(');
    this.compile(node.target, frame);
    this._emit(')');
  }

  compileNeg(node: NjNode, frame: unknown): void {
    this.emitCall('runtime.neg', [node.target], frame);
  }

  compilePos(node: NjNode, frame: unknown): void {
    this.emitCall('runtime.pos', [node.target], frame);
  }

  compileCompare(node: NjNode, frame: unknown): void {
    if (node.ops.length === 1) {
      this._emit(`runtime.compare(${JSON.stringify(node.ops[0].type)}, `);
      this.compile(node.expr, frame);
      this._emit(', ');
      this.compile(node.ops[0].expr, frame);
      this._emit(')');
      return;
    }
    this._emit('runtime.compareChain(');
    this.compile(node.expr, frame);
    this._emit(', [');
    node.ops.forEach((op: NjNode, i: number) => {
      if (i > 0) this._emit(', ');
      this._emit(`[${JSON.stringify(op.type)}, () => (`);
      this.compile(op.expr, frame);
      this._emit(')]');
    });
    this._emit('])');
  }

  compileLookupVal(node: NjNode, frame: unknown): void {
    if (node.val.typename === 'Slice') {
      this.emitCall('runtime.slice', [node.target, node.val.start, node.val.stop, node.val.step], frame);
      return;
    }
    this.emitCall(node.attr ? 'runtime.getattr' : 'runtime.getitem', [node.target, node.val], frame);
  }

  compileFunCall(node: NjNode, frame: unknown): void {
    this._emit(`(lineno = ${node.lineno}, colno = ${node.colno}, runtime.call(`);
    this.compile(node.name, frame);
    this._emit(`, ${JSON.stringify(this._getNodeName(node.name))}, context, `);
    this._compileAggregate(node.args, frame, '[', ']');
    this._emit('))');
  }

  compileFilter(node: NjNode, frame: unknown): void {
    this._emit(`(lineno = ${node.lineno}, colno = ${node.colno}, runtime.filter(context, ${JSON.stringify(node.name.value)}, `);
    this._compileAggregate(node.args, frame, '[', ']');
    this._emit('))');
  }

  compileIf(node: NjNode, frame: unknown): void {
    const cond = node.cond;
    node.cond = new nodes.FunCall(cond.lineno, cond.colno, new nodes.Symbol(0, 0, '__truthy__'), new nodes.NodeList(0, 0, [cond]));
    node.cond.truthyWrapper = true;
    try {
      super.compileIf(node, frame);
    } finally {
      node.cond = cond;
    }
  }

  compileFor(node: NjNode, frame: unknown): void {
    const arr = node.arr;
    node.arr = new IterNode(arr.lineno, arr.colno, arr);
    node.arr.names = node.name instanceof nodes.Array ? node.name.children.map((c: NjNode) => c.value) : [node.name.value];
    node.arr.cond = node.loopFilter;
    this.loopDepth = (this.loopDepth ?? 0) + 1;
    try {
      super.compileFor(node, frame);
    } finally {
      node.arr = arr;
      this.loopDepth -= 1;
    }
  }

  /** The iterable of a for loop, filtered by its `if` clause when there is one. */
  compilePyIter(node: NjNode, frame: any): void {
    if (!node.cond) {
      this._emit('runtime.iter(');
      this.compile(node.target, frame);
      this._emit(`, ${node.names.length})`);
      return;
    }
    const item = this._tmpid();
    const inner = frame.push();
    this._emit('runtime.loopFilter(runtime.iter(');
    this.compile(node.target, frame);
    this._emit(`, ${node.names.length}), function(${item}) { `);
    node.names.forEach((name: string, i: number) => {
      const id = this._tmpid();
      this._emit(`var ${id} = ${node.names.length > 1 ? `${item}[${i}]` : item}; `);
      inner.set(name, id);
    });
    this._emit('return runtime.truthy(');
    this.compile(node.cond, inner);
    this._emit('); })');
  }

  _compileExpression(node: NjNode, frame: unknown): void {
    if (node.truthyWrapper) {
      this.emitCall('runtime.truthy', node.args.children, frame);
      return;
    }
    this.compile(node, frame);
  }

  _emitLoopBindings(node: NjNode, arr: string, i: string, len: string): void {
    super._emitLoopBindings(node, arr, i, len);
    this._emitLine(`runtime.loopExtras(frame, ${arr}, ${i});`);
  }

  /**
   * Jinja's {% set %}: a set inside a loop body stays local to the loop (nunjucks writes through to
   * an outer variable of the same name), and `{% set a, b = x %}` unpacks.
   */
  compileSet(node: NjNode, frame: any): void {
    const first = node.targets[0];
    if (node.targets.length === 1 && first.typename === 'LookupVal' && node.value) {
      this.emitCall('runtime.setattr', [first.target, first.val, node.value], frame);
      this._emitLine(';');
      return;
    }
    const inLoop = (this.loopDepth ?? 0) > 0;
    const ids = node.targets.map((target: NjNode) => {
      if (target.typename !== 'Symbol') this.fail('cannot assign to this expression', target.lineno, target.colno);
      let id = frame.lookup(target.value);
      if (id === null || id === undefined) {
        id = this._tmpid();
        this._emitLine(`var ${id};`);
      }
      return id;
    });
    if (node.value && ids.length > 1) {
      const tmp = this._tmpid();
      this._emit(`var ${tmp} = runtime.unpack(`);
      this.compile(node.value, frame);
      this._emitLine(`, ${ids.length});`);
      ids.forEach((id: string, i: number) => this._emitLine(`${id} = ${tmp}[${i}];`));
    } else {
      this._emit(`${ids.join(' = ')} = `);
      this.compile(node.value ?? node.body, frame);
      this._emitLine(';');
    }
    node.targets.forEach((target: NjNode, i: number) => {
      const name = JSON.stringify(target.value);
      this._emitLine(`frame.set(${name}, ${ids[i]}${inLoop ? '' : ', true'});`);
      this._emitLine(`if(frame.topLevel) { context.setVariable(${name}, ${ids[i]}); }`);
    });
  }

  /** `{% with %}`: values computed in the enclosing scope, bound in a frame of their own. */
  compileWith(node: NjNode, frame: any): void {
    const ids = node.values.map((value: NjNode) => {
      const id = this._tmpid();
      this._emit(`var ${id} = `);
      this.compile(value, frame);
      this._emitLine(';');
      return id;
    });
    const inner = frame.push();
    this._emitLine('frame = frame.push();');
    node.targets.forEach((name: string, i: number) => {
      this._emitLine(`frame.set(${JSON.stringify(name)}, ${ids[i]});`);
      inner.set(name, ids[i]);
    });
    this.loopDepth = (this.loopDepth ?? 0) + 1;
    try {
      this.compile(node.body, inner);
    } finally {
      this.loopDepth -= 1;
    }
    this._emitLine('frame = frame.pop();');
  }

  private emitCall(fn: string, args: NjNode[], frame: unknown): void {
    this._emit(`${fn}(`);
    args.forEach((arg, i) => {
      if (i > 0) this._emit(', ');
      this.compile(arg, frame);
    });
    this._emit(')');
  }

  private emitLazy(fn: string, node: NjNode, frame: unknown): void {
    this._emit(`${fn}(`);
    this.compile(node.left, frame);
    this._emit(', () => (');
    this.compile(node.right, frame);
    this._emit('))');
  }

  /** A lone expression: the root function hands back its native value instead of a string. */
  compileNativeRoot(expr: NjNode): void {
    this._emitFuncBegin(expr, 'root');
    this._emit(`${this.buffer} = `);
    this.compile(expr, new njRuntime.Frame());
    this._emitLine(';');
    this._emitFuncEnd();
    this._emitLine('return { root: root };');
  }
}

for (const [node, helper] of Object.entries(BINARY_HELPERS)) {
  (JinjaCompiler.prototype as any)[`compile${node}`] = function compileBinary(this: any, n: NjNode, frame: unknown): void {
    this._emit(`runtime.${helper}(`);
    this.compile(n.left, frame);
    this._emit(', ');
    this.compile(n.right, frame);
    this._emit(')');
  };
}

export type LexOptions = PythonLexOptions;

export function parseTemplate(source: string, opts: LexOptions): NjNode {
  const parser = new JinjaParser(lexPython(source, opts));
  return parser.parseAsRoot();
}

/** Parses `source` as a single bare expression (no delimiters), failing on trailing tokens. */
export function parseExpressionSource(source: string, opts: LexOptions): NjNode {
  const parser = new JinjaParser(lexPython(`{{ ${source} }}`, { ...opts, rawVariableStrings: false }));
  parser.nextToken(); // variable-start
  const expr = parser.parseExpression();
  const end = parser.nextToken();
  if (!end || end.type !== lexer.TOKEN_VARIABLE_END) {
    parser.fail(`unexpected '${end ? end.value : 'end of template'}'`, end?.lineno, end?.colno);
  }
  if (parser.nextToken()) parser.fail('unexpected text after the expression');
  return expr;
}

/** JS source of a module returning `{ root }` for a template or a native expression. */
export function compileToCode(ast: NjNode, native: boolean): string {
  const compiler = new JinjaCompiler('template', false);
  if (native) compiler.compileNativeRoot(ast);
  else compiler.compile(ast);
  return compiler.getCode();
}
