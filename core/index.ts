/**
 * The public surface of tsible. Built-in plugins import only from here (`from 'tsible'`), so any
 * of them could move to its own npm package unchanged.
 */
export * from './errors.js';
export * from './options.js';
export * from './vars.js';
export * from './events.js';
export * from './plugin.js';
export { Stage, createKernelHooks, createRunHooks } from './hooks.js';
export type { KernelHooks, RunHooks, RunEventName, TapOnly, PluginHooks, CommandContext, ModuleResultContext } from './hooks.js';
export { Kernel, createKernel, type KernelOptions } from './kernel.js';
export { defineConfig, type TsibleConfig, type PluginEntry } from './config/define-config.js';
export { loadConfig, CONFIG_SEARCH_PLACES, type LoadConfigOptions } from './config/load-config.js';
export { ResolvedConfig, type SettingSource, type SettingValue } from './config/resolved-config.js';
export { SETTINGS, type SettingName, type SettingDef } from './config/settings.js';
export { PluginRegistry, type PluginCandidate, type PluginOrigin, type PluginListRow } from './loader/registry.js';
export { Run, RunStats, type RunOptions } from './executor/run.js';
export type { TemplateEnvironment } from './template/environment.js';
export { shellQuote } from './util/shell.js';

export type * from '../plugins/connection/types.js';
export type * from '../plugins/become/types.js';
export type * from '../plugins/module/types.js';
export type * from '../plugins/lookup/types.js';
export type * from '../plugins/inventory/types.js';
export type * from '../plugins/callback/types.js';
export type * from '../plugins/filter/types.js';
export type * from '../plugins/test/types.js';
export type * from '../plugins/strategy/types.js';
export type * from '../plugins/cache/types.js';
export { UnsafeText, VaultValue, isUnsafe, isVaultValue } from './values.js';
export { shlexSplit } from './util/shlex.js';
export * from './inventory/public.js';
export { loadYaml, loadYamlAll, locationOf, keyLocation, dumpYaml, type YamlLoadOptions } from './yaml/load.js';
export { DataLoader, cloneData, type DataLoaderOptions } from './yaml/data-loader.js';
export { VaultSecrets } from './vault/secrets.js';
export { isVaultText, parseVaultEnvelope, formatVaultEnvelope, VAULT_HEADER, type VaultEnvelope } from './vault/envelope.js';
export { loadVaultSecrets, splitVaultId, DEFAULT_VAULT_ID, type LoadVaultSecretsOptions } from './vault/load-secrets.js';
export * from './template/index.js';
export { runPlaybook, type RunPlaybookOptions, type PlaybookRunResult, type OutputOptions } from './api/run-playbook.js';
export { runAdHoc, type RunAdHocOptions, type AdHocResult } from './api/run-adhoc.js';
export { testModule, type TestModuleOptions, type TestModuleResult } from './api/test-module.js';
export { warmVaultValues } from './vault/warm.js';
export { attachCallbacks, fromAnsibleCallback, runEventNames, type AttachOptions, type AttachedCallbacks } from './callbacks/index.js';
export { vaultFilterEncrypt, vaultFilterDecrypt, FILTER_VAULT_ID } from './vault/filter-helpers.js';
export { InventoryData } from './inventory/data.js'; export { PatternMatcher, type PatternMismatch } from './inventory/pattern-matcher.js';
export { CallbackBase, type AnsibleTaskResult, type AnsibleStats } from './api/callback-base.js';
export { Play, type PlayLoadOptions } from './api/play.js';
export { TaskQueueManager, type TaskQueueManagerOptions } from './api/task-queue-manager.js';
export { Runner, type RunnerOptions, type RunnerResult } from './api/runner.js';
export { streamPlaybook, type RunEvent, type PlaybookEventStream } from './api/event-stream.js';
export { createInventory, type CreateInventoryOptions } from './api/inventory.js';
export { VariableManager, type VariableManagerOptions } from './executor/variables.js';
export { wrapText, expandTabs, formatLogEntry, formatWarning, formatDeprecation, formatError, deprecationMessage, type WrapOptions, type DeprecationInfo, type LogFormatOptions } from './callbacks/index.js';
export { globToRegExp as fnmatchRegExp } from './util/fnmatch.js';
export { splitArgs, parseKeyValue } from './playbook/kv.js';
export { PyRandom } from './util/py-random.js';
