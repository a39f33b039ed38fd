import { dirname, isAbsolute, resolve } from 'node:path';
import { ConfigError, PluginLoadError, TsibleError, isTsibleError } from './errors.js';
import { Stage, createKernelHooks, type KernelHooks, type PluginHooks } from './hooks.js';
import {
  isPluginDefinition, isTsiblePlugin, type DefinitionByType, type PluginApi, type PluginDefinition,
  type PluginType, type TsiblePlugin,
} from './plugin.js';
import type { Logger } from './vars.js';
import type { LogEntry } from './events.js';
import { loadConfig, type LoadConfigOptions } from './config/load-config.js';
import type { ResolvedConfig } from './config/resolved-config.js';
import type { PluginEntry } from './config/define-config.js';
import { PluginRegistry, type PluginOrigin } from './loader/registry.js';
import { builtinCandidates } from './loader/builtin-manifest.js';
import { createFileImporter, pickExport } from './loader/import-file.js';
import { listAdjacentPlugins, listPluginDir, type AdjacentFile } from './loader/adjacent.js';
import {
  declaredDependencies, findPackageDir, looksLikePluginPackage, readPluginPackage, type PluginPackage,
} from './loader/package-plugins.js';
import { createLogger, type LogSink } from './logger.js';

export interface KernelOptions extends Partial<LoadConfigOptions> {
  /** Plugins given in code (API users); they take precedence over everything else. */
  plugins?: PluginEntry[];
  /** Where log lines go when no plugin consumes them (default: stderr). */
  logSink?: LogSink;
}

/**
 * The runtime: owns its hooks, its plugin registry and its resolved config. Nothing here is
 * module-level, so any number of kernels can live in one process without seeing each other.
 */
export class Kernel {
  readonly hooks: KernelHooks = createKernelHooks();
  readonly registry = new PluginRegistry();
  readonly log: Logger;
  private readonly importFile = createFileImporter();
  private readonly adjacentDirs = new Set<string>();
  private readonly actionGroups = new Map<string, Set<string>>();
  private disposed = false;

  private constructor(readonly config: ResolvedConfig, logSink: LogSink | undefined) {
    this.log = createLogger((entry) => this.emitLog(entry), 'tsible');
    this.sink = logSink;
  }

  private readonly sink: LogSink | undefined;

  static async create(options: KernelOptions = {}): Promise<Kernel> {
    const cwd = options.cwd ?? process.cwd();
    const config = await loadConfig({ ...options, cwd });
    const kernel = new Kernel(config, options.logSink);
    for (const c of builtinCandidates()) kernel.registry.add(c);
    kernel.registry.noteSearched('*', 'built-in plugins');
    await kernel.applyEntries(options.plugins ?? [], 'inline', cwd);
    await kernel.applyEntries(config.plugins, 'config', config.configFile ? dirname(config.configFile) : cwd);
    if (config.boolean('auto_discover')) await kernel.discoverPackages(config.projectDir);
    for (const dir of config.list('library')) kernel.addModuleDir(dir);
    kernel.hooks.afterPlugins.call(kernel);
    return kernel;
  }

  /** Settings as a plain read-only record, as plugins receive them. */
  get settings(): Readonly<Record<string, unknown>> {
    return this.config.toRecord();
  }

  resolve<T extends PluginType>(type: T, name: string): Promise<DefinitionByType[T]> {
    return this.registry.resolve(type, name);
  }

  /** Adds modules to an action group (`module_defaults: { group/<name>: … }`), as a collection's runtime.yml does. */
  addActionGroup(group: string, modules: readonly string[]): void {
    const set = this.actionGroups.get(group) ?? new Set<string>();
    for (const m of modules) set.add(m);
    this.actionGroups.set(group, set);
  }

  /** The action groups a module (short name or FQCN) belongs to. */
  actionGroupsOf(module: string): string[] {
    const short = module.slice(module.lastIndexOf('.') + 1);
    return [...this.actionGroups].filter(([, mods]) => mods.has(module) || mods.has(short)).map(([g]) => g);
  }

