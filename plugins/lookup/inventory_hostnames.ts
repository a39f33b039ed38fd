import { InventoryData, PatternMatcher, defineLookup, isDict, splitHostPattern } from 'tsible';
import { requireString } from './_shared/errors.js';

/** Rebuilds the inventory's groups from the `groups` variable, as Ansible's lookup does. */
function inventoryFrom(groups: unknown): InventoryData {
  const data = new InventoryData();
  if (!isDict(groups)) return data;
  for (const [group, hosts] of Object.entries(groups)) {
    data.addGroup(group);
    if (Array.isArray(hosts)) for (const host of hosts) data.addHost(String(host), group);
  }
  return data;
}

export default defineLookup({
  name: 'inventory_hostnames',
  shortDescription: 'list of inventory hosts matching a host pattern',
  description: 'Returns the names of the inventory hosts that match host patterns (the grammar of `hosts:`: '
    + '`web:!db`, `web:&prod`, `w*`, `~regex`, `web[0:2]`).',
  examples: `- debug: msg="{{ item }}"\n  with_inventory_hostnames: ['all:!www']`,
  returns: { _hostnames: 'the matching host names' },
  run(terms, _options, ctx) {
    const data = inventoryFrom(ctx.vars.groups);
    const matcher = new PatternMatcher(data, {
      warn: (m) => ctx.log.warn(m), mismatch: 'warning', implicitHost: () => undefined,
    });
    try {
      return matcher.evaluate(splitHostPattern(terms.map((t) => requireString(t)))).map((h) => h.name);
    } catch {
      return [];
    }
  },
});
