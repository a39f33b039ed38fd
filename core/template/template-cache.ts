/**
 * Compiles each distinct template text once. A text that is a lone `{{ expr }}` compiles to a root
 * that returns the expression's native value; anything else compiles to a string-rendering root.
 */
import { compileToCode, parseExpressionSource, parseTemplate, type LexOptions } from './compiler.js';
import { closureExpression, closureTemplate } from './closure.js';
import { TsibleError } from '../errors.js';
import { nodes, type NjNode } from './nunjucks-internals.js';
import { syntaxError } from './template-errors.js';

export type RootFn = (env: unknown, context: unknown, frame: unknown, runtime: unknown, cb: (err: unknown, res: unknown) => void) => void;

export interface CompiledTemplate {
  root: RootFn;
  /** true: the root yields a native value (a lone `{{ expr }}`); false: a string. */
  native: boolean;
}

/** Ansible's templar: trim_blocks on, lstrip_blocks off. */
const LEX: LexOptions = { trimBlocks: true, lstripBlocks: false };
const MAX_ENTRIES = 20000;

/** The template module's options (Ansible's `overrides`): whitespace handling and delimiters. */
export interface JinjaOverrides {
  trimBlocks?: boolean;
  lstripBlocks?: boolean;
  blockStartString?: string;
  blockEndString?: string;
  variableStartString?: string;
  variableEndString?: string;
  commentStartString?: string;
  commentEndString?: string;
}

function lexOptions(escapeBackslashes: boolean, o?: JinjaOverrides): LexOptions {
  const lex: LexOptions & { tags?: Record<string, string> } = {
    trimBlocks: o?.trimBlocks ?? LEX.trimBlocks,
    lstripBlocks: o?.lstripBlocks ?? LEX.lstripBlocks,
    rawVariableStrings: escapeBackslashes,
  };
  if (o && (o.blockStartString || o.blockEndString || o.variableStartString || o.variableEndString || o.commentStartString || o.commentEndString)) {
    lex.tags = {
      blockStart: o.blockStartString ?? '{%', blockEnd: o.blockEndString ?? '%}',
      variableStart: o.variableStartString ?? '{{', variableEnd: o.variableEndString ?? '}}',
      commentStart: o.commentStartString ?? '{#', commentEnd: o.commentEndString ?? '#}',
    };
  }
  return lex;
}

function load(code: string): RootFn {
  // The compiled module is code nunjucks' compiler generated from the template; it only calls the
  // env/context/runtime objects it is handed.
  return (new Function(code)() as { root: RootFn }).root; // eslint-disable-line no-new-func
}

function isLoneExpression(ast: { children: { typename: string; children?: { typename: string }[] }[] }): boolean {
  if (ast.children.length !== 1) return false;
  const only = ast.children[0];
  return only.typename === 'Output' && only.children?.length === 1 && !(only.children[0] instanceof nodes.TemplateData);
}

/** 'auto': closures for statement-free templates, generated JS otherwise; 'codegen': always generated JS. */
export type CompilerMode = 'auto' | 'codegen';

/** Which filter and test names exist: as in Jinja, an unknown one fails at compile time, even in a branch never taken. */
export interface KnownNames {
  filter(name: string): boolean;
  test(name: string): boolean;
}

function checkNames(ast: NjNode, known: KnownNames): void {
  const filters: NjNode[] = ast.findAll(nodes.Filter);
  const tests: NjNode[] = ast.findAll(nodes.Is);
  if (ast instanceof nodes.Filter) filters.push(ast);
  if (ast instanceof nodes.Is) tests.push(ast);
  for (const f of filters) {
    const name = String(f.name.value);
    if (!known.filter(name)) throw new TsibleError('TSIBLE_TEMPLATE', `Could not load "${name}": '${name}'`);
  }
  for (const t of tests) {
    const name = String(t.right.name.value);
    if (!known.test(name)) throw new TsibleError('TSIBLE_TEMPLATE', `Could not load "${name}": '${name}'`);
  }
}

export class TemplateCache {
  private readonly templates = new Map<string, CompiledTemplate>();
  private readonly expressions = new Map<string, RootFn>();

  constructor(private readonly mode: CompilerMode = 'auto', private readonly known?: KnownNames) {}

  /** How many distinct templates and expressions are compiled and cached. */
  get size(): number {
    return this.templates.size + this.expressions.size;
  }

  /**
   * `escapeBackslashes` (Ansible's default for playbook strings): string literals inside `{{ }}`
   * keep their backslashes as written. The template module renders files with it off, and may
   * change whitespace handling and delimiters (`overrides`).
   */
  template(source: string, escapeBackslashes = true, overrides?: JinjaOverrides): CompiledTemplate {
    const variant = overrides ? JSON.stringify(overrides) : '';
    const key = escapeBackslashes && !variant ? source : `\u0000${escapeBackslashes}${variant}\u0000${source}`;
    let hit = this.templates.get(key);
    if (!hit) {
      hit = this.compileTemplate(source, lexOptions(escapeBackslashes, overrides));
      if (this.templates.size >= MAX_ENTRIES) this.templates.clear();
      this.templates.set(key, hit);
    }
    return hit;
  }

  expression(source: string): RootFn {
    let hit = this.expressions.get(source);
    if (!hit) {
      try {
        const ast = parseExpressionSource(source, LEX);
        if (this.known) checkNames(ast, this.known);
        hit = (this.mode === 'auto' ? closureExpression(ast) : undefined) ?? load(compileToCode(ast, true));
      } catch (err) {
        throw syntaxError(err, source);
      }
      if (this.expressions.size >= MAX_ENTRIES) this.expressions.clear();
      this.expressions.set(source, hit);
    }
    return hit;
  }

  private compileTemplate(source: string, lex: LexOptions): CompiledTemplate {
    // Jinja drops one trailing newline of the source (keep_trailing_newline=False).
    const text = source.endsWith('\n') ? source.slice(0, -1) : source;
    try {
      const ast = parseTemplate(text, lex);
      if (this.known) checkNames(ast, this.known);
      const closures = this.mode === 'auto';
      if (isLoneExpression(ast)) {
        const expr = ast.children[0].children[0];
        return { root: (closures ? closureExpression(expr) : undefined) ?? load(compileToCode(expr, true)), native: true };
      }
      return { root: (closures ? closureTemplate(ast) : undefined) ?? load(compileToCode(ast, false)), native: false };
    } catch (err) {
      throw syntaxError(err, source);
    }
  }
}
