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
export type { LoadVaultSecretsOptions } from './vault/load-secrets.js';
export { isVaultText, parseVaultEnvelope, formatVaultEnvelope, VAULT_HEADER, type VaultEnvelope } from './vault/envelope.js';
export * from './template/index.js';
export type { RunAdHocOptions, AdHocResult } from './api/run-adhoc.js';
export type { TestModuleOptions, TestModuleResult } from './api/test-module.js';
export { attachCallbacks, runEventNames, type AttachOptions, type AttachedCallbacks } from './callbacks/dispatcher.js';
export type { AnsibleTaskResult, AnsibleStats } from './api/callback-base.js';
export type { PlayLoadOptions } from './api/play.js';
export type { TaskQueueManagerOptions } from './api/task-queue-manager.js';
export type { RunnerOptions, RunnerResult } from './api/runner.js';
export type { RunEvent, PlaybookEventStream } from './api/event-stream.js';
export type { CreateInventoryOptions } from './api/inventory.js';
export { wrapText, expandTabs, type WrapOptions } from './callbacks/textwrap.js';
export {
  formatLogEntry, formatWarning, formatDeprecation, formatError, deprecationMessage, type DeprecationInfo, type LogFormatOptions,
} from './callbacks/log-format.js';
export { runPlaybook, type RunPlaybookOptions, type PlaybookRunResult, type OutputOptions } from './api/run-playbook.js';
export { InventoryData } from './inventory/data.js'; export { PatternMatcher, type PatternMismatch } from './inventory/pattern-matcher.js';
export { VariableManager, type VariableManagerOptions } from './executor/variables.js';
export { globToRegExp as fnmatchRegExp } from './util/fnmatch.js';
export { splitArgs, parseKeyValue } from './playbook/kv.js';

/*
 * Loaded on first use. A run rarely needs these (the other API entry points, the Ansible-style
 * classes, vault password sources, seeded randomness), yet every built-in plugin imports from this
 * file: a getter requires each module the first time one of its names is read, so starting the
 * CLI does not pay for them. The `void 0` line lets Node's ESM loader see the names
 * (`import { runAdHoc } from 'tsible'` in an .mjs file), as it does for the exports above.
 */
import type * as AdHocApi from './api/run-adhoc.js';
import type * as TestModuleApi from './api/test-module.js';
import type * as VaultWarm from './vault/warm.js';
import type * as AnsibleAdapter from './callbacks/ansible-adapter.js';
import type * as VaultFilter from './vault/filter-helpers.js';
import type * as CallbackBaseApi from './api/callback-base.js';
import type * as PlayApi from './api/play.js';
import type * as TaskQueueManagerApi from './api/task-queue-manager.js';
import type * as RunnerApi from './api/runner.js';
import type * as EventStreamApi from './api/event-stream.js';
import type * as InventoryApi from './api/inventory.js';
import type * as VaultLoad from './vault/load-secrets.js';
import type * as Random from './util/py-random.js';

export declare const runAdHoc: typeof AdHocApi.runAdHoc;
export declare const testModule: typeof TestModuleApi.testModule;
export declare const warmVaultValues: typeof VaultWarm.warmVaultValues;
export declare const fromAnsibleCallback: typeof AnsibleAdapter.fromAnsibleCallback;
export declare const vaultFilterEncrypt: typeof VaultFilter.vaultFilterEncrypt;
export declare const vaultFilterDecrypt: typeof VaultFilter.vaultFilterDecrypt;
export declare const FILTER_VAULT_ID: typeof VaultFilter.FILTER_VAULT_ID;
export declare const CallbackBase: typeof CallbackBaseApi.CallbackBase;
export type CallbackBase = CallbackBaseApi.CallbackBase;
export declare const Play: typeof PlayApi.Play;
export type Play = PlayApi.Play;
export declare const TaskQueueManager: typeof TaskQueueManagerApi.TaskQueueManager;
export type TaskQueueManager = TaskQueueManagerApi.TaskQueueManager;
export declare const Runner: typeof RunnerApi.Runner;
export type Runner = RunnerApi.Runner;
export declare const streamPlaybook: typeof EventStreamApi.streamPlaybook;
export declare const createInventory: typeof InventoryApi.createInventory;
export declare const loadVaultSecrets: typeof VaultLoad.loadVaultSecrets;
export declare const splitVaultId: typeof VaultLoad.splitVaultId;
export declare const DEFAULT_VAULT_ID: typeof VaultLoad.DEFAULT_VAULT_ID;
export declare const PyRandom: typeof Random.PyRandom;
export type PyRandom = Random.PyRandom;

exports.runAdHoc = exports.testModule = exports.warmVaultValues = exports.fromAnsibleCallback = exports.vaultFilterEncrypt
  = exports.vaultFilterDecrypt = exports.FILTER_VAULT_ID = exports.CallbackBase = exports.Play = exports.TaskQueueManager
  = exports.Runner = exports.streamPlaybook = exports.createInventory = exports.loadVaultSecrets = exports.splitVaultId
  = exports.DEFAULT_VAULT_ID = exports.PyRandom = void 0;

function onFirstUse(load: () => Record<string, unknown>, names: readonly string[]): void {
  let mod: Record<string, unknown> | undefined;
  for (const name of names) {
    Object.defineProperty(exports, name, { enumerable: true, configurable: true, get: () => (mod ??= load())[name] });
  }
}

/* eslint-disable @typescript-eslint/no-require-imports */
onFirstUse(() => require('./api/run-adhoc.js'), ['runAdHoc']);
onFirstUse(() => require('./api/test-module.js'), ['testModule']);
onFirstUse(() => require('./vault/warm.js'), ['warmVaultValues']);
onFirstUse(() => require('./callbacks/ansible-adapter.js'), ['fromAnsibleCallback']);
onFirstUse(() => require('./vault/filter-helpers.js'), ['vaultFilterEncrypt', 'vaultFilterDecrypt', 'FILTER_VAULT_ID']);
onFirstUse(() => require('./api/callback-base.js'), ['CallbackBase']);
onFirstUse(() => require('./api/play.js'), ['Play']);
onFirstUse(() => require('./api/task-queue-manager.js'), ['TaskQueueManager']);
onFirstUse(() => require('./api/runner.js'), ['Runner']);
onFirstUse(() => require('./api/event-stream.js'), ['streamPlaybook']);
onFirstUse(() => require('./api/inventory.js'), ['createInventory']);
onFirstUse(() => require('./vault/load-secrets.js'), ['loadVaultSecrets', 'splitVaultId', 'DEFAULT_VAULT_ID']);
onFirstUse(() => require('./util/py-random.js'), ['PyRandom']);
/* eslint-enable @typescript-eslint/no-require-imports */
