import type { Vars } from '../vars.js';
import { cloneData } from '../yaml/data-loader.js';
import type { InventoryData, InventoryGroup, InventoryHost } from './data.js';
import type { VarsDirs } from './vars-dirs.js';

/** Ansible's sort_groups: depth (parents first), then ansible_group_priority, then name. */
export function sortGroups(groups: Iterable<InventoryGroup>): InventoryGroup[] {
  return [...groups].sort((a, b) => a.depth - b.depth || a.priority - b.priority || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/**
 * A host's inventory variables in Ansible's precedence (lowest first): `all` inventory vars,
 * other groups' inventory vars, group_vars/all (inventory dirs, then playbook dirs), group_vars/<g>
 * (inventory, then playbook), the host's inventory vars, host_vars/<h> (inventory, then playbook).
 */
export function computeHostVars(data: InventoryData, host: InventoryHost, inventoryDirs: readonly VarsDirs[],
  playDirs: readonly VarsDirs[]): Vars {
  const all = data.groups.get('all')!;
  const hostGroups = host.implicit ? [] : data.hostGroups(host);
  const groups = sortGroups(hostGroups.filter((g) => g !== all));
  // Every host is under `all` once the inventory is reconciled; while sources are still being
  // parsed only explicit members are, and Ansible's constructed sees `all` only for those.
  const underAll = host.implicit || hostGroups.includes(all);
  const out: Vars = underAll ? { ...all.vars } : {};
  // Values read from vars files are copied per host (as Ansible re-reads them per host), so one
  // host's variables never alias another's; inventory-file values are shared, as in Ansible.
  const file = (vars: Vars | undefined): void => {
    if (vars) for (const [k, v] of Object.entries(vars)) out[k] = cloneData(v);
  };
  for (const g of groups) Object.assign(out, g.vars);
  if (underAll) for (const d of inventoryDirs) file(d.group.all);
  if (underAll) for (const d of playDirs) file(d.group.all);
  for (const g of groups) for (const d of inventoryDirs) file(d.group[g.name]);
  for (const g of groups) for (const d of playDirs) file(d.group[g.name]);
  Object.assign(out, host.vars);
  for (const d of inventoryDirs) file(d.host[host.name]);
  for (const d of playDirs) file(d.host[host.name]);
  return out;
}

/** Inventory variables of one group: its own, then group_vars/<group> of inventory and playbook dirs. */
export function computeGroupVars(group: InventoryGroup, inventoryDirs: readonly VarsDirs[], playDirs: readonly VarsDirs[]): Vars {
  const out: Vars = { ...group.vars };
  for (const d of inventoryDirs) Object.assign(out, d.group[group.name]);
  for (const d of playDirs) Object.assign(out, d.group[group.name]);
  return out;
}

/** inventory_hostname_short as Ansible: the first label, except for IP addresses. */
export function shortHostName(name: string): string {
  if (/^\d{1,3}(\.\d{1,3}){3}$/.test(name) || name.includes(':')) return name;
  return name.split('.')[0];
}
