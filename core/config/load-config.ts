import { homedir } from 'node:os';
import { basename, dirname, isAbsolute, resolve } from 'node:path';
import { ConfigError, isTsibleError } from '../errors.js';
import { createFileImporter, pickExport } from '../loader/import-file.js';
import { suggest } from '../util/suggest.js';
import { findAnsibleCfg, readAnsibleCfg } from './ansible-cfg.js';
import { coerceSetting } from './coerce.js';
import { mayFindTsibleConfig } from './config-probe.js';
import { ResolvedConfig, type SettingSource, type SettingValue } from './resolved-config.js';
import { SETTINGS, settingNameFrom, tsibleEnvName, type SettingName } from './settings.js';

/** Places searched for a tsible config file, in cosmiconfig's order. */
export const CONFIG_SEARCH_PLACES = [
  'package.json', '.tsiblerc', '.tsiblerc.json', '.tsiblerc.yaml', '.tsiblerc.yml',
  '.tsiblerc.js', '.tsiblerc.ts', '.tsiblerc.mjs', '.tsiblerc.cjs',
  'tsible.config.ts', 'tsible.config.js', 'tsible.config.mjs', 'tsible.config.cjs',
];

export interface LoadConfigOptions {
  cwd: string;
  env?: NodeJS.ProcessEnv;
  /** Values from command-line flags (highest precedence). */
  cli?: Partial<Record<SettingName, unknown>>;
  /** An explicit config file, or false to skip the search. */
  configFile?: string | false;
  /** Home directory for ~/.ansible.cfg and ~ expansion. */
  home?: string;
  /** Directory holding the system ansible.cfg (default /etc/ansible). */
  ansibleSystemDir?: string;
}

interface FoundConfig { file: string; data: Record<string, unknown> }

async function findTsibleConfig(opts: LoadConfigOptions): Promise<FoundConfig | undefined> {
  if (opts.configFile === false) return undefined;
  // Most projects have no tsible config: a few stat calls prove it, and cosmiconfig (with its
  // YAML and JSON parsers) is then never loaded.
  if (!opts.configFile && !mayFindTsibleConfig(opts.cwd, CONFIG_SEARCH_PLACES)) return undefined;
  // require, not import(): a dynamic import() would start Node's ESM loader for a CommonJS package.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { cosmiconfig } = require('cosmiconfig') as typeof import('cosmiconfig');
  const importFile = createFileImporter();
  const loadCode = async (file: string) => pickExport(await importFile(file));
  const explorer = cosmiconfig('tsible', {
    searchPlaces: CONFIG_SEARCH_PLACES,
    searchStrategy: 'project',
    cache: false,
    loaders: { '.ts': loadCode, '.js': loadCode, '.mjs': loadCode, '.cjs': loadCode },
  });
  let result;
  try {
    result = opts.configFile ? await explorer.load(resolve(opts.cwd, opts.configFile)) : await explorer.search(opts.cwd);
  } catch (err) {
    if (isTsibleError(err)) throw err;
    const file = (err as { filepath?: string }).filepath ?? opts.configFile ?? 'tsible config';
    throw new ConfigError(`cannot load ${file}: ${(err as Error).message}`, { cause: err });
  }
  if (!result || result.isEmpty) return undefined;
  if (typeof result.config !== 'object' || result.config === null || Array.isArray(result.config)) {
    throw new ConfigError(`${result.filepath}: the configuration must be an object (export default defineConfig({...}))`);
  }
  return { file: result.filepath, data: result.config as Record<string, unknown> };
}

function expandPath(value: unknown, baseDir: string, home: string): unknown {
  const one = (p: string) => (p.startsWith('~') ? home + p.slice(1) : isAbsolute(p) ? p : resolve(baseDir, p));
  if (typeof value === 'string') return one(value);
  if (Array.isArray(value)) return value.map((v) => (typeof v === 'string' ? one(v) : v));
  return value;
}

