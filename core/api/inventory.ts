import { createKernel, type Kernel } from '../kernel.js';
import type { InventoryManager } from '../inventory/manager.js';
import { openInventory } from '../inventory/open.js';
import type { DataLoader } from '../yaml/data-loader.js';

export interface CreateInventoryOptions {
  /** Inventory paths, directories or host lists (`'web1,web2,'`). */
  sources: string | string[];
  loader?: DataLoader;
  kernel?: Kernel;
  cwd?: string;
}

/**
 * An InventoryManager from sources, as Ansible's `InventoryManager(loader=loader, sources=…)`.
 * Creates a kernel (for inventory plugins) when none is given.
 */
export async function createInventory(options: CreateInventoryOptions): Promise<InventoryManager> {
  const cwd = options.cwd ?? options.loader?.basedir ?? process.cwd();
  const kernel = options.kernel ?? (await createKernel({ cwd }));
  const sources = Array.isArray(options.sources) ? options.sources : [options.sources];
  return openInventory({ kernel, sources, cwd, loader: options.loader });
}
