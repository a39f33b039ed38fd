/**
 * A second back end for the common case: templates made only of text and expressions (no
 * {% %} statements) become a tree of closures instead of generated JS source. Generating and
 * `new Function`-compiling source costs ~0.5 ms per distinct template (V8 parses and compiles it on
 * first run); closures cost a few µs, and render as fast. Anything with statements returns
 * undefined and goes through compiler.ts. Both back ends call the same per-templar runtime, so their
 * semantics cannot drift apart.
 */
import { nodes, type NjNode } from './nunjucks-internals.js';
import type { RootFn } from './template-cache.js';
import type { TemplateRuntime } from './runtime.js';

/* eslint-disable @typescript-eslint/no-explicit-any */
type Ev = (ctx: any, frame: any, rt: TemplateRuntime) => unknown;

const BINARY: Record<string, string> = {
  Add: 'add', Sub: 'sub', Mul: 'mul', Div: 'div', FloorDiv: 'floordiv', Mod: 'mod', Pow: 'pow', Concat: 'concat',
};

class Unsupported extends Error {}

function list(children: NjNode[]): Ev[] {
  return children.map(expr);
}

function args(children: NjNode[]): Ev {
  const evs = children.map((c) => (c.typename === 'KeywordArgs' ? kwargs(c) : expr(c)));
  return (c, f, rt) => evs.map((e) => e(c, f, rt));
}

function kwargs(node: NjNode): Ev {
  const pairs = node.children.map((p: NjNode) => [String(p.key.value), expr(p.value)] as const);
  return (c, f, rt) => {
    const obj: Record<string, unknown> = {};
    for (const [k, e] of pairs) obj[k] = e(c, f, rt);
    return rt.makeKeywordArgs(obj);
  };
}

function lookup(node: NjNode): Ev {
  const target = expr(node.target);
  if (node.val.typename === 'Slice') {
    const [a, b, s] = [expr(node.val.start), expr(node.val.stop), expr(node.val.step)];
    return (c, f, rt) => rt.slice(target(c, f, rt), a(c, f, rt), b(c, f, rt), s(c, f, rt));
  }
  const key = expr(node.val);
  if (node.attr) return (c, f, rt) => rt.getattr(target(c, f, rt), key(c, f, rt));
  return (c, f, rt) => rt.getitem(target(c, f, rt), key(c, f, rt));
}

function compare(node: NjNode): Ev {
  const first = expr(node.expr);
  const ops = node.ops.map((op: NjNode) => [op.type as string, expr(op.expr)] as const);
  if (ops.length === 1) {
    const [op, right] = ops[0];
    return (c, f, rt) => rt.compare(op, first(c, f, rt), right(c, f, rt));
  }
  return (c, f, rt) => rt.compareChain(first(c, f, rt), ops.map(([op, e]: readonly [string, Ev]) => [op, () => e(c, f, rt)]));
}

function expr(node: NjNode): Ev {
  const t = node.typename as string;
  if (BINARY[t]) {
    const [l, r, fn] = [expr(node.left), expr(node.right), BINARY[t]];
    return (c, f, rt) => rt[fn](l(c, f, rt), r(c, f, rt));
  }
  switch (t) {
    case 'Literal': {
      if (node.isFloat) { const n = node.value; return (_c, _f, rt) => rt.pyFloat(n); }
      const v = node.value;
      return () => v;
    }
    case 'Symbol': { const name = node.value; return (c, f, rt) => rt.contextOrFrameLookup(c, f, name); }
    case 'LookupVal': return lookup(node);
    case 'Group': { if (node.children.length !== 1) throw new Unsupported(); return expr(node.children[0]); }
    case 'Tuple': { const items = list(node.children); return (c, f, rt) => rt.tuple(items.map((e) => e(c, f, rt))); }
    case 'Array': { const items = list(node.children); return (c, f, rt) => items.map((e) => e(c, f, rt)); }
    case 'Dict': {
      const pairs = node.children.map((p: NjNode) => [expr(p.key), expr(p.value)] as const);
      return (c, f, rt) => rt.dict(pairs.map(([k, v]: readonly [Ev, Ev]) => [k(c, f, rt), v(c, f, rt)]));
    }
    case 'Filter': {
      const name = node.name.value;
      const a = args(node.args.children);
      return (c, f, rt) => rt.filter(c, name, a(c, f, rt));
    }
    case 'FunCall': {
      const [callee, a] = [expr(node.name), args(node.args.children)];
      return (c, f, rt) => rt.call(callee(c, f, rt), 'function', c, a(c, f, rt));
    }
    case 'Is': {
      const [left, a, name] = [expr(node.left), args(node.right.args.children), String(node.right.name.value)];
      return (c, f, rt) => rt.test(c, name, left(c, f, rt), a(c, f, rt));
    }
    case 'In': { const [l, r] = [expr(node.left), expr(node.right)]; return (c, f, rt) => rt.contains(r(c, f, rt), l(c, f, rt)); }
    case 'Not': { const x = expr(node.target); return (c, f, rt) => !rt.truthy(x(c, f, rt)); }
    case 'Neg': { const x = expr(node.target); return (c, f, rt) => rt.neg(x(c, f, rt)); }
    case 'Pos': { const x = expr(node.target); return (c, f, rt) => rt.pos(x(c, f, rt)); }
    case 'And': { const [l, r] = [expr(node.left), expr(node.right)]; return (c, f, rt) => rt.and(l(c, f, rt), () => r(c, f, rt)); }
    case 'Or': { const [l, r] = [expr(node.left), expr(node.right)]; return (c, f, rt) => rt.or(l(c, f, rt), () => r(c, f, rt)); }
    case 'Compare': return compare(node);
    case 'InlineIf': {
      const [cond, body] = [expr(node.cond), expr(node.body)];
      const other = node.else_ ? expr(node.else_) : (_c: unknown, _f: unknown, rt: TemplateRuntime) => rt.noElse();
      return (c, f, rt) => (rt.truthy(cond(c, f, rt)) ? body(c, f, rt) : other(c, f, rt));
    }
    default: throw new Unsupported(t);
  }
}

function root(body: (c: any, f: any, rt: TemplateRuntime) => unknown): RootFn {
  return (_env, context, frame, runtime, cb) => {
    let out: unknown;
    try {
      out = body(context, frame, runtime as TemplateRuntime);
    } catch (err) {
      cb(err, undefined);
      return;
    }
    cb(null, out);
  };
}

/** A closure-tree root for a lone expression (native result). */
export function closureExpression(node: NjNode): RootFn | undefined {
  try {
    return root(expr(node));
  } catch (err) {
    if (err instanceof Unsupported) return undefined;
    throw err;
  }
}

/** A closure-tree root for text and `{{ }}` outputs only; undefined when the template has statements. */
export function closureTemplate(ast: NjNode): RootFn | undefined {
  const parts: (string | Ev)[] = [];
  try {
    for (const child of ast.children) {
      if (child.typename !== 'Output') return undefined;
      for (const item of child.children) {
        if (item instanceof nodes.TemplateData) parts.push(String(item.value));
        else parts.push(expr(item));
      }
    }
  } catch (err) {
    if (err instanceof Unsupported) return undefined;
    throw err;
  }
  return root((c, f, rt) => {
    let out = '';
    for (const p of parts) out += typeof p === 'string' ? p : rt.out(p(c, f, rt));
    return out;
  });
}
