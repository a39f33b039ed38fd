import type { Kernel } from '../kernel.js';
import type { Vars } from '../vars.js';
import type { CacheStore } from '../../plugins/cache/types.js';
import type { RunOptions } from './run.js';
import type { VariableManager } from './variables.js';

/**
 * Facts are kept in the cache plugin named by `fact_caching` (memory by default, jsonfile for
 * facts that outlive the run), so `gathering: smart` and later runs can reuse them. Cached facts are
 * loaded for every inventory host when the run starts, as Ansible's fact cache backs hostvars.
 */
export async function openFactCache(kernel: Kernel, run: RunOptions, vm: VariableManager, hosts: string[]): Promise<CacheStore> {
  const def = await kernel.resolve('cache', kernel.config.string('fact_caching') ?? 'memory');
  const store = def.create({
    connection: kernel.config.string('fact_caching_connection'),
    timeout: kernel.config.number('fact_caching_timeout'),
    prefix: 'ansible_facts',
  });
  if (run.flushCache) {
    for (const h of hosts) await store.delete(h);
  }
  for (const h of hosts) {
    const cached = (await store.get(h)) as Vars | undefined;
    if (cached && typeof cached === 'object') vm.addFacts(h, cached);
  }
  return store;
}

/** Writes a host's current facts back to the cache (after setup, gather_facts or set_fact cacheable). */
export async function persistFacts(store: CacheStore | undefined, vm: VariableManager, host: string): Promise<void> {
  const facts = vm.facts.get(host);
  if (store && facts) await store.set(host, facts);
}
