import { TsibleError } from '../errors.js';
import type { Vars } from '../vars.js';

export const LOCALHOST_NAMES: readonly string[] = ['localhost', '127.0.0.1', '::1'];

export class InventoryHost {
  /** Groups the host was put in directly, in the order it was added. */
  readonly directGroups: InventoryGroup[] = [];
  vars: Vars = {};
  implicit = false;
  constructor(readonly name: string) {}
}

export class InventoryGroup {
  readonly hosts: InventoryHost[] = [];
  readonly hostNames = new Set<string>();
  readonly children: InventoryGroup[] = [];
  readonly parents: InventoryGroup[] = [];
  vars: Vars = {};
  depth = 0;
  priority = 1;
  constructor(readonly name: string) {}

  /** Every ancestor group (not self). */
  ancestors(): Set<InventoryGroup> {
    const seen = new Set<InventoryGroup>();
    const stack = [...this.parents];
    while (stack.length) {
      const g = stack.pop()!;
      if (seen.has(g)) continue;
      seen.add(g);
      stack.push(...g.parents);
    }
    return seen;
  }

  /** Self, then children level by level, each level in the order children were added. */
  descendants(): InventoryGroup[] {
    const ordered: InventoryGroup[] = [this];
    const seen = new Set<InventoryGroup>(ordered);
    for (let i = 0; i < ordered.length; i++) {
      for (const child of ordered[i].children) {
        if (seen.has(child)) continue;
        seen.add(child);
        ordered.push(child);
      }
    }
    return ordered;
  }
}

/**
 * Hosts and groups with Ansible's invariants: `all` and `ungrouped` always exist, every top-level
 * group is a child of `all`, a host in no group is in `ungrouped`. Caches are dropped on any change
 * through `generation`, so reads after `reconcile()` stay cheap for 10,000 hosts.
 */
export class InventoryData {
  readonly hosts = new Map<string, InventoryHost>();
  readonly groups = new Map<string, InventoryGroup>();
  private generation = 0;
  private hostsCache = new Map<InventoryGroup, InventoryHost[]>();
  private hostGroupsCache = new Map<InventoryHost, InventoryGroup[]>();
  private cacheGeneration = -1;

  constructor() {
    this.addGroup('all');
    this.addGroup('ungrouped');
    this.addChild('all', 'ungrouped');
  }

  /** Changes on every structural change; caches compare against it. */
  get version(): number {
    return this.generation;
  }

  touch(): void {
    this.generation++;
  }

  private fresh(): void {
    if (this.cacheGeneration === this.generation) return;
    this.hostsCache = new Map();
    this.hostGroupsCache = new Map();
    this.cacheGeneration = this.generation;
  }

  addGroup(name: string): InventoryGroup {
    if (!name || typeof name !== 'string') throw new TsibleError('TSIBLE_INVENTORY', `invalid empty group name: ${String(name)}`);
    let g = this.groups.get(name);
    if (!g) {
      g = new InventoryGroup(name);
      this.groups.set(name, g);
      this.touch();
    }
    return g;
  }

  addHost(name: string, groupName?: string): InventoryHost {
    if (!name || typeof name !== 'string') throw new TsibleError('TSIBLE_INVENTORY', `invalid empty host name: ${String(name)}`);
    let host = this.hosts.get(name);
    if (!host) {
      host = new InventoryHost(name);
      this.hosts.set(name, host);
      this.touch();
    }
    if (groupName !== undefined) {
      const g = this.groups.get(groupName);
      if (!g) throw new TsibleError('TSIBLE_INVENTORY', `could not find group '${groupName}' in inventory`);
      this.putHost(g, host);
    }
    return host;
  }

  putHost(group: InventoryGroup, host: InventoryHost): boolean {
    if (group.hostNames.has(host.name)) return false;
    group.hosts.push(host);
    group.hostNames.add(host.name);
    host.directGroups.push(group);
    this.touch();
    return true;
  }

  removeHostFromGroup(group: InventoryGroup, host: InventoryHost): void {
    if (!group.hostNames.delete(host.name)) return;
    group.hosts.splice(group.hosts.indexOf(host), 1);
    host.directGroups.splice(host.directGroups.indexOf(group), 1);
    this.touch();
  }

