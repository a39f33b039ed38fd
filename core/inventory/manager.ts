import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { homedir } from 'node:os';
import { TsibleError } from '../errors.js';
import type { Kernel } from '../kernel.js';
import type { Vars } from '../vars.js';
import type { InventorySourceContext, InventoryView } from '../../plugins/inventory/types.js';
import { InventoryData, InventoryHost, LOCALHOST_NAMES } from './data.js';
import { InventoryCaches } from './cache.js';
import { DEFAULT_ENABLED, isHostListString, loadSource } from './source-loader.js';
import { PatternMatcher, type PatternMismatch } from './pattern-matcher.js';
import { splitHostPattern } from './patterns.js';
import { loadVarsDirs, type VarsDirs } from './vars-dirs.js';
import { computeGroupVars, computeHostVars, shortHostName } from './host-vars.js';

export interface InventoryManagerOptions {
  kernel: Kernel;
  sources: string[];
  cwd: string;
  loadDataFile: (path: string) => Promise<unknown>;
  evaluate: (expr: string, vars: Vars) => Promise<unknown>;
  template: (value: string, vars: Vars) => Promise<unknown>;
  /** Where the YAML loader recorded a value (file:line), when it can tell. */
  locate?: InventorySourceContext['locate'];
  /** Overrides of kernel settings that inventory plugins read (e.g. `inventory_script_timeout`). */
  settings?: Readonly<Record<string, unknown>>;
}

export type HostOrder = 'inventory' | 'reverse_inventory' | 'sorted' | 'reverse_sorted' | 'shuffle';

type DynamicChange =
  | { kind: 'host'; name: string; groups: string[]; vars: Vars }
  | { kind: 'group'; name: string; parents: string[]; host?: string };

/** The interpreter reported for the implicit localhost (tsible needs none; playbooks may read it). */
const IMPLICIT_PYTHON = '/usr/bin/python3';

/**
 * The inventory of one run: parses sources through inventory plugins, answers host patterns and
 * computes inventory variables. Owns everything it caches; two managers never share state.
 */
export class InventoryManager {
  private data = new InventoryData();
  private inventoryDirs: VarsDirs[] = [];
  private readonly playDirs = new Map<string, VarsDirs>();
  private readonly dynamic: DynamicChange[] = [];
  private readonly caches: InventoryCaches;
  private readonly sources: string[];
  private matcher!: PatternMatcher;
  private implicit?: InventoryHost;
  private readonly inventoryView: InventoryView;
  /** hostVars results per host, valid while the inventory and its vars dirs do not change. */
  private readonly varsCache = new Map<string, Vars>();
  private varsCacheKey = '';
  private varsEpoch = 0;
  private groupsCache?: { version: number; map: Record<string, string[]> };
  /** True while sources are parsed: plugins then see inventory variables only, as in Ansible. */
  private parsing = false;

  private constructor(private readonly options: InventoryManagerOptions) {
    this.caches = new InventoryCaches(options.kernel, options.cwd);
    const hooked = options.kernel.hooks.inventorySources.call([...options.sources]);
    this.sources = hooked.map((s) => resolveSource(s, options.cwd));
    this.inventoryView = {
      hostNames: () => this.hostNames(),
      groupNames: () => this.groupNames(),
      hostVars: (name) => this.viewHostVars(name, !this.parsing),
      hostGroups: (name) => this.groupNamesOf(name),
      hostVarsWithFiles: (name) => this.viewHostVars(name, true),
    };
  }

  static async load(options: InventoryManagerOptions): Promise<InventoryManager> {
    const manager = new InventoryManager(options);
    await manager.parse(false);
    return manager;
  }

  get implicitLocalhost(): boolean {
    return this.data.hosts.size === 0;
  }

  private async parse(refreshing: boolean): Promise<void> {
    this.varsEpoch++;
    this.groupsCache = undefined;
    this.data = new InventoryData();
    this.implicit = undefined;
    this.matcher = new PatternMatcher(this.data, {
      warn: (m) => this.options.kernel.log.warn(m),
      mismatch: mismatchSetting(this.options.kernel.settings.host_pattern_mismatch),
      implicitHost: (name) => this.implicitHost(name),
    });
    const { kernel } = this.options;
    const context = {
      loadDataFile: this.options.loadDataFile,
      evaluate: this.options.evaluate,
      template: this.options.template,
      current: this.inventoryView,
      settings: { ...kernel.settings, ...this.options.settings },
      log: kernel.log,
      locate: this.options.locate,
    };
    const enabled = Array.isArray(kernel.settings.inventory_enabled) ? (kernel.settings.inventory_enabled as string[]) : DEFAULT_ENABLED;
    // The files beside the sources do not depend on what the sources hold: read them first, so
    // that constructed's use_vars_plugins can see them.
    this.inventoryDirs = await this.loadInventoryDirs();
    let parsedAny = false;
    this.parsing = true;
    try {
      for (const source of this.sources) {
        const parsed = await loadSource(source, { kernel, data: this.data, caches: this.caches, enabled, refreshing, log: kernel.log, context });
        parsedAny ||= parsed;
      }
    } finally {
      this.parsing = false;
    }
    if (!parsedAny && this.sources.length && kernel.settings.inventory_unparsed_warning !== false) {
      kernel.log.warn('No inventory was parsed, only implicit localhost is available');
    }
    this.data.reconcile();
    this.varsEpoch++;
    for (const change of this.dynamic) this.replay(change);
    this.data.reconcile();
    await kernel.hooks.inventoryLoaded.promise(this.inventoryView);
  }

