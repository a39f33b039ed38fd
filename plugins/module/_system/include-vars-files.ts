import { readdirSync, statSync } from 'node:fs';
import { extname, join } from 'node:path';

export interface DirWalkOptions {
  depth: number;
  filesMatching?: string;
  ignoreFiles: string[];
  extensions: string[];
  ignoreUnknownExtensions: boolean;
}

/** Files of a vars directory in Ansible's order: directories sorted by path, files sorted by name. */
export function varsFilesInDir(root: string, o: DirWalkOptions): { files: string[]; error?: string } {
  const dirs: Array<{ path: string; level: number }> = [];
  const walk = (dir: string, level: number) => {
    dirs.push({ path: dir, level });
    for (const e of readdirSync(dir, { withFileTypes: true })) if (e.isDirectory()) walk(join(dir, e.name), level + 1);
  };
  walk(root, 1);
  dirs.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const matcher = o.filesMatching ? new RegExp(o.filesMatching) : undefined;
  const ignored = o.ignoreFiles.map((p) => new RegExp(`${p}$`));
  const files: string[] = [];
  for (const d of dirs) {
    if (o.depth !== 0 && d.level > o.depth) continue;
    const names = readdirSync(d.path).filter((n) => statSync(join(d.path, n)).isFile()).sort();
    for (const name of names) {
      if (matcher && !matcher.test(name)) continue;
      if (ignored.some((r) => r.test(name))) continue;
      const validExt = o.extensions.includes(extname(name).slice(1));
      if (!validExt && o.ignoreUnknownExtensions) continue;
      if (!validExt) return { files, error: `${join(d.path, name)} does not have a valid extension: ${o.extensions.join(', ')}` };
      files.push(join(d.path, name));
    }
  }
  return { files };
}

/** Recursive dict merge for hash_behaviour=merge: right wins, nested dicts merge. */
export function mergeHashes(a: unknown, b: unknown): unknown {
  const isDict = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
  if (!isDict(a) || !isDict(b)) return b;
  const out: Record<string, unknown> = { ...a };
  for (const [k, v] of Object.entries(b)) out[k] = k in out ? mergeHashes(out[k], v) : v;
  return out;
}