  /** Makes `child` (a group, or else a host) a member of `parent`. */
  addChild(parentName: string, childName: string): boolean {
    const parent = this.groups.get(parentName);
    if (!parent) throw new TsibleError('TSIBLE_INVENTORY', `'${parentName}' is not a known group`);
    const childGroup = this.groups.get(childName);
    if (childGroup) return this.linkGroups(parent, childGroup);
    const host = this.hosts.get(childName);
    if (host) return this.putHost(parent, host);
    throw new TsibleError('TSIBLE_INVENTORY', `'${childName}' is not a known host nor group`);
  }

  private linkGroups(parent: InventoryGroup, child: InventoryGroup): boolean {
    if (parent === child) throw new TsibleError('TSIBLE_INVENTORY', `can't add group '${parent.name}' to itself`);
    if (parent.children.includes(child)) return false;
    if (parent.ancestors().has(child)) {
      throw new TsibleError('TSIBLE_INVENTORY',
        `adding group '${child.name}' as child to '${parent.name}' creates a recursive dependency loop`);
    }
    parent.children.push(child);
    if (!child.parents.includes(parent)) child.parents.push(parent);
    this.deepen(child, parent.depth + 1);
    this.touch();
    return true;
  }

  private deepen(group: InventoryGroup, depth: number): void {
    if (group.depth >= depth) return;
    group.depth = depth;
    for (const c of group.children) this.deepen(c, depth + 1);
  }

  setVariable(kind: 'host' | 'group', name: string, key: string, value: unknown): void {
    if (kind === 'group') {
      const g = this.groups.get(name);
      if (!g) throw new TsibleError('TSIBLE_INVENTORY', `could not identify group '${name}'`);
      if (key === 'ansible_group_priority') {
        const n = Number(value);
        if (Number.isFinite(n)) g.priority = Math.trunc(n);
        this.touch();
        return;
      }
      g.vars[key] = value;
      this.touch();
      return;
    }
    const h = this.hosts.get(name);
    if (!h) throw new TsibleError('TSIBLE_INVENTORY', `could not identify host '${name}'`);
    h.vars[key] = value;
    this.touch();
  }

  /** Hosts of a group and of its descendants, in Ansible's order (implicit hosts never in `all`). */
  groupHosts(group: InventoryGroup): InventoryHost[] {
    this.fresh();
    let list = this.hostsCache.get(group);
    if (list) return list;
    const seen = new Set<InventoryHost>();
    list = [];
    for (const g of group.descendants()) {
      for (const h of g.hosts) {
        if (seen.has(h)) continue;
        seen.add(h);
        if (group.name === 'all' && h.implicit) continue;
        list.push(h);
      }
    }
    this.hostsCache.set(group, list);
    return list;
  }

  /** Direct groups of a host and all their ancestors (including `all`). */
  hostGroups(host: InventoryHost): InventoryGroup[] {
    this.fresh();
    let list = this.hostGroupsCache.get(host);
    if (list) return list;
    const set = new Set<InventoryGroup>();
    for (const g of host.directGroups) {
      set.add(g);
      for (const a of g.ancestors()) set.add(a);
    }
    list = [...set];
    this.hostGroupsCache.set(host, list);
    return list;
  }

  /** Ansible's reconcile: top-level groups under `all`, group-less hosts into `ungrouped`. */
  reconcile(): void {
    const all = this.groups.get('all')!;
    const ungrouped = this.groups.get('ungrouped')!;
    for (const g of this.groups.values()) {
      if (g !== all && g.parents.length === 0) this.linkGroups(all, g);
    }
    for (const host of this.hosts.values()) {
      if (host.implicit) continue;
      const others = host.directGroups.filter((g) => g !== all && g !== ungrouped);
      const inUngrouped = ungrouped.hostNames.has(host.name);
      if (inUngrouped && others.length) this.removeHostFromGroup(ungrouped, host);
      else if (!inUngrouped && others.length === 0) this.putHost(ungrouped, host);
    }
  }
}
