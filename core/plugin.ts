import type { KernelHooks, PluginHooks } from './hooks.js';
import type { Logger } from './vars.js';
import type { ConnectionDefinition } from '../plugins/connection/types.js';
import type { InventoryDefinition } from '../plugins/inventory/types.js';
import type { ModuleDefinition } from '../plugins/module/types.js';
import type { LookupDefinition } from '../plugins/lookup/types.js';
import type { CallbackDefinition } from '../plugins/callback/types.js';
import type { FilterDefinition } from '../plugins/filter/types.js';
import type { TestDefinition } from '../plugins/test/types.js';
import type { BecomeDefinition } from '../plugins/become/types.js';
import type { StrategyDefinition } from '../plugins/strategy/types.js';
import type { CacheDefinition } from '../plugins/cache/types.js';

export const PLUGIN_TYPES = [
  'connection', 'inventory', 'module', 'lookup', 'callback', 'filter', 'test', 'become', 'strategy', 'cache',
] as const;
export type PluginType = (typeof PLUGIN_TYPES)[number];

/** A typed provider: one module, one connection, one lookup, … (data, applied by the kernel). */
export type PluginDefinition =
  | ConnectionDefinition | InventoryDefinition | ModuleDefinition<any> | LookupDefinition | CallbackDefinition
  | FilterDefinition | TestDefinition | BecomeDefinition | StrategyDefinition | CacheDefinition;

export interface DefinitionByType {
  connection: ConnectionDefinition;
  inventory: InventoryDefinition;
  module: ModuleDefinition<any>;
  lookup: LookupDefinition;
  callback: CallbackDefinition;
  filter: FilterDefinition;
  test: TestDefinition;
  become: BecomeDefinition;
  strategy: StrategyDefinition;
  cache: CacheDefinition;
}

/** What a plugin's `apply` receives: the kernel's hooks (tap only) and a way to add providers. */
export interface PluginApi {
  readonly hooks: PluginHooks<KernelHooks>;
  readonly log: Logger;
  /** Resolved settings (read only). */
  readonly settings: Readonly<Record<string, unknown>>;
  /** Registers providers under this plugin's name and namespace. */
  provide(...definitions: PluginDefinition[]): void;
  /** Declares an action group for `module_defaults: { group/<name>: … }`. */
  actionGroup(name: string, modules: readonly string[]): void;
}

/** A lifecycle plugin: everything it does happens in `apply`. */
export interface TsiblePlugin {
  /** The npm package name, or a descriptive id for inline plugins. */
  readonly name: string;
  /** FQCN namespace of what it provides (e.g. 'acme.cloud'); defaults to none. */
  readonly namespace?: string;
  apply(api: PluginApi): void | Promise<void>;
}

/** Declares a lifecycle plugin, optionally taking options (`['name', options]` in config). */
export function definePlugin<O = void>(factory: (options: O) => TsiblePlugin): (options: O) => TsiblePlugin {
  return factory;
}

export function defineModule<A = Record<string, unknown>>(def: Omit<ModuleDefinition<A>, 'kind'>): ModuleDefinition<A> {
  return { kind: 'module', ...def };
}
export function defineConnection(def: Omit<ConnectionDefinition, 'kind'>): ConnectionDefinition {
  return { kind: 'connection', ...def };
}
export function defineInventory(def: Omit<InventoryDefinition, 'kind'>): InventoryDefinition {
  return { kind: 'inventory', ...def };
}
export function defineLookup(def: Omit<LookupDefinition, 'kind'>): LookupDefinition {
  return { kind: 'lookup', ...def };
}
export function defineCallback(def: Omit<CallbackDefinition, 'kind'>): CallbackDefinition {
  return { kind: 'callback', ...def };
}
export function defineFilters(def: Omit<FilterDefinition, 'kind'>): FilterDefinition {
  return { kind: 'filter', ...def };
}
export function defineTests(def: Omit<TestDefinition, 'kind'>): TestDefinition {
  return { kind: 'test', ...def };
}
export function defineBecome(def: Omit<BecomeDefinition, 'kind'>): BecomeDefinition {
  return { kind: 'become', ...def };
}
export function defineStrategy(def: Omit<StrategyDefinition, 'kind'>): StrategyDefinition {
  return { kind: 'strategy', ...def };
}
export function defineCache(def: Omit<CacheDefinition, 'kind'>): CacheDefinition {
  return { kind: 'cache', ...def };
}

export function isPluginDefinition(value: unknown): value is PluginDefinition {
  return typeof value === 'object' && value !== null
    && (PLUGIN_TYPES as readonly string[]).includes((value as { kind?: string }).kind ?? '')
    && typeof (value as { name?: unknown }).name === 'string';
}

export function isTsiblePlugin(value: unknown): value is TsiblePlugin {
  return typeof value === 'object' && value !== null && typeof (value as TsiblePlugin).apply === 'function';
}