class SettingsBuilder {
  readonly values = new Map<SettingName, SettingValue>();
  constructor(private readonly home: string) {
    for (const name of Object.keys(SETTINGS) as SettingName[]) {
      this.values.set(name, { value: SETTINGS[name].default, source: 'default' });
    }
  }

  set(name: SettingName, raw: unknown, source: SettingSource, detail: string, baseDir?: string): void {
    const def = SETTINGS[name];
    const coerced = coerceSetting(name, def, raw);
    if ('error' in coerced) {
      const where = source === 'env' ? `environment variable ${detail}` : detail;
      throw new ConfigError(`${where}: setting '${name}' must be ${coerced.error}, got ${JSON.stringify(raw)}`);
    }
    let value = coerced.value;
    if (baseDir && (def.type === 'path' || def.type === 'pathlist')) value = expandPath(value, baseDir, this.home);
    this.values.set(name, { value, source, detail });
  }
}

function applyAnsibleCfg(b: SettingsBuilder, file: string): void {
  const sections = readAnsibleCfg(file);
  for (const name of Object.keys(SETTINGS) as SettingName[]) {
    const ini = (SETTINGS[name] as { ini?: readonly [string, string] }).ini;
    const raw = ini && sections.get(ini[0])?.get(ini[1]);
    if (raw !== undefined) b.set(name, raw, 'ansible.cfg', file, dirname(file));
  }
  // Ansible's old name for callbacks_enabled.
  const legacy = sections.get('defaults')?.get('callback_whitelist');
  if (legacy !== undefined && b.values.get('callbacks_enabled')?.source === 'default') {
    b.set('callbacks_enabled', legacy, 'ansible.cfg', file);
  }
}

/** Keys of a plugin package's manifest, which shares package.json's `tsible` field with config. */
const MANIFEST_KEYS = new Set(['provides', 'namespace', 'plugin']);

function applyConfigFile(b: SettingsBuilder, found: FoundConfig): void {
  const inPackageJson = basename(found.file) === 'package.json';
  for (const [key, raw] of Object.entries(found.data)) {
    if (inPackageJson && MANIFEST_KEYS.has(key)) continue;
    const name = settingNameFrom(key);
    if (!name) {
      const hint = suggest(key, Object.keys(SETTINGS));
      throw new ConfigError(`${found.file}: unknown setting '${key}'`, {
        hints: hint.length ? [`did you mean '${hint[0]}'?`] : ['see docs/configuration.md for every setting'],
      });
    }
    b.set(name, raw, 'config', found.file, dirname(found.file));
  }
}

function applyEnv(b: SettingsBuilder, env: NodeJS.ProcessEnv, cwd: string): void {
  for (const name of Object.keys(SETTINGS) as SettingName[]) {
    const names = [...((SETTINGS[name] as { ansibleEnv?: readonly string[] }).ansibleEnv ?? []), tsibleEnvName(name)];
    for (const v of names) {
      if (env[v] !== undefined) b.set(name, env[v], 'env', v, cwd);
    }
  }
}

/** Resolves every setting: CLI > environment > tsible config > ansible.cfg > default. */
export async function loadConfig(opts: LoadConfigOptions): Promise<ResolvedConfig> {
  const env = opts.env ?? process.env;
  const home = opts.home ?? env.HOME ?? homedir();
  const b = new SettingsBuilder(home);
  const cfg = findAnsibleCfg(opts.cwd, env, home, opts.ansibleSystemDir);
  if (cfg) applyAnsibleCfg(b, cfg);
  const found = await findTsibleConfig(opts);
  if (found) applyConfigFile(b, found);
  applyEnv(b, env, opts.cwd);
  for (const [name, raw] of Object.entries(opts.cli ?? {})) {
    if (raw !== undefined) b.set(name as SettingName, raw, 'cli', 'command line', opts.cwd);
  }
  return new ResolvedConfig(b.values, found?.file, cfg, found ? dirname(found.file) : opts.cwd);
}
