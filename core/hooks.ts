/**
 * The hook catalogue: every extension point of the kernel, typed in one place.
 * docs/hooks.md documents each hook; test/core/kernel/hooks-catalogue.test.ts pins names and types.
 *
 * Rules: notifications are Sync/AsyncSeriesHook, transforms are waterfalls, "first answer wins"
 * is a bail hook. Kernel hooks live as long as the kernel; run hooks belong to one run, so two
 * runs in one process never see each other's events.
 */
import {
  AsyncParallelHook, AsyncSeriesHook, AsyncSeriesWaterfallHook, SyncBailHook, SyncHook, SyncWaterfallHook,
} from 'tapable';
import type {
  AsyncPollEvent, HostTaskEvent, IncludeEvent, ItemResultEvent, LogEntry, NoHostsEvent, NotifyEvent,
  PlaybookStartEvent, PlayStartEvent, RetryEvent, RunStatsEvent, TaskResultEvent, TaskStartEvent, VarsPromptEvent,
} from './events.js';
import type { Vars } from './vars.js';
import type { ModuleResult } from '../plugins/module/types.js';
import type { Kernel } from './kernel.js';
import type { Run } from './executor/run.js';
import type { TemplateEnvironment } from './template/environment.js';
import type { InventoryView } from '../plugins/inventory/types.js';

/** Lower runs earlier (tapable `stage`). Built-in plugins tap at BUILTIN, user plugins at USER. */
export const Stage = { PRE: -1000, BUILTIN: 0, USER: 100, POST: 1000 } as const;

/** What a `command` tap receives besides the command line. */
export interface CommandContext {
  host: string;
  task?: string;
  vars: Vars;
}

/** What a `moduleResult` tap receives besides the result. */
export interface ModuleResultContext {
  host: string;
  action: string;
  vars: Vars;
}

export function createKernelHooks() {
  return Object.freeze({
    /** After every configured and discovered plugin has been applied. */
    afterPlugins: new SyncHook<[Kernel]>(['kernel']),
    /** A template environment was created: add filters, tests and globals. */
    templateEnvironment: new SyncHook<[TemplateEnvironment]>(['environment']),
    /** Inventory sources are about to be parsed: add, drop or reorder them. */
    inventorySources: new SyncWaterfallHook<[string[]]>(['sources']),
    /** The inventory is loaded (and again after refresh_inventory). */
    inventoryLoaded: new AsyncSeriesHook<[InventoryView]>(['inventory']),
    /** A run was created: tap its run hooks here (callback plugins do). */
    run: new SyncHook<[Run]>(['run']),
    /** Log lines (warnings, deprecations, -v output). A tap returning true consumes the entry. */
    log: new SyncBailHook<[LogEntry], true | undefined>(['entry']),
    /** The kernel is being disposed: close what plugins opened. */
    shutdown: new AsyncParallelHook<[]>([]),
  });
}

export function createRunHooks() {
  return Object.freeze({
    // Events, in Ansible's order (see docs/hooks.md). Callback plugins listen here.
    playbookStart: new AsyncSeriesHook<[PlaybookStartEvent]>(['event']),
    varsPrompt: new AsyncSeriesHook<[VarsPromptEvent]>(['event']),
    playStart: new AsyncSeriesHook<[PlayStartEvent]>(['event']),
    noHostsMatched: new AsyncSeriesHook<[NoHostsEvent]>(['event']),
    noHostsRemaining: new AsyncSeriesHook<[NoHostsEvent]>(['event']),
    taskStart: new AsyncSeriesHook<[TaskStartEvent]>(['event']),
    handlerTaskStart: new AsyncSeriesHook<[TaskStartEvent]>(['event']),
    runnerStart: new AsyncSeriesHook<[HostTaskEvent]>(['event']),
    runnerOk: new AsyncSeriesHook<[TaskResultEvent]>(['event']),
    runnerFailed: new AsyncSeriesHook<[TaskResultEvent]>(['event']),
    runnerSkipped: new AsyncSeriesHook<[TaskResultEvent]>(['event']),
    runnerUnreachable: new AsyncSeriesHook<[TaskResultEvent]>(['event']),
    itemOk: new AsyncSeriesHook<[ItemResultEvent]>(['event']),
    itemFailed: new AsyncSeriesHook<[ItemResultEvent]>(['event']),
    itemSkipped: new AsyncSeriesHook<[ItemResultEvent]>(['event']),
    runnerRetry: new AsyncSeriesHook<[RetryEvent]>(['event']),
    asyncPoll: new AsyncSeriesHook<[AsyncPollEvent]>(['event']),
    asyncOk: new AsyncSeriesHook<[AsyncPollEvent]>(['event']),
    asyncFailed: new AsyncSeriesHook<[AsyncPollEvent]>(['event']),
    fileDiff: new AsyncSeriesHook<[TaskResultEvent]>(['event']),
    notify: new AsyncSeriesHook<[NotifyEvent]>(['event']),
    include: new AsyncSeriesHook<[IncludeEvent]>(['event']),
    stats: new AsyncSeriesHook<[RunStatsEvent]>(['event']),

    // Transforms on the execution path.
    /** Every shell command line before it is sent to a host (after become wrapping is decided). */
    command: new SyncWaterfallHook<[string, CommandContext]>(['command', 'context']),
    /** A module's result before failed_when/changed_when, register and callbacks see it. */
    moduleResult: new AsyncSeriesWaterfallHook<[ModuleResult, ModuleResultContext]>(['result', 'context']),
  });
}

export type KernelHooks = ReturnType<typeof createKernelHooks>;
export type RunHooks = ReturnType<typeof createRunHooks>;
export type RunEventName = Exclude<keyof RunHooks, 'command' | 'moduleResult'>;

/** Plugins may only tap; the kernel alone calls. */
export type TapOnly<H> = Omit<H, 'call' | 'callAsync' | 'promise'>;
export type PluginHooks<T> = { readonly [K in keyof T]: TapOnly<T[K]> };