  private async loadInventoryDirs(): Promise<VarsDirs[]> {
    const dirs: string[] = [];
    for (const s of this.sources) {
      if (isHostListString(s) || !existsSync(s)) continue;
      const dir = statSync(s).isDirectory() ? s : dirname(s);
      if (!dirs.includes(dir)) dirs.push(dir);
    }
    const out: VarsDirs[] = [];
    for (const d of dirs) out.push(await loadVarsDirs(d, this.options.loadDataFile));
    return out;
  }

  /** Adds group_vars/ and host_vars/ beside a playbook; they rank above the inventory's own (Ansible 5, 7, 10). */
  async addPlaybookDir(dir: string): Promise<void> {
    const abs = resolve(this.options.cwd, dir);
    if (this.playDirs.has(abs)) return;
    this.playDirs.set(abs, await loadVarsDirs(abs, this.options.loadDataFile));
    this.varsEpoch++;
  }

  private implicitHost(name: string): InventoryHost | undefined {
    if (!LOCALHOST_NAMES.includes(name)) return undefined;
    if (!this.implicit) {
      // Implicit: reachable by name, never listed and never in `all`.
      const host = new InventoryHost(name);
      host.implicit = true;
      host.vars = { ansible_connection: 'local', ansible_python_interpreter: IMPLICIT_PYTHON };
      this.implicit = host;
    }
    return this.implicit;
  }

  private findHost(name: string): InventoryHost | undefined {
    return this.data.hosts.get(name) ?? this.implicitHost(name);
  }

  getHosts(pattern: string | string[], options: { limit?: string | string[]; order?: HostOrder } = {}): string[] {
    let hosts = this.matcher.evaluate(splitHostPattern(pattern));
    if (options.limit !== undefined && options.limit !== '' && !(Array.isArray(options.limit) && !options.limit.length)) {
      const subset = new Set(this.matcher.evaluate(this.limitPatterns(options.limit)));
      hosts = hosts.filter((h) => subset.has(h));
    }
    const names = hosts.map((h) => h.name);
    switch (options.order ?? 'inventory') {
      case 'inventory': return names;
      case 'reverse_inventory': return names.reverse();
      case 'sorted': return names.sort();
      case 'reverse_sorted': return names.sort().reverse();
      case 'shuffle': return shuffle(names);
      default: throw new TsibleError('TSIBLE_USAGE', `Invalid 'order' specified for inventory hosts: ${String(options.order)}`);
    }
  }

  /** `--limit` patterns; `@file` reads one pattern per line (a retry file). */
  private limitPatterns(limit: string | string[]): string[] {
    const out: string[] = [];
    for (const p of splitHostPattern(limit)) {
      if (!p.startsWith('@')) {
        out.push(p);
        continue;
      }
      const file = resolve(this.options.cwd, p.slice(1));
      if (!existsSync(file)) throw new TsibleError('TSIBLE_INVENTORY', `Unable to find limit file ${file}`);
      if (!statSync(file).isFile()) throw new TsibleError('TSIBLE_INVENTORY', `Limit starting with "@" must be a file, not a directory: ${file}`);
      out.push(...readLimitFile(file));
    }
    return out;
  }

  hostNames(): string[] {
    return [...this.data.hosts.keys()];
  }

  groupNames(): string[] {
    return [...this.data.groups.keys()];
  }

  hasHost(name: string): boolean {
    return this.data.hosts.has(name);
  }

  /**
   * Inventory variables of a host: all → other groups (depth, then ansible_group_priority, then
   * name) → group_vars files → the host's own → host_vars files (see host-vars.ts for the order).
   */
  hostVars(name: string): Vars {
    const key = `${this.data.version}/${this.varsEpoch}`;
    if (key !== this.varsCacheKey) {
      this.varsCache.clear();
      this.varsCacheKey = key;
    }
    let vars = this.varsCache.get(name);
    if (!vars) {
      // A host outside the inventory (a delegate_to target) gets what Ansible gives a new Host:
      // the `all` group's variables and its own host_vars/ file, and no groups.
      const host = this.findHost(name) ?? Object.assign(new InventoryHost(name), { implicit: true });
      vars = computeHostVars(this.data, host, this.inventoryDirs, [...this.playDirs.values()]);
      this.varsCache.set(name, vars);
    }
    return { ...vars };
  }

