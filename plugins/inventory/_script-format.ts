import { TsibleError, type InventoryBuilder } from 'tsible';

export function isMapping(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * Adds one group of script-style JSON (`{hosts: [], vars: {}, children: []}`, a bare host list,
 * or a bare vars dict as old scripts print) and returns the hosts it named.
 */
export function addScriptGroup(builder: InventoryBuilder, name: string, raw: unknown, seen: Set<string>): void {
  builder.addGroup(name);
  let data: Record<string, unknown> = isMapping(raw) ? raw : { hosts: raw };
  if (isMapping(raw) && !('hosts' in raw || 'vars' in raw || 'children' in raw)) data = { hosts: [name], vars: raw };
  if ('hosts' in data) {
    if (!Array.isArray(data.hosts)) {
      throw new TsibleError('TSIBLE_INVENTORY', `You defined a group '${name}' with bad data for the host list: ${JSON.stringify(data)}`);
    }
    for (const h of data.hosts) {
      builder.addHost(String(h), name);
      seen.add(String(h));
    }
  }
  if ('vars' in data) {
    if (!isMapping(data.vars)) {
      throw new TsibleError('TSIBLE_INVENTORY', `You defined a group '${name}' with bad data for variables: ${JSON.stringify(data)}`);
    }
    for (const [k, v] of Object.entries(data.vars)) builder.setVariable('group', name, k, v);
  }
  for (const child of Array.isArray(data.children) ? data.children : []) {
    builder.addGroup(String(child));
    builder.addChild(name, String(child));
  }
}
