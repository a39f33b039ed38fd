import { existsSync, statSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { TsibleError, isTsibleError } from '../errors.js';
import type { Kernel } from '../kernel.js';
import type { Logger } from '../vars.js';
import type { InventoryDefinition, InventorySourceContext } from '../../plugins/inventory/types.js';
import { SourceBuilder } from './builder.js';
import type { InventoryData } from './data.js';
import type { InventoryCaches } from './cache.js';

/** Ansible's INVENTORY_IGNORE_EXTS plus the always-ignored names inside an inventory directory. */
const IGNORED = /^\.|^host_vars$|^group_vars$|^vars_plugins$|(\.pyc|\.pyo|\.swp|\.bak|~|\.rpm|\.md|\.txt|\.rst|\.orig|\.ini|\.cfg|\.retry)$/;

export const DEFAULT_ENABLED = ['host_list', 'advanced_host_list', 'script', 'auto', 'yaml', 'ini', 'toml'];

export interface SourceLoaderDeps {
  kernel: Kernel;
  data: InventoryData;
  caches: InventoryCaches;
  enabled: string[];
  refreshing: boolean;
  log: Logger;
  /** The plugin context without cache (added per config source). */
  context: Omit<InventorySourceContext, 'cache'>;
}

interface Failure {
  plugin: string;
  error: unknown;
}

export function isHostListString(source: string): boolean {
  return source.includes(',') && !existsSync(source);
}

function isMissingFile(source: string): boolean {
  return !isHostListString(source) && !existsSync(source);
}

/**
 * Whether an enabled inventory plugin certainly declines a path that does not exist, so it need
 * not be loaded to be asked (the usual case: the default /etc/ansible/hosts is absent). True for
 * `auto` and for the built-ins, which only accept existing files or host lists (`a,b`); a name
 * nothing provides would only fail, and failures are not reported for a missing source.
 */
function declinesMissingFiles(name: string, kernel: Kernel): boolean {
  if (name === 'auto') return true;
  const [winner] = kernel.registry.candidates('inventory', name);
  return !winner || winner.origin === 'builtin';
}

/** The error's message, plus where it happened when the message does not already say (as Ansible frames YAML errors). */
function messageOf(err: unknown): string {
  const message = err instanceof Error ? err.message : String(err);
  const loc = isTsibleError(err) ? err.loc : undefined;
  if (!loc || message.includes(`${loc.file}:${loc.line}`)) return message;
  return `${message}\n\nThe error appears to be in '${loc.file}': line ${loc.line}, column ${loc.column}`;
}

/** Parses one source (a file, a directory of sources, or a host list); returns whether anything parsed it. */
export async function loadSource(source: string, deps: SourceLoaderDeps): Promise<boolean> {
  if (!isHostListString(source) && existsSync(source) && statSync(source).isDirectory()) {
    let parsed = false;
    for (const name of (await readdir(source)).sort()) {
      if (IGNORED.test(name)) continue;
      if (await loadSource(join(source, name), deps)) parsed = true;
    }
    return parsed;
  }
  const failures: Failure[] = [];
  const noneWould = isMissingFile(source) && deps.enabled.every((name) => declinesMissingFiles(name, deps.kernel));
  for (const pluginName of noneWould ? [] : deps.enabled) {
    try {
      const outcome = pluginName === 'auto'
        ? await tryConfigFile(source, deps)
        : await tryPlugin(await deps.kernel.resolve('inventory', pluginName), source, deps, deps.context);
      if (outcome) {
        deps.log.verbose(3, `Parsed ${source} inventory source with ${pluginName} plugin`);
        return true;
      }
    } catch (error) {
      failures.push({ plugin: pluginName, error });
    }
  }
  // Ansible stays quiet about its default source when it does not exist.
  if (source === '/etc/ansible/hosts' && !existsSync(source)) return false;
  if (isHostListString(source) || existsSync(source)) {
    for (const f of failures) deps.log.warn(`\n * Failed to parse ${source} with ${f.plugin} plugin: ${messageOf(f.error)}`);
    const anyFailed = deps.kernel.settings.inventory_any_unparsed_is_failed === true;
    if (anyFailed) {
      const first = failures.find((f) => isTsibleError(f.error))?.error as TsibleError | undefined;
      throw new TsibleError('TSIBLE_INVENTORY', `Completely failed to parse inventory source ${source}`,
        { loc: first?.loc, cause: first });
    }
    deps.log.warn(`Unable to parse ${source} as an inventory source`);
  } else {
    deps.log.warn(`Unable to parse ${source} as an inventory source`);
  }
  return false;
}

function originOf(source: string): { file: string | null; dir: string | null } {
  if (isHostListString(source)) return { file: source, dir: null };
  const dir = source.includes('/') ? source.slice(0, source.lastIndexOf('/')) || '/' : '';
  return { file: source, dir };
}

/** Runs one plugin on a source: false when its verify declines, throws when its parse fails. */
async function tryPlugin(plugin: InventoryDefinition, source: string, deps: SourceLoaderDeps,
  ctx: InventorySourceContext): Promise<boolean> {
  let wants = false;
  try {
    wants = Boolean(await plugin.verify(source, ctx));
  } catch {
    wants = false;
  }
  if (!wants) return false;
  const builder = new SourceBuilder(deps.data);
  await plugin.parse(source, builder, ctx);
  builder.commit(originOf(source));
  return true;
}

/** Ansible's `auto`: a YAML file whose `plugin:` key names the inventory plugin that reads it. */
async function tryConfigFile(source: string, deps: SourceLoaderDeps): Promise<boolean> {
  if (!/\.ya?ml$/.test(source) || !existsSync(source)) return false;
  const config = await deps.context.loadDataFile(source);
  const name = config && typeof config === 'object' && !Array.isArray(config) ? (config as Record<string, unknown>).plugin : undefined;
  if (name === undefined || name === null) return false;
  if (typeof name !== 'string' || name === '') {
    throw new TsibleError('TSIBLE_INVENTORY', `${source}: the 'plugin' key must name an inventory plugin`);
  }
  let plugin: InventoryDefinition;
  try {
    plugin = await deps.kernel.resolve('inventory', name);
  } catch (err) {
    throw new TsibleError('TSIBLE_INVENTORY', `inventory config '${source}' specifies unknown plugin '${name}': ${messageOf(err)}`, { cause: err });
  }
  const cache = await deps.caches.open(config as Record<string, unknown>, plugin.name, source, deps.refreshing);
  const ctx: InventorySourceContext = { ...deps.context, cache };
  if (!(await tryPlugin(plugin, source, deps, ctx))) {
    throw new TsibleError('TSIBLE_INVENTORY', `inventory source '${source}' could not be verified by inventory plugin '${name}'`);
  }
  deps.log.verbose(1, `Using inventory plugin '${name}' to process inventory source '${source}'`);
  return true;
}
