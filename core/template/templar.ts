/**
 * Ansible's Templar on nunjucks: templates values deep (a lone `{{ expr }}` keeps its native type,
 * anything else renders to a string), evaluates bare expressions and `when:` conditionals, templates
 * variables lazily and recursively, and never templates `!unsafe` text.
 */
import { TsibleError, isTsibleError } from '../errors.js';
import type { Kernel } from '../kernel.js';
import type { PluginCandidate } from '../loader/registry.js';
import type { Logger, Vars } from '../vars.js';
import { UnsafeText, VaultValue } from '../values.js';
import type { FilterDefinition, FilterFunction } from '../../plugins/filter/types.js';
import type { TestDefinition, TestFunction } from '../../plugins/test/types.js';
import { builtinFilters, builtinGlobals, builtinTests } from './builtins.js';
import { RenderContext, RenderSession, type VarResolver } from './context.js';
import type { TemplateEnvironment } from './environment.js';
import { LookupCache, LookupSession, type LookupRunner } from './lookups.js';
import { PluginTable } from './plugin-table.js';
import { Environment, njRuntime } from './nunjucks-internals.js';
import { PyFloat, isDict, truthy } from './python.js';
import { createRuntime, resolveName, type TemplateRuntime } from './runtime.js';
import { TemplateCache, type CompilerMode, type JinjaOverrides, type RootFn } from './template-cache.js';
import { renderError } from './template-errors.js';
import { isUndefined } from './undefined.js';

export interface TemplarOptions {
  filters: Record<string, FilterFunction>;
  tests: Record<string, TestFunction>;
  lookup?: LookupRunner;
  onEnvironment?: (env: TemplateEnvironment) => void;
  log?: Logger;
  /** Back end: 'auto' (default) or 'codegen' to force nunjucks-style generated JS (tests, debugging). */
  compiler?: CompilerMode;
}

export interface TemplateOptions {
  /** false: a string whose rendering meets an undefined variable is returned unchanged. */
  failOnUndefined?: boolean;
  /** Where the value comes from (task, file); appended to error messages. */
  context?: string;
  /**
   * Ansible's escape_backslashes (default true): inside `{{ }}`, string literals keep their
   * backslashes as written (`{{ 'a\tb' }}` is a, backslash, t, b). The template module turns it off.
   */
  escapeBackslashes?: boolean;
  /** The template module's whitespace and delimiter options (trim_blocks, lstrip_blocks, *_start_string …). */
  overrides?: JinjaOverrides;
  /** Always render to a string, even a lone `{{ expr }}` (a template file's content). */
  asText?: boolean;
}

const MAX_LOOKUP_ROUNDS = 10;

/** Whether `value` holds `{{`, `{%` or `{#`; one scan, as every variable read and module argument asks it. */
export function isTemplateString(value: string): boolean {
  for (let i = value.indexOf('{'); i !== -1; i = value.indexOf('{', i + 1)) {
    const next = value.charCodeAt(i + 1);
    if (next === 123 /* { */ || next === 37 /* % */ || next === 35 /* # */) return true;
  }
  return false;
}

export class Templar {
  private readonly filters = new PluginTable<FilterFunction>();
  private readonly hookNames = new Set<string>();
  private readonly builtinNames = new Set<string>();
  private readonly tests = new PluginTable<TestFunction>();
  private readonly globals: Record<string, unknown> = Object.create(null);
  private readonly runtime: TemplateRuntime;
  private readonly cache: TemplateCache;
  private readonly env = new Environment(null, { autoescape: false });
  private readonly lookupRunner?: LookupRunner;
  private readonly log?: Logger;
  private readonly resolver: VarResolver = { resolveVar: (raw, session) => this.resolveVar(raw, session) };

  constructor(options: TemplarOptions) {
    this.runtime = createRuntime({ filters: this.filters, tests: this.tests });
    this.cache = new TemplateCache(options.compiler ?? 'auto', {
      filter: (name) => resolveName(this.filters, name) !== undefined,
      test: (name) => resolveName(this.tests, name) !== undefined,
    });
    this.lookupRunner = options.lookup;
    this.log = options.log;
    for (const [name, fn] of Object.entries(options.filters)) this.filters.set(name, fn);
    for (const [name, fn] of Object.entries(options.tests)) this.tests.set(name, fn);
    for (const [name, fn] of Object.entries(builtinFilters(this.runtime))) this.filters.set(name, fn);
    this.filters.set('d', this.filters.get('default')!);
    for (const [name, fn] of Object.entries(builtinTests)) this.tests.set(name, fn);
    for (const name of [...Object.keys(builtinFilters(this.runtime)), 'd']) this.builtinNames.add(`filter:${name}`);
    for (const name of Object.keys(builtinTests)) this.builtinNames.add(`test:${name}`);
    Object.assign(this.globals, builtinGlobals());
    options.onEnvironment?.(this.environment);
  }

