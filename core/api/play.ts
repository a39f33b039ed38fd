import { resolve } from 'node:path';
import type { Kernel } from '../kernel.js';
import type { Vars } from '../vars.js';
import type { PlayNode } from '../playbook/model.js';
import { parsePlay } from '../playbook/playbook-loader.js';
import type { DataLoader } from '../yaml/data-loader.js';
import type { VariableManager } from '../executor/variables.js';

export interface PlayLoadOptions {
  loader: DataLoader;
  variableManager?: VariableManager;
  /** Resolves roles and plugins; TaskQueueManager passes its own when it runs the play. */
  kernel?: Kernel;
  /** Roles are searched here (default: the loader's basedir). */
  rolesPath?: string[];
}

/**
 * A play built from data, as Ansible's `Play().load(play_source, …)`. The source is what a play
 * looks like in a playbook: `{ name, hosts, gather_facts, tasks: [{ shell: 'ls', register: 'out' }] }`
 * (Ansible's `action: { module, args }` form works too).
 */
export class Play {
  private constructor(readonly source: Vars, private readonly options: PlayLoadOptions) {}

  static load(source: Vars, options: PlayLoadOptions): Play {
    return new Play(source, options);
  }

  get name(): string {
    return String(this.source.name ?? this.source.hosts ?? '');
  }

  /** Parses the play for a kernel (roles and playbook-adjacent plugins are resolved through it). */
  async compile(kernel: Kernel): Promise<PlayNode> {
    const loader = this.options.loader;
    return parsePlay(this.source, resolve(loader.basedir, '<api play>'), {
      loader, kernel, rolesPath: this.options.rolesPath ?? kernel.config.list('roles_path'), extraVars: {},
    });
  }
}
