import { resolve } from 'node:path';
import type { Kernel } from '../kernel.js';
import type { InventoryManager } from '../inventory/manager.js';
import { openInventory } from '../inventory/open.js';
import { buildTemplar } from '../template/templar.js';
import type { Templar } from '../template/templar.js';
import { DataLoader } from '../yaml/data-loader.js';
import type { VaultSecrets } from '../vault/secrets.js';
import type { Vars } from '../vars.js';
import { runLookup } from '../executor/lookups.js';
import type { RunOptions } from '../executor/run.js';
import { VariableManager } from '../executor/variables.js';
import { version } from '../cli/main.js';

export interface PreparedRun {
  loader: DataLoader;
  templar: Templar;
  inventory: InventoryManager;
  vm: VariableManager;
}

export interface PrepareOptions {
  cwd: string;
  inventory?: string[];
  /** Directory of the (first) playbook: playbook-adjacent group_vars/ and host_vars/ live there. */
  playbookDir?: string;
  vault?: VaultSecrets;
  run: RunOptions;
  /** The ad-hoc host pattern: Ansible does not warn about an empty inventory when it names localhost. */
  pattern?: string;
}

/** Builds the loader, templar, inventory and variable manager one run needs. */
export async function prepareRun(kernel: Kernel, opts: PrepareOptions): Promise<PreparedRun> {
  // Playbook-adjacent filter_plugins/ and friends must be registered before the templar loads them.
  if (opts.playbookDir) kernel.addAdjacentDir(opts.playbookDir);
  const loader = new DataLoader({ basedir: opts.playbookDir ?? opts.cwd, vault: opts.vault,
    onWarning: (m) => kernel.log.warn(m) });
  let templarRef: Templar | undefined;
  const templar = await buildTemplar(kernel, {
    lookup: (name, terms, kwargs, vars) => runLookup(kernel, templarRef!, name, terms, kwargs, vars, { loader }),
  });
  templarRef = templar;
  const sources = (opts.inventory?.length ? opts.inventory : kernel.config.list('inventory'))
    .map((s) => (s.includes(',') || !s ? s : resolve(opts.cwd, s)));
  const inventory = await openInventory({ kernel, sources, cwd: opts.cwd, loader });
  const localPattern = opts.pattern !== undefined && ['localhost', '127.0.0.1', '::1'].includes(opts.pattern);
  if (!inventory.hostNames().length && kernel.config.boolean('localhost_warning') && !localPattern) {
    kernel.log.warn("provided hosts list is empty, only localhost is available. Note that the implicit localhost does not match 'all'");
  }
  if (opts.playbookDir) await inventory.addPlaybookDir(opts.playbookDir);
  const vm = new VariableManager({ inventory, extraVars: opts.run.extraVars ?? {}, runMagic: runMagicVars(kernel, opts.run) });
  vm.setTemplar(templar);
  return { loader, templar, inventory, vm };
}

export function runMagicVars(kernel: Kernel, run: RunOptions): Vars {
  const [major, minor, revision] = version().split('.').map(Number);
  return {
    ansible_check_mode: run.check === true,
    ansible_diff_mode: run.diff === true,
    ansible_verbosity: run.verbosity ?? 0,
    ansible_forks: run.forks ?? kernel.config.number('forks'),
    ansible_run_tags: run.tags?.length ? run.tags : ['all'],
    ansible_skip_tags: run.skipTags ?? [],
    ansible_limit: run.limit,
    ansible_config_file: kernel.config.ansibleCfgFile ?? kernel.config.configFile,
    ansible_version: { full: '2.14.18', major: 2, minor: 14, revision: 18, string: '2.14.18' },
    tsible_version: { full: version(), major, minor, revision },
  };
}
