import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { TsibleError } from '../errors.js';
import type { Vars } from '../vars.js';

const VAR_EXTS = ['', '.yml', '.yaml', '.json'];

export interface VarsDirs {
  group: Record<string, Vars>;
  host: Record<string, Vars>;
}

async function listDir(dir: string): Promise<string[]> {
  try {
    return (await readdir(dir)).filter((n) => !n.startsWith('.') && !n.endsWith('~')).sort();
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT' || (err as NodeJS.ErrnoException).code === 'ENOTDIR') return [];
    throw err;
  }
}

function entityOf(entry: string): { name: string; rank: number } {
  for (let rank = VAR_EXTS.length - 1; rank > 0; rank--) {
    if (entry.endsWith(VAR_EXTS[rank]) && entry.length > VAR_EXTS[rank].length) {
      return { name: entry.slice(0, -VAR_EXTS[rank].length), rank };
    }
  }
  return { name: entry, rank: 0 };
}

/** Every vars file under a directory entry, recursively, in sorted order (files with a vars extension only). */
async function filesUnder(path: string, topLevel: boolean): Promise<string[]> {
  const info = await stat(path);
  if (!info.isDirectory()) {
    const ext = entityOf(path.slice(path.lastIndexOf('/') + 1));
    return topLevel || ext.rank > 0 || !path.slice(path.lastIndexOf('/') + 1).includes('.') ? [path] : [];
  }
  const out: string[] = [];
  for (const name of await listDir(path)) out.push(...(await filesUnder(join(path, name), false)));
  return out;
}

async function loadVarsFile(file: string, loadDataFile: (p: string) => Promise<unknown>): Promise<Vars> {
  const data = await loadDataFile(file);
  if (data === null || data === undefined) return {};
  if (typeof data !== 'object' || Array.isArray(data)) {
    throw new TsibleError('TSIBLE_INVENTORY', `${file}: vars files must hold a mapping (dictionary), got ${Array.isArray(data) ? 'a list' : typeof data}`);
  }
  return data as Vars;
}

async function loadKind(dir: string, loadDataFile: (p: string) => Promise<unknown>): Promise<Record<string, Vars>> {
  const byEntity = new Map<string, { rank: number; entry: string }[]>();
  for (const entry of await listDir(dir)) {
    const { name, rank } = entityOf(entry);
    const list = byEntity.get(name) ?? [];
    list.push({ rank, entry });
    byEntity.set(name, list);
  }
  const result: Record<string, Vars> = {};
  for (const [name, entries] of byEntity) {
    let vars: Vars = {};
    for (const { entry } of entries.sort((a, b) => a.rank - b.rank)) {
      for (const file of await filesUnder(join(dir, entry), true)) vars = { ...vars, ...(await loadVarsFile(file, loadDataFile)) };
    }
    result[name] = vars;
  }
  return result;
}

/**
 * Ansible's host_group_vars: `group_vars/<group>` and `host_vars/<host>` under `baseDir`, each a
 * file (`.yml`, `.yaml`, `.json` or no extension) or a directory read recursively in sorted order.
 * Hidden files and `~` backups are skipped; later files replace earlier keys.
 */
export async function loadVarsDirs(baseDir: string, loadDataFile: (p: string) => Promise<unknown>): Promise<VarsDirs> {
  return {
    group: await loadKind(join(baseDir, 'group_vars'), loadDataFile),
    host: await loadKind(join(baseDir, 'host_vars'), loadDataFile),
  };
}
