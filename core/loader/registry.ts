import { PluginNotFoundError, TsibleError } from '../errors.js';
import type { DefinitionByType, PluginDefinition, PluginType } from '../plugin.js';
import { suggest } from '../util/suggest.js';

/** Where a plugin came from, in precedence order (earlier wins). */
export const ORIGIN_ORDER = ['inline', 'config', 'npm', 'adjacent', 'builtin'] as const;
export type PluginOrigin = (typeof ORIGIN_ORDER)[number];

/** Namespaces every built-in answers to, so `copy`, `ansible.builtin.copy` and `tsible.builtin.copy` all resolve. */
export const BUILTIN_NAMESPACES = ['ansible.builtin', 'tsible.builtin', 'ansible.legacy'];

export interface PluginCandidate {
  type: PluginType;
  /** Short name: `copy`. */
  name: string;
  /** FQCN prefixes it answers to: `ansible.builtin` makes `ansible.builtin.copy` resolve. */
  namespaces: string[];
  origin: PluginOrigin;
  /** A file path, a package name or `inline`. */
  location: string;
  /** Loads the definition; called at most once, on first use. */
  load(): Promise<PluginDefinition>;
  /**
   * Loads the definition at once, where that is possible (the built-ins: a plain `require`), so a
   * table of filters or tests can be filled on the first name it lacks (see `loadNow`).
   */
  loadSync?(): PluginDefinition;
}

interface Entry extends PluginCandidate {
  order: number;
  loaded?: Promise<PluginDefinition>;
  definition?: PluginDefinition;
}

function checkedKind(entry: Entry, def: PluginDefinition): PluginDefinition {
  if (def.kind !== entry.type) {
    throw new TsibleError('TSIBLE_PLUGIN_INVALID',
      `plugin '${entry.name}' (${entry.location}) was registered as a ${entry.type} plugin but provides a ${def.kind}`);
  }
  return def;
}

export interface PluginListRow {
  type: PluginType;
  name: string;
  fqcn: string[];
  origin: PluginOrigin;
  location: string;
  /** Locations of lower-precedence candidates this one hides. */
  overrides: string[];
}

function splitName(name: string): { namespace?: string; short: string } {
  const dot = name.lastIndexOf('.');
  return dot < 0 ? { short: name } : { namespace: name.slice(0, dot), short: name.slice(dot + 1) };
}

/**
 * All plugins a kernel knows about, by type. Candidates are registered cheaply (no code loaded);
 * `resolve` picks the highest-precedence candidate and loads it on first use.
 */
export class PluginRegistry {
  private readonly entries = new Map<PluginType, Entry[]>();
  private readonly searched = new Map<PluginType | '*', string[]>();
  private counter = 0;

  add(candidate: PluginCandidate): void {
    const list = this.entries.get(candidate.type) ?? [];
    // Kept sorted by origin, then by order of registration: the new entry goes after every entry
    // of the same or a higher-precedence origin (what re-sorting after each add gave, without the sort).
    const rank = ORIGIN_ORDER.indexOf(candidate.origin);
    let at = list.length;
    while (at > 0 && ORIGIN_ORDER.indexOf(list[at - 1].origin) > rank) at--;
    list.splice(at, 0, { ...candidate, order: this.counter++ });
    this.entries.set(candidate.type, list);
  }

  /** Records a place that was searched, for "not found" messages (`type` '*' = every type). */
  noteSearched(type: PluginType | '*', place: string): void {
    const list = this.searched.get(type) ?? [];
    if (!list.includes(place)) list.push(place);
    this.searched.set(type, list);
  }

  /** Every candidate matching `name` (short or FQCN), highest precedence first. */
  candidates(type: PluginType, name: string): PluginCandidate[] {
    const { namespace, short } = splitName(name);
    return (this.entries.get(type) ?? []).filter(
      (e) => e.name === short && (namespace === undefined || e.namespaces.includes(namespace)),
    );
  }

  has(type: PluginType, name: string): boolean {
    return this.candidates(type, name).length > 0;
  }

  /** All candidates of a type, highest precedence first (filters, tests and callbacks load several). */
  all(type: PluginType): PluginCandidate[] {
    return [...(this.entries.get(type) ?? [])];
  }

  async resolve<T extends PluginType>(type: T, name: string): Promise<DefinitionByType[T]> {
    const [winner] = this.candidates(type, name) as Entry[];
    if (!winner) throw this.notFound(type, name);
    return this.loadEntry(winner) as Promise<DefinitionByType[T]>;
  }

  /** Loads one candidate (cached), checking that the file really provides that type. */
  async load<T extends PluginType>(candidate: PluginCandidate): Promise<DefinitionByType[T]> {
    return this.loadEntry(candidate as Entry) as Promise<DefinitionByType[T]>;
  }

  /**
   * Loads a candidate that has `loadSync` without waiting (cached, and shared with `load`);
   * undefined for one that can only load asynchronously.
   */
  loadNow<T extends PluginType>(candidate: PluginCandidate): DefinitionByType[T] | undefined {
    const entry = candidate as Entry;
    if (entry.definition === undefined) {
      if (!entry.loadSync) return undefined;
      entry.definition = checkedKind(entry, entry.loadSync());
      entry.loaded ??= Promise.resolve(entry.definition);
    }
    return entry.definition as DefinitionByType[T];
  }

  private loadEntry(entry: Entry): Promise<PluginDefinition> {
    entry.loaded ??= entry.load().then((def) => {
      entry.definition = checkedKind(entry, def);
      return def;
    });
    return entry.loaded;
  }

  notFound(type: PluginType, name: string): PluginNotFoundError {
    const names = new Set<string>();
    for (const e of this.entries.get(type) ?? []) {
      names.add(e.name);
      for (const ns of e.namespaces) names.add(`${ns}.${e.name}`);
    }
    const places = [...(this.searched.get(type) ?? []), ...(this.searched.get('*') ?? [])];
    return new PluginNotFoundError(type, name, places, suggest(name, [...names]));
  }

  list(type?: PluginType): PluginListRow[] {
    const rows: PluginListRow[] = [];
    for (const [t, list] of this.entries) {
      if (type && t !== type) continue;
      const seen = new Set<string>();
      for (const e of list) {
        if (seen.has(e.name)) continue;
        seen.add(e.name);
        const hidden = list.filter((o) => o !== e && o.name === e.name).map((o) => `${o.origin}:${o.location}`);
        rows.push({
          type: t, name: e.name, fqcn: e.namespaces.map((ns) => `${ns}.${e.name}`), origin: e.origin,
          location: e.location, overrides: hidden,
        });
      }
    }
    return rows.sort((a, b) => a.type.localeCompare(b.type) || a.name.localeCompare(b.name));
  }
}