  /** Registers the Ansible-style plugin folders (library/, filter_plugins/, …) under a playbook or role directory. */
  addAdjacentDir(baseDir: string): void {
    const dir = resolve(baseDir);
    if (this.adjacentDirs.has(dir)) return;
    this.adjacentDirs.add(dir);
    const { dirs, files } = listAdjacentPlugins(dir);
    for (const d of dirs) this.registry.noteSearched('*', d);
    this.addAdjacentFiles(files);
  }

  /** A directory of modules given by the `library` setting or `-M` (any name, not only library/). */
  addModuleDir(dir: string): void {
    const abs = resolve(dir);
    if (this.adjacentDirs.has(abs)) return;
    this.adjacentDirs.add(abs);
    this.registry.noteSearched('module', abs);
    this.addAdjacentFiles(listPluginDir(abs, 'module'));
  }

  private addAdjacentFiles(files: AdjacentFile[]): void {
    for (const f of files) {
      this.registry.add({
        type: f.type, name: f.name, namespaces: ['ansible.legacy'], origin: 'adjacent', location: f.path,
        load: () => (f.kind === 'script' ? this.loadScriptModule(f.path, f.name) : this.loadDefinitionFile(f.path, f.type, f.name)),
      });
    }
  }

  private async loadScriptModule(path: string, name: string): Promise<PluginDefinition> {
    // require, not import(): this is CommonJS, and import() would start Node's ESM loader.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { scriptModule } = require('./executor/script-module.js') as typeof import('./executor/script-module.js');
    return scriptModule(name, path);
  }

  private async loadDefinitionFile(path: string, type: PluginType, name: string): Promise<PluginDefinition> {
    let exported: unknown;
    try {
      exported = pickExport(await this.importFile(path));
    } catch (err) {
      throw new PluginLoadError(name, path, err);
    }
    const defs = Array.isArray(exported) ? exported : [exported];
    const def = defs.find((d) => isPluginDefinition(d) && d.kind === type && d.name === name)
      ?? defs.find((d) => isPluginDefinition(d) && d.kind === type);
    if (!def) {
      throw new TsibleError('TSIBLE_PLUGIN_INVALID',
        `${path}: expected a default export made with define${type[0].toUpperCase()}${type.slice(1)}(...) providing a ${type} plugin`);
    }
    return def as PluginDefinition;
  }

  /** The project's declared dependencies that are tsible plugins; their providers load lazily. */
  private async discoverPackages(projectDir: string): Promise<void> {
    this.registry.noteSearched('*', `tsible-plugin-* packages in ${resolve(projectDir, 'package.json')}`);
    for (const dep of declaredDependencies(projectDir)) {
      const dir = findPackageDir(dep, projectDir);
      if (!dir) continue;
      const pkg = readPluginPackage(dir);
      if (!looksLikePluginPackage(pkg.name, pkg.keywords)) continue;
      await this.registerPackage(pkg, 'npm');
    }
  }

  private async registerPackage(pkg: PluginPackage, origin: PluginOrigin, options?: unknown): Promise<void> {
    const m = pkg.manifest;
    if (!m) {
      // No declaration: load the package's main export now.
      const exported = pickExport(await this.importOrFail(pkg.name, pkg.dir));
      await this.applyExport(exported, pkg.name, undefined, origin, options);
      return;
    }
    const namespaces = m.namespace ? [m.namespace] : [];
    for (const [group, modules] of Object.entries(m.actionGroups ?? {})) {
      this.addActionGroup(group, modules);
      if (m.namespace) this.addActionGroup(`${m.namespace}.${group}`, modules);
    }
    for (const [type, byName] of Object.entries(m.provides ?? {})) {
      for (const [name, rel] of Object.entries(byName ?? {})) {
        const path = resolve(pkg.dir, rel);
        this.registry.add({
          type: type as PluginType, name, namespaces, origin, location: `${pkg.name} (${path})`,
          load: () => this.loadDefinitionFile(path, type as PluginType, name),
        });
      }
    }
    if (m.plugin) {
      const exported = pickExport(await this.importOrFail(pkg.name, resolve(pkg.dir, m.plugin)));
      await this.applyExport(exported, pkg.name, m.namespace, origin, options);
    }
  }

  private async importOrFail(name: string, path: string): Promise<unknown> {
    try {
      return await this.importFile(require.resolve(path));
    } catch (err) {
      throw new PluginLoadError(name, path, err);
    }
  }

