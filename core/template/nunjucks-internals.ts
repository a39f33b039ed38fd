/**
 * Typed access to the parts of nunjucks that tsible builds on: its lexer, parser, node classes and
 * compiler. nunjucks ships no types for these internals, so they are declared here loosely; nothing
 * in them is patched (subclasses in parser.ts and compiler.ts extend them per use).
 */
/* eslint-disable @typescript-eslint/no-explicit-any, @typescript-eslint/no-require-imports */

export interface NjToken {
  type: string;
  value: any;
  lineno: number;
  colno: number;
}

export type NjNode = any;
export type NjNodeClass = any;

export const lexer: {
  lex(src: string, opts?: object): unknown;
  [token: string]: any;
} = require('nunjucks/src/lexer');

export const nodes: Record<string, NjNodeClass> = require('nunjucks/src/nodes');

export const ParserBase: new (tokens: unknown) => any = require('nunjucks/src/parser').Parser;

export const CompilerBase: new (name?: string, throwOnUndefined?: boolean) => any = require('nunjucks/src/compiler').Compiler;

export const transformer: { transform(ast: NjNode, asyncFilters: string[], name?: string): NjNode } =
  require('nunjucks/src/transformer');

export const njRuntime: Record<string, any> = require('nunjucks/src/runtime');

export const njLib: { TemplateError: new (message: string | Error, lineno?: number, colno?: number) => Error } =
  require('nunjucks/src/lib');

export const Environment: new (loaders?: unknown, opts?: Record<string, unknown>) => any = require('nunjucks').Environment;
