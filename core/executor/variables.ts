import { dirname } from 'node:path';
import type { InventoryManager } from '../inventory/manager.js';
import type { BlockNode, PlayNode, TaskNode } from '../playbook/model.js';
import type { Vars } from '../vars.js';
import { HostVars } from '../template/hostvars.js';
import { isTemplateString, type Templar } from '../template/templar.js';
import { isDict } from '../template/python.js';
import { VaultValue } from '../values.js';

export interface VariableManagerOptions {
  inventory: InventoryManager;
  extraVars: Vars;
  /** Magic variables that do not depend on the host (ansible_check_mode, ansible_version, …). */
  runMagic?: Vars;
}

/** Where lookups and relative files are searched for a task: its role, its file's directory, the playbook. */
function searchPath(task: TaskNode, play: PlayNode | undefined): string[] {
  const out: string[] = [];
  const add = (p: string | undefined) => {
    if (p && !out.includes(p)) out.push(p);
  };
  add(task.role?.path);
  add(task.loc?.file ? dirname(task.loc.file) : undefined);
  add(play?.dir);
  return out;
}

/** Data that the templar would hand back unchanged: no template text and no vaulted value anywhere in it. */
function isPlainData(value: unknown): boolean {
  if (typeof value === 'string') return !isTemplateString(value);
  if (value instanceof VaultValue) return false;
  if (Array.isArray(value)) return value.every(isPlainData);
  if (isDict(value)) return Object.values(value).every(isPlainData);
  return true;
}

/** Ansible's VariableManager: merges every variable source of a host in precedence order. */
export class VariableManager {
  /** ansible_facts per host (setup, set_fact cacheable, gathered facts). */
  readonly facts = new Map<string, Vars>();
  /** set_fact, register and include_vars results per host (above play vars, below extra vars). */
  readonly hostScoped = new Map<string, Vars>();
  private playVars = new WeakMap<PlayNode, Vars>();
  /** The top-level variables injected from a facts object (see factsLayer). */
  private readonly factLayers = new WeakMap<Vars, Vars>();
  /** Whether a facts layer holds only plain data: no template text, no vaulted value (see plainFacts). */
  private readonly plainLayers = new WeakMap<Vars, boolean>();
  private runMagic: Vars;
  private templar?: Templar;

  constructor(private readonly options: VariableManagerOptions) {
    this.runMagic = options.runMagic ?? {};
  }

  /** The templar `hostvars` renders other hosts' variables with (set by the engine). */
  setTemplar(templar: Templar): void {
    this.templar = templar;
  }

  /** Run-wide magic variables (set by the engine when a run starts). */
  setRunMagic(magic: Vars): void {
    this.runMagic = magic;
  }

  get inventory(): InventoryManager {
    return this.options.inventory;
  }

  get extraVars(): Vars {
    return this.options.extraVars;
  }

  /** Play vars plus the loaded vars_files (set by the play runner once per play). */
  setPlayVars(play: PlayNode, vars: Vars): void {
    this.playVars.set(play, vars);
  }

  setHostVar(host: string, key: string, value: unknown): void {
    const scope = this.hostScoped.get(host) ?? {};
    scope[key] = value;
    this.hostScoped.set(host, scope);
  }

  addFacts(host: string, facts: Vars): void {
    this.facts.set(host, { ...(this.facts.get(host) ?? {}), ...facts });
  }

  clearFacts(host: string): void {
    this.facts.delete(host);
  }

  /** Inventory variables, including group_vars/ and host_vars/ beside the inventory and the playbook. */
  private inventoryLayer(host: string): Vars {
    return this.options.inventory.hostVars(host);
  }

  private factsLayer(host: string): Vars | undefined {
    const facts = this.facts.get(host);
    if (!facts) return undefined;
    // addFacts replaces a host's facts object, so the layer built from one stays valid with it.
    let out = this.factLayers.get(facts);
    if (out) return out;
    out = { ansible_facts: facts };
    // Ansible injects facts as top-level ansible_* variables too (INJECT_FACTS_AS_VARS).
    for (const [k, v] of Object.entries(facts)) out[k.startsWith('ansible_') ? k : `ansible_${k}`] = v;
    this.factLayers.set(facts, out);
    return out;
  }

  /**
   * The variables injected from `host`'s facts when they hold no template text and no vaulted
   * value, so templating them changes nothing; checked once per facts object.
   */
  plainFacts(host: string): Vars | undefined {
    const layer = this.factsLayer(host);
    if (!layer) return undefined;
    let plain = this.plainLayers.get(layer);
    if (plain === undefined) this.plainLayers.set(layer, (plain = isPlainData(layer)));
    return plain ? layer : undefined;
  }

  /** Every variable visible to `task` on `host` in `play`, lowest precedence first. */
  getVars(args: { play?: PlayNode; host: string; task?: TaskNode; magic?: Vars; includeHostvars?: boolean }): Vars {
    const { play, host, task } = args;
    const role = task?.role;
    const layers: (Vars | undefined)[] = [];
    if (role) layers.push(role.defaults);
    else for (const r of play?.roles ?? []) layers.push(r.defaults);
    layers.push(this.inventoryLayer(host), this.factsLayer(host), play ? this.playVars.get(play) ?? play.vars : undefined, role?.vars);
    const blocks: Vars[] = [];
    for (let n: TaskNode | BlockNode | undefined = task; n; n = n.parent) blocks.push(n.vars);
    for (let i = blocks.length - 1; i >= 0; i--) layers.push(blocks[i]);
    layers.push(this.hostScoped.get(host), role?.params, this.options.extraVars,
      this.runMagic, this.hostMagic(host, play, args.includeHostvars !== false), args.magic);
    const vars: Vars = Object.assign({}, ...layers);
    if (role) Object.assign(vars, { role_name: role.name, role_path: role.path, ansible_role_name: role.name });
    if (task) vars.ansible_search_path = searchPath(task, play);
    return vars;
  }

  private hostMagic(host: string, play: PlayNode | undefined, withHostvars: boolean): Vars {
    const inv = this.options.inventory;
    const out: Vars = {
      inventory_hostname: host,
      inventory_hostname_short: host.split('.')[0],
      group_names: inv.groupNamesOf(host),
      groups: inv.groupsMap(),
      playbook_dir: play?.dir,
      ansible_play_name: play?.name,
    };
    if (withHostvars) out.hostvars = this.hostvarsMapping(play);
    return out;
  }

  /**
   * `hostvars`: each host's variables, templated with that host's own variables when read (as
   * Ansible's HostVars). A host's entry holds no `hostvars` of its own.
   */
  private hostvarsMapping(play: PlayNode | undefined): unknown {
    const templar = this.templar;
    if (!templar) return {};
    const names = () => this.options.inventory.hostNames();
    const known = (h: string) => names().includes(h) || this.facts.has(h) || this.hostScoped.has(h);
    const cache = new Map<string, Vars>();
    return new HostVars(templar, {
      hosts: names,
      varsOf: (h) => {
        if (!known(h)) return undefined;
        let v = cache.get(h);
        if (!v) cache.set(h, (v = this.getVars({ play, host: h, includeHostvars: false })));
        return v;
      },
    });
  }
}