  private async applyEntries(entries: readonly PluginEntry[], origin: PluginOrigin, baseDir: string): Promise<void> {
    for (const entry of entries) {
      if (typeof entry === 'string' || Array.isArray(entry)) {
        const [spec, options] = typeof entry === 'string' ? [entry, undefined] : (entry as [string, unknown]);
        await this.applySpecifier(spec, options, origin, baseDir);
      } else {
        await this.applyExport(entry, isTsiblePlugin(entry) ? entry.name : (entry as PluginDefinition).name,
          undefined, origin, undefined);
      }
    }
  }

  /** `'./path'`, an absolute path, or a package name (`foo` → `tsible-plugin-foo`, as ESLint normalises). */
  private async applySpecifier(spec: string, options: unknown, origin: PluginOrigin, baseDir: string): Promise<void> {
    if (spec.startsWith('.') || isAbsolute(spec)) {
      const path = resolve(baseDir, spec);
      const exported = pickExport(await this.importOrFail(spec, path));
      await this.applyExport(exported, spec, undefined, origin, options);
      return;
    }
    const tried = packageNameCandidates(spec);
    for (const name of tried) {
      const dir = findPackageDir(name, baseDir);
      if (dir) return this.registerPackage(readPluginPackage(dir), origin, options);
    }
    throw new ConfigError(`plugin '${spec}' is not installed (looked for ${tried.map((t) => `'${t}'`).join(', ')} from ${baseDir})`,
      { hints: [`install it with: npm install --save-dev ${tried[tried.length - 1]}`] });
  }

  private async applyExport(exported: unknown, name: string, namespace: string | undefined,
    origin: PluginOrigin, options: unknown): Promise<void> {
    let value = exported;
    if (typeof value === 'function' && !isTsiblePlugin(value)) value = (value as (o: unknown) => unknown)(options ?? {});
    const items = Array.isArray(value) ? value : [value];
    for (const item of items) {
      if (isTsiblePlugin(item)) await this.applyPlugin(item, origin);
      else if (isPluginDefinition(item)) this.addDefinition(item, origin, name, namespace ? [namespace] : []);
      else throw new TsibleError('TSIBLE_PLUGIN_INVALID',
        `plugin '${name}' exports neither a plugin (definePlugin) nor a definition (defineModule, defineLookup, …)`);
    }
  }

  private addDefinition(def: PluginDefinition, origin: PluginOrigin, location: string, namespaces: string[]): void {
    this.registry.add({ type: def.kind, name: def.name, namespaces, origin, location, load: async () => def });
  }

  private async applyPlugin(plugin: TsiblePlugin, origin: PluginOrigin): Promise<void> {
    const api: PluginApi = {
      hooks: this.hooks as PluginHooks<KernelHooks>,
      log: createLogger((entry) => this.emitLog(entry), plugin.name),
      settings: this.settings,
      provide: (...defs) => {
        for (const d of defs) this.addDefinition(d, origin, plugin.name, plugin.namespace ? [plugin.namespace] : []);
      },
      actionGroup: (name, modules) => {
        this.addActionGroup(name, modules);
        if (plugin.namespace) this.addActionGroup(`${plugin.namespace}.${name}`, modules);
      },
    };
    try {
      await plugin.apply(api);
    } catch (err) {
      if (isTsibleError(err)) throw err;
      throw new PluginLoadError(plugin.name, origin, err);
    }
  }

  emitLog(entry: LogEntry): void {
    if (this.hooks.log.call(entry) === true) return;
    this.sink?.(entry);
  }

  /** Runs `shutdown` taps (plugins close what they opened). Safe to call twice. */
  async dispose(): Promise<void> {
    if (this.disposed) return;
    this.disposed = true;
    await this.hooks.shutdown.promise();
  }
}

function packageNameCandidates(spec: string): string[] {
  if (spec.startsWith('@')) {
    const [scope, rest] = spec.split('/');
    if (!rest) return [`${scope}/tsible-plugin`];
    return rest.startsWith('tsible-plugin') ? [spec] : [spec, `${scope}/tsible-plugin-${rest}`];
  }
  return spec.startsWith('tsible-plugin-') ? [spec] : [spec, `tsible-plugin-${spec}`];
}

export function createKernel(options?: KernelOptions): Promise<Kernel> {
  return Kernel.create(options);
}

export { Stage };
