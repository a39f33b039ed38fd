/**
 * `lookup()`, `query()` and `q()` inside templates. Lookup plugins are asynchronous but a template
 * renders synchronously, so a render that meets a lookup whose result is not known yet records it as
 * pending and carries on with a placeholder; the templar then awaits every pending lookup and renders
 * again, now answering from the cache. A lookup runs once per (name, terms, options) per top-level
 * `template()` call; a template needs one extra render per level of lookups nested in lookups.
 */
import { TsibleError } from '../errors.js';
import type { Logger, Vars } from '../vars.js';
import { markKwargs, splitKwargs } from './kwargs.js';
import { isUndefined } from './undefined.js';

export type LookupRunner = (name: string, terms: unknown[], kwargs: Record<string, unknown>, vars: Vars) => Promise<unknown[]>;

type Outcome = { ok: true; value: unknown[] } | { ok: false; error: unknown };

export class LookupCache {
  readonly outcomes = new Map<string, Outcome>();
  readonly inflight = new Set<string>();
}

export class LookupSession {
  readonly pending: Promise<void>[] = [];

  constructor(
    private readonly cache: LookupCache,
    private readonly runner: LookupRunner | undefined,
    private readonly vars: Vars,
    private readonly log?: Logger,
  ) {}

  /** Ansible's `errors=` option: strict (raise), warn (warning, no result) or ignore (no result). */
  private failed(name: string, error: unknown, mode: unknown): unknown[] | null {
    if (mode !== 'warn' && mode !== 'ignore') throw error;
    const reason = error instanceof Error ? error.message : String(error);
    const message = `An unhandled exception occurred while running the lookup plugin '${name}'. original message: ${reason}`;
    if (mode === 'warn') this.log?.warn(message);
    else this.log?.debug(message);
    return null;
  }

  /** Returns the lookup's list, or undefined while it is still pending. */
  /** The lookup's list; undefined while it is still pending; null when it failed under errors=warn|ignore. */
  run(name: unknown, rawArgs: unknown[]): unknown[] | null | undefined {
    if (typeof name !== 'string') throw new TsibleError('TSIBLE_TEMPLATE', 'lookup() needs a plugin name as its first argument');
    const { args: terms, kwargs: allKwargs } = splitKwargs(rawArgs);
    const { errors: errorMode, ...kwargs } = allKwargs;
    for (const t of [...terms, ...Object.values(kwargs)]) if (isUndefined(t)) t.fail();
    const key = cacheKey(name, terms, kwargs);
    const outcome = this.cache.outcomes.get(key);
    if (outcome) {
      if (outcome.ok) return outcome.value;
      return this.failed(name, outcome.error, errorMode);
    }
    if (this.cache.inflight.has(key)) return undefined;
    if (!this.runner) {
      throw new TsibleError('TSIBLE_TEMPLATE', `lookup('${name}') is not available here (no lookup runner, or a synchronous context such as a hostvars value)`);
    }
    const runner = this.runner;
    this.cache.inflight.add(key);
    this.pending.push((async () => {
      try {
        const value = await runner(name, terms, { ...kwargs }, this.vars);
        this.cache.outcomes.set(key, { ok: true, value: Array.isArray(value) ? value : [value] });
      } catch (error) {
        this.cache.outcomes.set(key, { ok: false, error });
      }
    })());
    return undefined;
  }
}

function cacheKey(name: string, terms: unknown[], kwargs: Record<string, unknown>): string {
  try {
    return JSON.stringify([name, terms, kwargs]);
  } catch {
    return `${name}:${terms.map(String).join('\u0000')}`;
  }
}

/** Ansible's lookup(): a comma-joined string for a list of strings, the lone item of a one-item list. */
export function lookupResult(values: unknown[], wantlist: boolean): unknown {
  if (wantlist || values.length === 0) return values;
  if (values.every((v) => typeof v === 'string')) return values.join(',');
  return values.length === 1 ? values[0] : values;
}

export function lookupGlobals(): Record<string, (this: { session: { lookups: LookupSession } }, ...args: unknown[]) => unknown> {
  function call(session: LookupSession, args: unknown[], forceList: boolean): unknown {
    const { args: pos, kwargs } = splitKwargs(args);
    const { wantlist, ...rest } = kwargs;
    const values = session.run(pos[0], [...pos.slice(1), markKwargs(rest)]);
    if (values === undefined) return forceList || wantlist ? [] : '';
    if (values === null) return forceList || wantlist ? [] : null;
    return lookupResult(values, forceList || wantlist === true);
  }
  return {
    lookup(...args) { return call(this.session.lookups, args, false); },
    query(...args) { return call(this.session.lookups, args, true); },
    q(...args) { return call(this.session.lookups, args, true); },
  };
}
