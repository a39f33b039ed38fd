import type { Vars } from '../vars.js';
import type { InventoryManager } from './manager.js';
import { pythonStr } from './python-repr.js';

/** Variables ansible-inventory never prints (magic and run-time variables). */
const INTERNAL_VARS = new Set([
  'ansible_diff_mode', 'ansible_config_file', 'ansible_facts', 'ansible_forks', 'ansible_inventory_sources',
  'ansible_limit', 'ansible_playbook_python', 'ansible_run_tags', 'ansible_skip_tags', 'ansible_verbosity',
  'ansible_version', 'inventory_dir', 'inventory_file', 'inventory_hostname', 'inventory_hostname_short',
  'groups', 'group_names', 'omit', 'playbook_dir',
]);

function withoutInternal(vars: Vars): Vars {
  const out: Vars = {};
  for (const [k, v] of Object.entries(vars)) if (!INTERNAL_VARS.has(k)) out[k] = v;
  return out;
}

/**
 * The structures `ansible-inventory` prints, built with its traversal orders so that --list,
 * --yaml, --toml and --graph give the same text for the same inventory.
 */
export class InventoryDump {
  /** `extraVars` (-e) rank above everything in a host's variables, except in --export. */
  constructor(private readonly inv: InventoryManager, private readonly exportMode: boolean,
    private readonly extraVars: Vars = {}) {}

  hostVars(host: string): Vars {
    if (this.exportMode) return withoutInternal(this.inv.hostOwnVars(host));
    return withoutInternal({ ...this.inv.hostVars(host), ...this.extraVars });
  }

  groupVars(group: string): Vars {
    const vars = this.inv.groupVars(group);
    const priority = this.inv.groupPriority(group);
    if (priority !== 1) vars.ansible_group_priority = priority;
    return withoutInternal(vars);
  }

  private tree(name: string): { children: string[]; hosts: string[] } {
    return this.inv.groupTree(name) ?? { children: [], hosts: [] };
  }

  /** --list (JSON): one flat entry per group plus `_meta.hostvars`. */
  json(): Record<string, unknown> {
    const seen = new Set<string>();
    const results: Record<string, unknown> = {};
    const format = (name: string): void => {
      const { children, hosts } = this.tree(name);
      const entry: Record<string, unknown> = {};
      results[name] = entry;
      if (name !== 'all') entry.hosts = hosts;
      entry.children = children;
      for (const child of children) {
        if (seen.has(child)) continue;
        format(child);
        seen.add(child);
      }
      if (this.exportMode) entry.vars = this.groupVars(name);
      removeEmpty(entry);
      if (Object.keys(entry).length === 0) delete results[name];
    };
    format('all');
    const hostvars: Record<string, Vars> = {};
    for (const host of this.inv.getHosts('all')) {
      const vars = this.hostVars(host);
      if (Object.keys(vars).length) hostvars[host] = vars;
    }
    results._meta = { hostvars };
    return results;
  }

  /** --list --yaml: groups nested under `children`, each host's vars printed once (first seen). */
  yaml(): Record<string, unknown> {
    const seen = new Set<string>();
    const format = (name: string): Record<string, unknown> => {
      const { children, hosts } = this.tree(name);
      const entry: Record<string, unknown> = {};
      const kids: Record<string, unknown> = {};
      for (const child of children) if (child !== 'all') Object.assign(kids, format(child));
      entry.children = kids;
      const hostMap: Record<string, unknown> = {};
      if (name !== 'all') {
        for (const h of hosts) {
          hostMap[h] = seen.has(h) ? {} : this.hostVars(h);
          seen.add(h);
        }
      }
      entry.hosts = hostMap;
      if (this.exportMode) {
        const gv = this.groupVars(name);
        if (Object.keys(gv).length) entry.vars = gv;
      }
      removeEmpty(entry);
      return { [name]: entry };
    };
    return format('all');
  }

  /** --list --toml: flat tables in traversal order (a Map keeps Ansible's dict order exactly). */
  toml(): Map<string, unknown> {
    const seen = new Set<string>();
    const results = new Map<string, unknown>();
    const hasUngrouped = this.tree('ungrouped').hosts.length > 0;
    const format = (name: string): void => {
      const { children, hosts } = this.tree(name);
      const entry = new Map<string, unknown>([['children', []]]);
      results.set(name, entry);
      for (const child of children) {
        if (child === 'ungrouped' && !hasUngrouped) continue;
        if (name !== 'all') (entry.get('children') as string[]).push(child);
        format(child);
      }
      if (name !== 'all') {
        for (const h of hosts) {
          const vars = seen.has(h) ? {} : this.hostVars(h);
          seen.add(h);
          if (!entry.has('hosts')) entry.set('hosts', new Map<string, unknown>());
          (entry.get('hosts') as Map<string, unknown>).set(h, vars);
        }
      }
      if (this.exportMode) entry.set('vars', this.groupVars(name));
      for (const key of ['hosts', 'vars', 'children']) {
        const v = entry.get(key);
        if (v !== undefined && isEmpty(v)) entry.delete(key);
      }
      if (entry.size === 0) results.delete(name);
    };
    format('all');
    return results;
  }

  /** --graph [--vars]: the tree from a group, hosts after child groups, vars sorted by name. */
  graph(start: string, showVars: boolean): string[] {
    const line = (text: string, depth: number): string => (depth ? `${'  |'.repeat(depth)}--${text}` : text);
    const vars = (v: Vars, depth: number): string[] =>
      Object.keys(v).sort().map((k) => line(`{${k} = ${pythonStr(v[k])}}`, depth));
    const walk = (name: string, depth: number): string[] => {
      const { children, hosts } = this.tree(name);
      const out = [line(`@${name}:`, depth)];
      for (const child of children) out.push(...walk(child, depth + 1));
      if (name !== 'all') {
        for (const h of hosts) {
          out.push(line(h, depth + 1));
          if (showVars) out.push(...vars(this.hostVars(h), depth + 2));
        }
      }
      if (showVars) out.push(...vars(this.groupVars(name), depth + 1));
      return out;
    };
    return walk(start, 0);
  }
}

function isEmpty(v: unknown): boolean {
  if (v instanceof Map) return v.size === 0;
  if (Array.isArray(v)) return v.length === 0;
  if (typeof v === 'object' && v !== null) return Object.keys(v).length === 0;
  return !v;
}

function removeEmpty(entry: Record<string, unknown>): void {
  for (const key of ['hosts', 'vars', 'children']) {
    if (key in entry && isEmpty(entry[key])) delete entry[key];
  }
}
