import { existsSync, readdirSync } from 'node:fs';
import { extname, join } from 'node:path';
import type { PluginType } from '../plugin.js';

/** Ansible's playbook- and role-adjacent plugin folders. */
export const ADJACENT_DIRS: Readonly<Record<string, PluginType>> = {
  library: 'module',
  filter_plugins: 'filter',
  test_plugins: 'test',
  lookup_plugins: 'lookup',
  callback_plugins: 'callback',
  inventory_plugins: 'inventory',
  connection_plugins: 'connection',
  become_plugins: 'become',
  strategy_plugins: 'strategy',
  cache_plugins: 'cache',
};

export const CODE_EXTENSIONS = ['.ts', '.mts', '.js', '.mjs', '.cjs'];

export interface AdjacentFile {
  type: PluginType;
  name: string;
  path: string;
  /** A JS/TS plugin, or (library/ only) a script module in any language. */
  kind: 'code' | 'script';
}

/** Plugin files of one type in one directory. In a module directory, non-JS executables are script modules. */
export function listPluginDir(dir: string, type: PluginType): AdjacentFile[] {
  let entries: string[];
  try {
    entries = readdirSync(dir).sort();
  } catch {
    return [];
  }
  const files: AdjacentFile[] = [];
  for (const entry of entries) {
    if (entry.startsWith('.') || entry.startsWith('_') || entry.endsWith('.d.ts')) continue;
    const ext = extname(entry);
    if (CODE_EXTENSIONS.includes(ext)) {
      files.push({ type, name: entry.slice(0, -ext.length), path: join(dir, entry), kind: 'code' });
    } else if (type === 'module' && !['.py', '.pyc', '.yml', '.yaml', '.md', '.txt'].includes(ext)) {
      files.push({ type, name: ext ? entry.slice(0, -ext.length) : entry, path: join(dir, entry), kind: 'script' });
    }
  }
  return files;
}

/** Lists plugin files in the Ansible-style folders under `baseDir`. Python files are skipped. */
export function listAdjacentPlugins(baseDir: string): { dirs: string[]; files: AdjacentFile[] } {
  const dirs: string[] = [];
  const files: AdjacentFile[] = [];
  for (const [folder, type] of Object.entries(ADJACENT_DIRS)) {
    const dir = join(baseDir, folder);
    if (!existsSync(dir)) continue;
    dirs.push(dir);
    files.push(...listPluginDir(dir, type));
  }
  return { dirs, files };
}
