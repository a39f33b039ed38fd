import { mkdtempSync, mkdirSync, rmSync, writeFileSync, chmodSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { createKernel, type Kernel } from '../../../core/kernel.js';
import type { InventoryManager } from '../../../core/inventory/manager.js';
import { openInventory } from '../../../core/inventory/open.js';
import type { LogEntry } from '../../../core/events.js';

const trees: string[] = [];
// Each test file that makes trees removes them when it is done.
afterAll(() => {
  for (const root of trees.splice(0)) rmSync(root, { recursive: true, force: true });
});

/** A temporary directory holding the given files (a value of `{ exec: text }` makes it executable). */
export function tempTree(files: Record<string, string | { exec: string }>): string {
  const root = mkdtempSync(join(tmpdir(), 'tsible-inv-'));
  trees.push(root);
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

export interface Loaded {
  inv: InventoryManager;
  kernel: Kernel;
  warnings: string[];
}

/** A kernel whose warnings are collected instead of printed. */
export async function quietKernel(cwd: string, warnings: string[]): Promise<Kernel> {
  return createKernel({ cwd, env: {}, logSink: (e: LogEntry) => { if (e.level === 'warning') warnings.push(e.message); } });
}

/** A manager over real files with a real kernel, the real YAML loader and the real templar. */
export async function loadInventory(sources: string[], cwd: string, settings?: Record<string, unknown>): Promise<Loaded> {
  const warnings: string[] = [];
  const kernel = await quietKernel(cwd, warnings);
  const inv = await openInventory({ kernel, sources, cwd, settings });
  return { inv, kernel, warnings };
}
