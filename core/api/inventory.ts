import { createKernel, type Kernel } from '../kernel.js';
import { InventoryManager } from '../inventory/manager.js';
import { buildTemplar } from '../template/templar.js';
import { DataLoader } from '../yaml/data-loader.js';

export interface CreateInventoryOptions {
  /** Inventory paths, directories or host lists (`'web1,web2,'`). */
  sources: string | string[];
  loader?: DataLoader;
  kernel?: Kernel;
  cwd?: string;
}

/**
 * An InventoryManager from sources, as Ansible's `InventoryManager(loader=loader, sources=…)`.
 * Creates a kernel (for inventory plugins) and a templar (for `constructed`) when none is given.
 */
export async function createInventory(options: CreateInventoryOptions): Promise<InventoryManager> {
  const cwd = options.cwd ?? process.cwd();
  const kernel = options.kernel ?? (await createKernel({ cwd }));
  const loader = options.loader ?? new DataLoader({ basedir: cwd });
  const templar = await buildTemplar(kernel);
  const sources = Array.isArray(options.sources) ? options.sources : [options.sources];
  return InventoryManager.load({
    kernel, sources, cwd, loadDataFile: (p) => loader.loadFile(p),
    evaluate: (expr, vars) => templar.evaluate(expr, vars),
    template: (value, vars) => templar.template(value, vars),
  });
}