  groupVars(name: string): Vars {
    const group = this.data.groups.get(name);
    if (!group) throw new TsibleError('TSIBLE_INVENTORY', `group '${name}' is not in the inventory`);
    return computeGroupVars(group, this.inventoryDirs, [...this.playDirs.values()]);
  }

  /** A host's own inventory variables plus its host_vars/ files, without group variables (`--export`). */
  hostOwnVars(name: string): Vars {
    const host = this.findHost(name);
    if (!host) throw new TsibleError('TSIBLE_INVENTORY', `host '${name}' is not in the inventory`);
    const out: Vars = { ...host.vars };
    for (const d of [...this.inventoryDirs, ...this.playDirs.values()]) Object.assign(out, d.host[host.name]);
    return out;
  }

  /** The group's ansible_group_priority (1 unless set). */
  groupPriority(name: string): number {
    return this.data.groups.get(name)?.priority ?? 1;
  }

  groupNamesOf(name: string): string[] {
    const host = this.findHost(name);
    if (!host || host.implicit) return [];
    return this.data.hostGroups(host).map((g) => g.name).filter((g) => g !== 'all').sort();
  }

  /** The `groups` magic variable. Cached until the inventory changes (as Ansible's groups dict): do not mutate it. */
  groupsMap(): Record<string, string[]> {
    if (this.groupsCache?.version === this.data.version) return this.groupsCache.map;
    const map: Record<string, string[]> = {};
    for (const [name, group] of this.data.groups) map[name] = this.data.groupHosts(group).map((h) => h.name);
    this.groupsCache = { version: this.data.version, map };
    return map;
  }

  /** Structure for the inventory CLI: a group's direct children and hosts, in insertion order. */
  groupTree(name: string): { children: string[]; hosts: string[] } | undefined {
    const g = this.data.groups.get(name);
    return g && { children: g.children.map((c) => c.name), hosts: g.hosts.map((h) => h.name) };
  }

  /** add_host: creates the host (in `all`) if needed, merges its vars and puts it in the groups. */
  addHost(name: string, groups: string[], vars: Vars): boolean {
    const change: DynamicChange = { kind: 'host', name, groups: [...groups], vars: { ...vars } };
    this.dynamic.push(change);
    return this.replay(change);
  }

  /** group_by: creates the group (under its parents) and, when given, puts the host in it. */
  addGroup(name: string, parents: string[] = [], host?: string): boolean {
    const change: DynamicChange = { kind: 'group', name, parents: [...parents], host };
    this.dynamic.push(change);
    return this.replay(change);
  }

  private replay(change: DynamicChange): boolean {
    this.varsEpoch++;
    const before = this.data.version;
    let varsChanged = false;
    if (change.kind === 'host') {
      const host = this.data.addHost(change.name, 'all');
      for (const [k, v] of Object.entries(change.vars)) {
        if (host.vars[k] !== v) varsChanged = true;
        host.vars[k] = v;
      }
      for (const g of change.groups) this.data.putHost(this.data.addGroup(g), host);
    } else {
      const group = this.data.addGroup(change.name);
      for (const p of change.parents) this.data.addChild(this.data.addGroup(p).name, group.name);
      if (change.host !== undefined) {
        const host = this.findHost(change.host);
        if (!host) throw new TsibleError('TSIBLE_INVENTORY', `${change.host} cannot be matched in inventory`);
        this.data.putHost(group, host);
      }
    }
    const changed = varsChanged || this.data.version !== before;
    if (changed) this.data.reconcile();
    return changed;
  }

  /** meta: refresh_inventory — parse every source again (caches are written, not read), keep add_host/group_by results. */
  async refresh(): Promise<void> {
    await this.parse(true);
  }

  view(): InventoryView {
    return this.inventoryView;
  }

  /** What constructed-style plugins see: inventory vars plus the host's magic names. */
  private viewHostVars(name: string, withFiles: boolean): Vars {
    const host = this.findHost(name);
    if (!host) return {};
    const dirs = withFiles ? this.inventoryDirs : [];
    const playDirs = withFiles && !this.parsing ? [...this.playDirs.values()] : [];
    return {
      ...computeHostVars(this.data, host, dirs, playDirs),
      inventory_hostname: host.name,
      inventory_hostname_short: shortHostName(host.name),
      group_names: this.groupNamesOf(host.name),
    };
  }
}

function resolveSource(source: string, cwd: string): string {
  const s = source.trim();
  if (s.includes(',') && !existsSync(resolve(cwd, s))) return s;
  const expanded = s.startsWith('~/') ? `${homedir()}${s.slice(1)}` : s;
  return resolve(cwd, expanded);
}

function mismatchSetting(value: unknown): PatternMismatch {
  return value === 'error' || value === 'ignore' ? value : 'warning';
}

function readLimitFile(file: string): string[] {
  // Sync on purpose: --limit is read once per run, before anything else happens.
  const text = readFileSync(file, 'utf8');
  return text.split('\n').map((l) => l.trim()).filter((l) => l !== '');
}

function shuffle<T>(items: T[]): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [items[i], items[j]] = [items[j], items[i]];
  }
  return items;
}