  /** The handle `templateEnvironment` hook taps receive. */
  get environment(): TemplateEnvironment {
    return {
      addFilter: (name, fn) => { this.filters.set(name, fn); this.hookNames.add(`filter:${name}`); },
      addTest: (name, fn) => { this.tests.set(name, fn); this.hookNames.add(`test:${name}`); },
      addGlobal: (name, value) => void (this.globals[name] = value),
    };
  }

  /** Adds plugin filters/tests; names set through `environment` and the engine's own built-ins keep theirs. */
  addPlugins(filters: Record<string, FilterFunction>, tests: Record<string, TestFunction>): void {
    for (const [name, fn] of Object.entries(filters)) {
      if (!this.hookNames.has(`filter:${name}`) && !this.builtinNames.has(`filter:${name}`)) this.filters.set(name, fn);
    }
    for (const [name, fn] of Object.entries(tests)) {
      if (!this.hookNames.has(`test:${name}`) && !this.builtinNames.has(`test:${name}`)) this.tests.set(name, fn);
    }
  }

  /**
   * Filter and test plugins whose names are filled in on first use (the built-ins), highest
   * precedence first; every name already known keeps its function (see PluginTable).
   */
  deferPlugins(filters: Array<() => Record<string, FilterFunction>>, tests: Array<() => Record<string, TestFunction>>): void {
    this.filters.defer(filters);
    this.tests.defer(tests);
  }

  /** Distinct template texts compiled so far (diagnostics, tests). */
  get compiledCount(): number {
    return this.cache.size;
  }

  isTemplate(value: unknown): boolean {
    if (typeof value === 'string') return isTemplateString(value);
    // Plain loops: this walks every argument and connection variable of every task.
    if (Array.isArray(value)) {
      for (const v of value) if (this.isTemplate(v)) return true;
    } else if (isDict(value)) {
      for (const key of Object.keys(value)) if (this.isTemplate(value[key])) return true;
    }
    return false;
  }

  async template(value: unknown, vars: Vars, options: TemplateOptions = {}): Promise<unknown> {
    if (!options.overrides && !this.isTemplate(value)) return value instanceof VaultValue ? value.reveal() : value;
    return this.withSession(vars, (session) => this.templateDeep(value, session, options));
  }

  /**
   * Synchronous template(), for places that cannot await (a hostvars view read in the middle of a
   * render). A lookup in the value fails with a clear error instead of being awaited.
   */
  templateSync(value: unknown, vars: Vars, options: TemplateOptions = {}): unknown {
    if (!this.isTemplate(value)) return value instanceof VaultValue ? value.reveal() : value;
    const lookups = new LookupSession(new LookupCache(), undefined, vars, this.log);
    return this.templateDeep(value, new RenderSession(vars, this.globals, this.resolver, lookups), options);
  }

  async evaluate(expression: string, vars: Vars): Promise<unknown> {
    return this.withSession(vars, (session) => this.evaluateSync(expression, session));
  }

  async conditional(condition: unknown, vars: Vars, context?: string): Promise<boolean> {
    return this.withSession(vars, (session) => this.conditionalSync(condition, session, context));
  }

  private evaluateSync(expression: string, session: RenderSession, context?: string): unknown {
    const root = this.cache.expression(expression.trim());
    return this.run(root, session, expression, context, true);
  }

  private conditionalSync(condition: unknown, session: RenderSession, context?: string): boolean {
    if (Array.isArray(condition)) return condition.every((c) => this.conditionalSync(c, session, context));
    if (condition === null || condition === undefined || condition === '') return true;
    if (typeof condition === 'boolean') return condition;
    if (condition instanceof UnsafeText) {
      throw new TsibleError('TSIBLE_TEMPLATE', `Conditional is marked as unsafe, and cannot be evaluated: ${condition.text}`);
    }
    if (typeof condition !== 'string') return truthy(condition);
    try {
      let expression = condition;
      if (isTemplateString(condition)) {
        this.log?.warn(`conditional statements should not include jinja2 templating delimiters such as {{ }} or {% %}. Found: ${condition}`);
        const rendered = this.templateString(condition, session, {});
        if (typeof rendered !== 'string' || rendered === '') return truthy(rendered);
        expression = rendered;
      }
      return truthy(this.evaluateSync(expression, session));
    } catch (err) {
      if (!isTsibleError(err)) throw err;
      const where = context ? ` (${context})` : '';
      const detail = err.code === 'TSIBLE_UNDEFINED' ? `error while evaluating conditional (${condition}): ${err.message}` : err.message;
      throw new TsibleError(err.code, `The conditional check '${condition}' failed. The error was: ${detail}${where}`,
        { cause: err, hints: err.hints });
    }
  }

