import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { PLUGIN_TYPES, type PluginType } from '../plugin.js';
import { ConfigError } from '../errors.js';

/** The `tsible` field of a plugin package's package.json. */
export interface PackageManifest {
  /** FQCN namespace, e.g. 'acme.cloud' makes `acme.cloud.deploy` resolve. */
  namespace?: string;
  /** Lazily loaded providers: `{ module: { deploy: './dist/deploy.js' } }`. */
  provides?: Partial<Record<PluginType, Record<string, string>>>;
  /** A lifecycle plugin (TsiblePlugin) applied when the kernel starts. */
  plugin?: string;
  /** Action groups for `module_defaults: { group/<name>: … }`: group name → module names. */
  actionGroups?: Record<string, string[]>;
}

export interface PluginPackage {
  name: string;
  dir: string;
  manifest?: PackageManifest;
  keywords: string[];
}

const NAME_PATTERN = /^(@[^/]+\/)?tsible-plugin(-.+)?$/;

export function looksLikePluginPackage(name: string, keywords: readonly string[]): boolean {
  return NAME_PATTERN.test(name) || keywords.includes('tsible-plugin');
}

/** Finds an installed package's folder by walking node_modules upward from `fromDir`. */
export function findPackageDir(name: string, fromDir: string): string | undefined {
  let dir = resolve(fromDir);
  for (;;) {
    const candidate = join(dir, 'node_modules', name);
    if (existsSync(join(candidate, 'package.json'))) return candidate;
    const parent = dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

export function readPluginPackage(dir: string): PluginPackage {
  const file = join(dir, 'package.json');
  let pkg: { name?: string; keywords?: unknown; tsible?: unknown };
  try {
    pkg = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new ConfigError(`${file}: cannot read package.json: ${(err as Error).message}`);
  }
  const manifest = pkg.tsible as PackageManifest | undefined;
  if (manifest !== undefined) validateManifest(manifest, file);
  return {
    name: pkg.name ?? dir,
    dir,
    manifest,
    keywords: Array.isArray(pkg.keywords) ? pkg.keywords.map(String) : [],
  };
}

function validateManifest(m: PackageManifest, file: string): void {
  if (typeof m !== 'object' || m === null) throw new ConfigError(`${file}: the "tsible" field must be an object`);
  for (const type of Object.keys(m.provides ?? {})) {
    if (!(PLUGIN_TYPES as readonly string[]).includes(type)) {
      throw new ConfigError(`${file}: "tsible.provides" names unknown plugin type '${type}' (known: ${PLUGIN_TYPES.join(', ')})`);
    }
  }
}

/** Names in the project's package.json dependencies (never a scan of node_modules). */
export function declaredDependencies(projectDir: string): string[] {
  const file = join(projectDir, 'package.json');
  if (!existsSync(file)) return [];
  const pkg = JSON.parse(readFileSync(file, 'utf8')) as Record<string, Record<string, string> | undefined>;
  const names = new Set<string>();
  for (const field of ['dependencies', 'devDependencies', 'optionalDependencies']) {
    for (const name of Object.keys(pkg[field] ?? {})) names.add(name);
  }
  return [...names].sort();
}
