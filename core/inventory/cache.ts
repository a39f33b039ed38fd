import { createHash } from 'node:crypto';
import { resolve } from 'node:path';
import { TsibleError } from '../errors.js';
import type { Kernel } from '../kernel.js';
import type { InventoryCache } from '../../plugins/inventory/types.js';
import type { CacheStore } from '../../plugins/cache/types.js';

/** The cache keys of an inventory config file (Ansible's names). */
export interface InventoryCacheConfig {
  cache?: unknown;
  cache_plugin?: unknown;
  cache_timeout?: unknown;
  cache_connection?: unknown;
  cache_prefix?: unknown;
}

/**
 * Cache stores opened by one inventory manager, kept across `refresh()` so a memory cache
 * survives a refresh_inventory; nothing here outlives the manager.
 */
export class InventoryCaches {
  private readonly stores = new Map<string, CacheStore>();

  constructor(private readonly kernel: Kernel, private readonly cwd: string) {}

  /** The cache a source asked for, or undefined when `cache` is not true in its config. */
  async open(config: InventoryCacheConfig, pluginName: string, source: string, refreshing: boolean):
    Promise<InventoryCache | undefined> {
    if (config.cache !== true && config.cache !== 'true' && config.cache !== 'yes') return undefined;
    const pluginType = String(config.cache_plugin ?? this.kernel.settings.fact_caching ?? 'memory');
    const timeout = Number(config.cache_timeout ?? 3600);
    if (!Number.isFinite(timeout)) {
      throw new TsibleError('TSIBLE_INVENTORY', `${source}: cache_timeout must be a number of seconds, got '${String(config.cache_timeout)}'`);
    }
    const connection = config.cache_connection === undefined || config.cache_connection === null
      ? undefined : resolve(this.cwd, String(config.cache_connection));
    const prefix = String(config.cache_prefix ?? 'tsible_inventory_');
    const id = JSON.stringify([pluginType, connection, timeout, prefix]);
    let store = this.stores.get(id);
    if (!store) {
      const def = await this.kernel.resolve('cache', pluginType);
      store = def.create({ connection, timeout, prefix });
      this.stores.set(id, store);
    }
    const base = `${pluginName}_${createHash('sha1').update(source).digest('hex').slice(0, 12)}`;
    const s = store;
    return {
      // A refresh_inventory reads fresh data and only writes the cache, as Ansible's cache=False parse.
      get: async (key) => (refreshing ? undefined : s.get(`${base}_${key}`)),
      set: (key, value) => s.set(`${base}_${key}`, value),
    };
  }
}