  /** Runs `fn` until no lookup is pending (see lookups.ts); each round re-renders from scratch. */
  private async withSession<T>(vars: Vars, fn: (session: RenderSession) => T): Promise<T> {
    const cache = new LookupCache();
    for (let round = 0; ; round++) {
      const lookups = new LookupSession(cache, this.lookupRunner, vars, this.log);
      const session = new RenderSession(vars, this.globals, this.resolver, lookups);
      let result: T;
      try {
        result = fn(session);
      } catch (err) {
        if (!lookups.pending.length || round >= MAX_LOOKUP_ROUNDS) throw err;
        await Promise.all(lookups.pending);
        continue;
      }
      if (!lookups.pending.length) return result;
      if (round >= MAX_LOOKUP_ROUNDS) throw new TsibleError('TSIBLE_TEMPLATE', 'lookups nested too deeply');
      await Promise.all(lookups.pending);
    }
  }

  private resolveVar(raw: unknown, session: RenderSession): unknown {
    if (typeof raw === 'string') return isTemplateString(raw) ? this.templateString(raw, session, {}) : raw;
    if (raw === null || typeof raw !== 'object') return raw;
    if (raw instanceof UnsafeText) return raw;
    if (!this.isTemplate(raw)) return raw;
    return this.templateDeep(raw, session, {});
  }

  private templateDeep(value: unknown, session: RenderSession, options: TemplateOptions): unknown {
    if (typeof value === 'string') return this.templateString(value, session, options);
    if (value instanceof VaultValue) return value.reveal();
    if (Array.isArray(value)) return value.map((v) => this.templateDeep(v, session, options));
    if (isDict(value)) {
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(value)) out[k] = this.templateDeep(v, session, options);
      return out;
    }
    return value;
  }

  private templateString(source: string, session: RenderSession, options: TemplateOptions): unknown {
    if (source.startsWith(JINJA2_OVERRIDE)) {
      const { overrides, body } = headerOverrides(source);
      return this.templateString(body, session, { ...options, overrides: { ...options.overrides, ...overrides } });
    }
    if (!options.overrides && !isTemplateString(source)) return source;
    try {
      const compiled = this.cache.template(source, options.escapeBackslashes ?? true, options.overrides);
      const result = this.run(compiled.root, session, source, options.context, compiled.native);
      if (compiled.native && !options.asText) return result;
      const text = compiled.native ? this.runtime.out(result) as string : result as string;
      return keepTrailingNewlines(text, source);
    } catch (err) {
      if (options.failOnUndefined === false && isTsibleError(err) && err.code === 'TSIBLE_UNDEFINED') return source;
      throw withContext(err, options.context);
    }
  }

  private run(root: RootFn, session: RenderSession, source: string, context: string | undefined, native: boolean): unknown {
    const frame = new njRuntime.Frame();
    frame.topLevel = true;
    let error: unknown;
    let result: unknown;
    root(this.env, new RenderContext(session), frame, this.runtime, (err, res) => {
      error = err;
      result = res;
    });
    if (error) throw renderError(error, source, context);
    if (!native) return result;
    try {
      return this.checkNative(result);
    } catch (err) {
      throw renderError(err, source, context);
    }
  }

  /**
   * A native result must not smuggle out an undefined value (Ansible fails when it is used), and
   * leaves as plain data: boxed floats become numbers (in place: they only occur in values the
   * render itself built).
   */
  private checkNative(value: unknown): unknown {
    if (isUndefined(value)) value.fail();
    if (value instanceof njRuntime.SafeString) return String(value);
    if (value instanceof PyFloat) return value.value;
    if (value instanceof VaultValue) return value.reveal();
    if (Array.isArray(value)) {
      value.forEach((v, i) => {
        const out = this.checkNative(v);
        if (out !== v) value[i] = out;
      });
    } else if (isDict(value)) {
      for (const [k, v] of Object.entries(value)) {
        const out = this.checkNative(v);
        if (out !== v) value[k] = out;
      }
    }
    return value;
  }
}

/** Names where the failing template came from (task, file), once. */
function withContext(err: unknown, context: string | undefined): unknown {
  if (!context || !isTsibleError(err) || err.message.endsWith(`(${context})`)) return err;
  return new TsibleError(err.code, `${err.message} (${context})`, { cause: err, hints: err.hints });
}

const JINJA2_OVERRIDE = '#jinja2:';

