import type { Logger, OptionsSchema, PluginMeta, SourceLocation, Vars } from 'tsible';

/**
 * What an inventory plugin writes into. Each source gets a fresh builder; the kernel merges it
 * into the inventory only when the whole source parsed, so a broken source never half-applies.
 */
export interface InventoryBuilder {
  /** Adds a group (idempotent) and returns its name. */
  addGroup(name: string): string;
  /** Adds a host (idempotent), optionally into a group, and returns its name. */
  addHost(name: string, group?: string): string;
  /** Makes `child` a child group of `parent`. */
  addChild(parent: string, child: string): void;
  /** Sets a variable on a host or a group. */
  setVariable(kind: 'host' | 'group', name: string, key: string, value: unknown): void;
  hasHost(name: string): boolean;
  hasGroup(name: string): boolean;
}

/** A read-only view of the inventory as merged so far (used by constructed-style plugins). */
export interface InventoryView {
  hostNames(): string[];
  groupNames(): string[];
  /** Host's own and inherited group variables, merged in Ansible's order. */
  hostVars(name: string): Vars;
  /** Names of the groups a host belongs to (excluding `all`), sorted as Ansible's group_names. */
  hostGroups(name: string): string[];
  /**
   * hostVars plus the group_vars/ and host_vars/ files beside the inventory sources (what
   * constructed's `use_vars_plugins` sees). While sources are parsed, hostVars has no files.
   */
  hostVarsWithFiles?(name: string): Vars;
}

export interface InventorySourceContext {
  /** Reads and parses a YAML/JSON file with source positions and vault support. */
  loadDataFile(path: string): Promise<unknown>;
  /** Evaluates a Jinja2 expression against the given variables. */
  evaluate(expression: string, vars: Vars): Promise<unknown>;
  /** Renders a template string against the given variables. */
  template(value: string, vars: Vars): Promise<unknown>;
  current: InventoryView;
  /** A per-plugin cache, present when the source enabled caching. */
  cache?: InventoryCache;
  settings: Readonly<Record<string, unknown>>;
  log: Logger;
  /** Where a value returned by `loadDataFile` was written (file, line, column), when known. */
  locate?(value: unknown): SourceLocation | undefined;
}

export interface InventoryCache {
  get(key: string): Promise<unknown | undefined>;
  set(key: string, value: unknown): Promise<void>;
}

export interface InventoryDefinition extends PluginMeta {
  kind: 'inventory';
  name: string;
  options?: OptionsSchema;
  /**
   * Cheap check whether this plugin understands `source` (a path or a host list string). The
   * built-ins decline a path that does not exist (core/inventory/source-loader.ts relies on it
   * and does not load them for such a source); a plugin from elsewhere is always asked.
   */
  verify(source: string, ctx: InventorySourceContext): boolean | Promise<boolean>;
  parse(source: string, builder: InventoryBuilder, ctx: InventorySourceContext): Promise<void>;
}
