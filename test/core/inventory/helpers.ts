import { mkdtempSync, mkdirSync, writeFileSync, chmodSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { createKernel, type Kernel } from '../../../core/kernel.js';
import { InventoryManager } from '../../../core/inventory/manager.js';
import { loadYaml } from '../../../core/yaml/load.js';
import type { LogEntry } from '../../../core/events.js';

/** A temporary directory holding the given files (a value of `{ exec: text }` makes it executable). */
export function tempTree(files: Record<string, string | { exec: string }>): string {
  const root = mkdtempSync(join(tmpdir(), 'tsible-inv-'));
  for (const [rel, content] of Object.entries(files)) {
    const path = join(root, rel);
    mkdirSync(dirname(path), { recursive: true });
    if (typeof content === 'string') writeFileSync(path, content);
    else {
      writeFileSync(path, content.exec);
      chmodSync(path, 0o755);
    }
  }
  return root;
}

export async function loadDataFile(path: string): Promise<unknown> {
  return loadYaml(await readFile(path, 'utf8'), { file: path });
}

export interface Loaded {
  inv: InventoryManager;
  kernel: Kernel;
  warnings: string[];
}

/** A manager over real files with a real kernel; warnings are collected instead of printed. */
export async function loadInventory(sources: string[], cwd: string, kernel?: Kernel): Promise<Loaded> {
  const warnings: string[] = [];
  const k = kernel ?? await createKernel({ cwd, logSink: (e: LogEntry) => { if (e.level === 'warning') warnings.push(e.message); } });
  const { buildTemplateFns } = await import('./template-fns.js');
  const inv = await InventoryManager.load({ kernel: k, sources, cwd, loadDataFile, ...(await buildTemplateFns(k)) });
  return { inv, kernel: k, warnings };
}
