import { readdirSync } from 'node:fs';
import { extname, join } from 'node:path';
import { PLUGIN_TYPES, type PluginDefinition } from '../plugin.js';
import { BUILTIN_NAMESPACES, type PluginCandidate } from './registry.js';
import { pickExport } from './import-file.js';

/**
 * Collection names that built-ins also answer to, so playbooks written for those collections run
 * unchanged (`ansible.posix.mount` is the built-in mount).
 */
const COLLECTION_HOMES: Readonly<Record<string, readonly string[]>> = {
  'module:mount': ['ansible.posix'], 'module:sysctl': ['ansible.posix'], 'module:authorized_key': ['ansible.posix'],
  'module:ini_file': ['community.general'], 'module:archive': ['community.general'],
  'callback:profile_tasks': ['ansible.posix'], 'callback:timer': ['ansible.posix'], 'callback:json': ['ansible.posix'],
  'callback:yaml': ['community.general'], 'callback:junit': ['community.general'],
};

/**
 * The built-in plugins: every file `plugins/<type>/<name>.(ts|js)` except `types` and files that
 * start with `_` (private helpers). The file name is the plugin name, as in Ansible. Nothing is
 * loaded here; each candidate is required on first use, so an unused ssh2 is never imported.
 */
export function builtinCandidates(pluginsRoot = join(__dirname, '..', '..', 'plugins')): PluginCandidate[] {
  const ext = extname(__filename); // '.ts' under the test runner, '.js' from dist/
  const out: PluginCandidate[] = [];
  for (const type of PLUGIN_TYPES) {
    let files: string[];
    try {
      files = readdirSync(join(pluginsRoot, type));
    } catch {
      continue;
    }
    for (const file of files.sort()) {
      // (endsWith, not extname: this runs for every file of dist/plugins at each start.)
      if (!file.endsWith(ext) || file.length === ext.length || file.endsWith('.d.ts') || file.startsWith('_')) continue;
      const name = file.slice(0, -ext.length);
      if (name === 'types' || name === 'index') continue;
      const path = join(pluginsRoot, type, file);
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const loadSync = (): PluginDefinition => pickExport(require(path)) as PluginDefinition;
      out.push({
        type, name, namespaces: [...BUILTIN_NAMESPACES, ...(COLLECTION_HOMES[`${type}:${name}`] ?? [])],
        origin: 'builtin', location: `builtin:${type}/${name}`,
        load: async () => loadSync(),
        loadSync,
      });
    }
  }
  return out;
}