/** A first line `#jinja2: trim_blocks: False, variable_start_string: '[['` sets Jinja options for the rest. */
function headerOverrides(source: string): { overrides: JinjaOverrides; body: string } {
  const eol = source.indexOf('\n');
  const line = source.slice(JINJA2_OVERRIDE.length, eol < 0 ? undefined : eol);
  const overrides: Record<string, unknown> = {};
  for (const pair of line.split(',')) {
    const colon = pair.indexOf(':');
    if (colon < 0) {
      throw new TsibleError('TSIBLE_TEMPLATE',
        `failed to parse jinja2 override '${pair.trim()}'. Did you use something different from colon as key-value separator?`);
    }
    const key = pair.slice(0, colon).trim().replace(/_(\w)/g, (_m, c: string) => c.toUpperCase());
    const raw = pair.slice(colon + 1).trim();
    overrides[key] = raw === 'True' ? true : raw === 'False' ? false : raw.replace(/^(['"])(.*)\1$/, '$2');
  }
  return { overrides: overrides as JinjaOverrides, body: eol < 0 ? '' : source.slice(eol + 1) };
}

/** Ansible keeps the template's trailing newlines, which Jinja's rendering drops. */
function keepTrailingNewlines(result: string, source: string): string {
  if (source.charCodeAt(source.length - 1) !== 10) return result;
  const count = (s: string): number => {
    let n = 0;
    while (n < s.length && s.charCodeAt(s.length - 1 - n) === 10) n++;
    return n;
  };
  const missing = count(source) - count(result);
  return missing > 0 ? result + '\n'.repeat(missing) : result;
}

interface PluginTables {
  filters: Record<string, FilterFunction>;
  tests: Record<string, TestFunction>;
  /** The built-in plugins, highest precedence first, loaded when a template needs a name they may have. */
  deferredFilters: Array<() => Record<string, FilterFunction>>;
  deferredTests: Array<() => Record<string, TestFunction>>;
}

/** Built-ins load with a plain `require` and rank below every other origin, so they can wait. */
function deferred(candidate: PluginCandidate): boolean {
  return candidate.origin === 'builtin' && candidate.loadSync !== undefined;
}

async function loadPluginTables(kernel: Kernel): Promise<PluginTables> {
  const out: PluginTables = { filters: {}, tests: {}, deferredFilters: [], deferredTests: [] };
  const filterCandidates = kernel.registry.all('filter');
  const testCandidates = kernel.registry.all('test');
  // Lower precedence first, so higher precedence overrides.
  for (const candidate of filterCandidates.filter((c) => !deferred(c)).reverse()) {
    addNamed(out.filters, ((await kernel.registry.load(candidate)) as FilterDefinition).filters, candidate.namespaces);
  }
  for (const candidate of testCandidates.filter((c) => !deferred(c)).reverse()) {
    addNamed(out.tests, ((await kernel.registry.load(candidate)) as TestDefinition).tests, candidate.namespaces);
  }
  out.deferredFilters = filterCandidates.filter(deferred).map((candidate) => () =>
    addNamed({}, (kernel.registry.loadNow(candidate) as FilterDefinition).filters, candidate.namespaces));
  out.deferredTests = testCandidates.filter(deferred).map((candidate) => () =>
    addNamed({}, (kernel.registry.loadNow(candidate) as TestDefinition).tests, candidate.namespaces));
  return out;
}

/**
 * A new Templar with every filter and test plugin of the kernel's registry: the project's and
 * npm's loaded now, the built-ins on the first name a template uses that the others lack.
 */
export async function buildTemplar(kernel: Kernel, extra: Partial<TemplarOptions> = {}): Promise<Templar> {
  const { filters, tests, deferredFilters, deferredTests } = await loadPluginTables(kernel);
  const templar = new Templar({
    ...extra,
    filters: { ...filters, ...extra.filters },
    tests: { ...tests, ...extra.tests },
    log: extra.log ?? kernel.log,
    onEnvironment: (env) => {
      kernel.hooks.templateEnvironment.call(env);
      extra.onEnvironment?.(env);
    },
  });
  templar.deferPlugins(deferredFilters, deferredTests);
  return templar;
}

/**
 * Adds the filter and test plugins registered since the templar was built (a role's
 * `filter_plugins/` found after the play started). Filters added through `templateEnvironment`
 * keep precedence over plugins of the same name.
 */
export async function refreshTemplar(kernel: Kernel, templar: Templar): Promise<void> {
  const { filters, tests } = await loadPluginTables(kernel);
  templar.addPlugins(filters, tests);
}

function addNamed<T>(target: Record<string, T>, source: Record<string, T>, namespaces: string[]): Record<string, T> {
  for (const [name, fn] of Object.entries(source)) {
    target[name] = fn;
    for (const ns of namespaces) target[`${ns}.${name}`] = fn;
  }
  return target;
}
