import { TsibleError } from '../errors.js';
import type { InventoryBuilder } from '../../plugins/inventory/types.js';
import type { InventoryData } from './data.js';

type Op =
  | { op: 'group'; name: string }
  | { op: 'host'; name: string; group?: string }
  | { op: 'child'; parent: string; child: string }
  | { op: 'var'; kind: 'host' | 'group'; name: string; key: string; value: unknown };

/**
 * Records what one source adds; `commit` applies it to the inventory only after the whole source
 * parsed, so a source that fails half way leaves nothing behind (Ansible tries the next plugin).
 */
export class SourceBuilder implements InventoryBuilder {
  private readonly ops: Op[] = [];
  private readonly groups = new Set<string>();
  private readonly hosts = new Set<string>();

  constructor(private readonly data: InventoryData) {}

  addGroup(name: string): string {
    if (typeof name !== 'string' || name === '') {
      throw new TsibleError('TSIBLE_INVENTORY', `invalid empty/false group name provided: ${String(name)}`);
    }
    if (!this.hasGroup(name)) this.ops.push({ op: 'group', name });
    this.groups.add(name);
    return name;
  }

  addHost(name: string, group?: string): string {
    if (typeof name !== 'string' || name === '') {
      throw new TsibleError('TSIBLE_INVENTORY', `invalid empty host name provided: ${String(name)}`);
    }
    if (group !== undefined && !this.hasGroup(group)) {
      throw new TsibleError('TSIBLE_INVENTORY', `could not find group '${group}' in inventory`);
    }
    this.ops.push({ op: 'host', name, group });
    this.hosts.add(name);
    return name;
  }

  addChild(parent: string, child: string): void {
    if (!this.hasGroup(parent)) throw new TsibleError('TSIBLE_INVENTORY', `'${parent}' is not a known group`);
    if (!this.hasGroup(child) && !this.hasHost(child)) {
      throw new TsibleError('TSIBLE_INVENTORY', `'${child}' is not a known host nor group`);
    }
    if (parent === child) throw new TsibleError('TSIBLE_INVENTORY', `can't add group '${parent}' to itself`);
    this.ops.push({ op: 'child', parent, child });
  }

  setVariable(kind: 'host' | 'group', name: string, key: string, value: unknown): void {
    const known = kind === 'host' ? this.hasHost(name) : this.hasGroup(name);
    if (!known) throw new TsibleError('TSIBLE_INVENTORY', `could not identify ${kind} named '${name}'`);
    this.ops.push({ op: 'var', kind, name, key, value });
  }

  hasHost(name: string): boolean {
    return this.hosts.has(name) || this.data.hosts.has(name);
  }

  hasGroup(name: string): boolean {
    return this.groups.has(name) || this.data.groups.has(name);
  }

  /** Applies the recorded changes; new hosts get `inventory_file`/`inventory_dir` as in Ansible. */
  commit(origin: { file: string | null; dir: string | null }): void {
    for (const o of this.ops) {
      if (o.op === 'group') this.data.addGroup(o.name);
      else if (o.op === 'host') {
        const isNew = !this.data.hosts.has(o.name);
        const host = this.data.addHost(o.name, o.group);
        if (isNew) host.vars = { inventory_file: origin.file, inventory_dir: origin.dir, ...host.vars };
      } else if (o.op === 'child') this.data.addChild(o.parent, o.child);
      else this.data.setVariable(o.kind, o.name, o.key, o.value);
    }
  }
}
