/**
 * What a compiled template sees as `context`: variable lookup with Ansible's lazy, recursive
 * templating of variable values, then the templar's globals. One RenderSession spans one top-level
 * `Templar.template()` call: it memoises resolved variables, detects self-reference loops and
 * collects pending asynchronous lookups (see lookups.ts).
 */
import { TsibleError, isTsibleError } from '../errors.js';
import { isDict, pyStr } from './python.js';
import { JinjaUndefined } from './undefined.js';
import type { Vars } from '../vars.js';
import type { LookupSession } from './lookups.js';

export interface VarResolver {
  /** Templates a variable's raw value (deep), or returns it unchanged when it holds no template. */
  resolveVar(raw: unknown, session: RenderSession): unknown;
}

export class RenderSession {
  private readonly resolved = new Map<string, unknown>();
  private readonly resolving: string[] = [];

  constructor(
    readonly vars: Vars,
    readonly globals: Record<string, unknown>,
    readonly resolver: VarResolver,
    readonly lookups: LookupSession,
  ) {}

  variable(name: string): unknown {
    if (this.resolved.has(name)) return this.resolved.get(name);
    const raw = this.vars[name];
    if (raw === undefined && !(name in this.vars)) {
      return name in this.globals ? this.globals[name] : undefined;
    }
    if (this.resolving.includes(name)) {
      throw new TsibleError('TSIBLE_TEMPLATE', `recursive loop detected in template string: ${String(raw)}`, {
        hints: [`variable '${name}' refers to itself (through ${[...this.resolving, name].join(' -> ')})`],
      });
    }
    // As Ansible: `vars` and `hostvars` are handed out as they are (the engine's hostvars view
    // templates per host on access); everything else is templated on first use.
    if (name === 'hostvars' || (name === 'vars' && isDict(raw))) return raw;
    this.resolving.push(name);
    let value: unknown;
    try {
      value = this.resolver.resolveVar(raw, this);
    } catch (err) {
      // A variable whose template meets an undefined variable is itself undefined, failing only when
      // used: `x is defined` is false and `x | default(…)` works, as in Ansible.
      if (!isTsibleError(err) || err.code !== 'TSIBLE_UNDEFINED') throw err;
      value = new JinjaUndefined(name, undefined, `${pyStr(raw)}: ${err.message}`);
    } finally {
      this.resolving.pop();
    }
    this.resolved.set(name, value);
    return value;
  }
}

/** The object nunjucks' compiled code calls `context.lookup(name)` and `context.setVariable` on. */
export class RenderContext {
  private readonly locals: Record<string, unknown> = Object.create(null);

  constructor(readonly session: RenderSession) {}

  lookup(name: string): unknown {
    if (name in this.locals) return this.locals[name];
    return this.session.variable(name);
  }

  setVariable(name: string, value: unknown): void {
    this.locals[name] = value;
  }

  addExport(): void {
    // Exports only matter for {% import %}, which string templates do not use.
  }

  getVariables(): Record<string, unknown> {
    return { ...this.session.vars, ...this.locals };
  }

  getBlock(name: string): never {
    throw new TsibleError('TSIBLE_TEMPLATE', `template blocks are not supported (block '${name}')`);
  }
}
