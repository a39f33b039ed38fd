/**
 * `hostvars` as Ansible presents it: a mapping of host name to that host's variables, where each
 * variable is templated when read, with that host's own variables and `fail_on_undefined=False`
 * (a value whose template meets an undefined variable is returned as written).
 */
import type { Vars } from '../vars.js';
import type { LazyMapping } from './mapping.js';
import { materialize } from './mapping.js';
import type { Templar } from './templar.js';

export interface HostVarsSource {
  /** Every host of the inventory, in inventory order. */
  hosts(): string[];
  /** The variables of one host (undefined for an unknown host). */
  varsOf(host: string): Vars | undefined;
}

export class HostVarsVars implements LazyMapping {
  constructor(private readonly templar: Templar, private readonly vars: Vars) {}

  __getitem__(name: string): unknown {
    if (!(name in this.vars)) return undefined;
    return this.templar.templateSync(this.vars[name], this.vars, { failOnUndefined: false });
  }

  __contains__(name: string): boolean {
    return name in this.vars;
  }

  __iter__(): string[] {
    return Object.keys(this.vars);
  }

  toJSON(): Record<string, unknown> {
    return materialize(this);
  }
}

export class HostVars implements LazyMapping {
  constructor(private readonly templar: Templar, private readonly source: HostVarsSource) {}

  __getitem__(host: string): unknown {
    const vars = this.source.varsOf(host);
    return vars === undefined ? undefined : new HostVarsVars(this.templar, vars);
  }

  __contains__(host: string): boolean {
    return this.source.hosts().includes(host);
  }

  __iter__(): string[] {
    return this.source.hosts();
  }

  toJSON(): Record<string, unknown> {
    return materialize(this);
  }
}
