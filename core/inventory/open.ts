import type { Kernel } from '../kernel.js';
import type { VaultSecrets } from '../vault/secrets.js';
import { DataLoader } from '../yaml/data-loader.js';
import { locationOf } from '../yaml/load.js';
import { buildTemplar } from '../template/templar.js';
import { InventoryManager } from './manager.js';

export interface OpenInventoryOptions {
  kernel: Kernel;
  sources: string[];
  cwd: string;
  vault?: VaultSecrets;
  /** An existing loader (the playbook's), so parsed files are cached once. */
  loader?: DataLoader;
  settings?: Readonly<Record<string, unknown>>;
}

/**
 * An InventoryManager wired to the project's YAML loader and Templar: what the CLIs use.
 * (API users with their own loader or templating call InventoryManager.load directly.)
 */
export async function openInventory(options: OpenInventoryOptions): Promise<InventoryManager> {
  const { kernel } = options;
  const loader = options.loader ?? new DataLoader({
    basedir: options.cwd,
    vault: options.vault,
    onWarning: (message, loc) => kernel.log.warn(loc ? `${message} (${loc.file}:${loc.line}:${loc.column})` : message),
  });
  // Built on first use: an INI or YAML inventory never needs the filter and test plugins loaded.
  let templar: ReturnType<typeof buildTemplar> | undefined;
  const getTemplar = (): ReturnType<typeof buildTemplar> => (templar ??= buildTemplar(kernel));
  return InventoryManager.load({
    kernel,
    sources: options.sources,
    cwd: options.cwd,
    loadDataFile: (path) => loader.loadFile(path),
    evaluate: async (expr, vars) => (await getTemplar()).evaluate(expr, vars),
    template: async (value, vars) => (await getTemplar()).template(value, vars),
    locate: (value) => locationOf(value),
    settings: options.settings,
  });
}

