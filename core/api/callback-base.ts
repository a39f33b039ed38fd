import { fromAnsibleCallback } from '../callbacks/ansible-adapter.js';
import type { CallbackEventName, CallbackHandlers } from '../../plugins/callback/types.js';
import type { ModuleResult } from '../../plugins/module/types.js';
import type { TaskView } from '../events.js';

/** What Ansible-style `v2_runner_*` methods receive (Ansible's TaskResult, in spirit). */
export interface AnsibleTaskResult {
  _host: { name: string; get_name(): string };
  _task: { name: string; action: string; args: Record<string, unknown>; get_name(): string; _uuid: string };
  _result: ModuleResult;
  task_name: string;
  is_changed(): boolean;
  is_failed(): boolean;
  is_skipped(): boolean;
  is_unreachable(): boolean;
}

export interface AnsibleStats {
  processed: Record<string, number>;
  custom: Record<string, unknown>;
  summarize(host: string): { ok: number; changed: number; unreachable: number; failures: number; skipped: number; rescued: number; ignored: number };
}

/**
 * Ansible's callback methods, all optional. A subclass of CallbackBase implements the ones it
 * needs, with Ansible's names and arguments or with tsible's camelCase event handlers (or both).
 */
export interface CallbackBase extends CallbackHandlers {
  v2_on_any?(...args: unknown[]): void | Promise<void>;
  v2_playbook_on_start?(playbook: { _file_name: string }): void | Promise<void>;
  v2_playbook_on_vars_prompt?(varname: string, isPrivate: boolean, prompt: string, encrypt: unknown, confirm: boolean,
    saltSize: unknown, salt: unknown, defaultValue: string | undefined, unsafe: boolean): void | Promise<void>;
  v2_playbook_on_play_start?(play: { name: string; hosts: string; get_name(): string }): void | Promise<void>;
  v2_playbook_on_no_hosts_matched?(): void | Promise<void>;
  v2_playbook_on_no_hosts_remaining?(): void | Promise<void>;
  v2_playbook_on_task_start?(task: { name: string; action: string; get_name(): string }, isConditional: boolean): void | Promise<void>;
  v2_playbook_on_handler_task_start?(task: { name: string; get_name(): string }): void | Promise<void>;
  v2_runner_on_start?(host: { name: string }, task: { name: string }): void | Promise<void>;
  v2_runner_on_ok?(result: AnsibleTaskResult): void | Promise<void>;
  v2_runner_on_failed?(result: AnsibleTaskResult, ignoreErrors?: boolean): void | Promise<void>;
  v2_runner_on_skipped?(result: AnsibleTaskResult): void | Promise<void>;
  v2_runner_on_unreachable?(result: AnsibleTaskResult): void | Promise<void>;
  v2_runner_item_on_ok?(result: AnsibleTaskResult): void | Promise<void>;
  v2_runner_item_on_failed?(result: AnsibleTaskResult): void | Promise<void>;
  v2_runner_item_on_skipped?(result: AnsibleTaskResult): void | Promise<void>;
  v2_runner_retry?(result: AnsibleTaskResult): void | Promise<void>;
  v2_runner_on_async_poll?(result: AnsibleTaskResult): void | Promise<void>;
  v2_runner_on_async_ok?(result: AnsibleTaskResult): void | Promise<void>;
  v2_runner_on_async_failed?(result: AnsibleTaskResult): void | Promise<void>;
  v2_on_file_diff?(result: AnsibleTaskResult): void | Promise<void>;
  v2_playbook_on_notify?(handler: { name: string }, host: { name: string }): void | Promise<void>;
  v2_playbook_on_include?(includedFile: { _filename: string; _hosts: Array<{ name: string }> }): void | Promise<void>;
  v2_playbook_on_stats?(stats: AnsibleStats): void | Promise<void>;
}

const EVENT_NAMES: CallbackEventName[] = [
  'playbookStart', 'varsPrompt', 'playStart', 'noHostsMatched', 'noHostsRemaining', 'taskStart', 'handlerTaskStart', 'runnerStart',
  'runnerOk', 'runnerFailed', 'runnerSkipped', 'runnerUnreachable', 'itemOk', 'itemFailed', 'itemSkipped', 'runnerRetry',
  'asyncPoll', 'asyncOk', 'asyncFailed', 'fileDiff', 'notify', 'include', 'stats',
];

/**
 * The base class of programmatic callbacks (Ansible's CallbackBase). Override `v2_runner_on_ok`
 * and friends as in Ansible, or the camelCase handlers (`runnerOk(event)`), which receive tsible's
 * typed events.
 */
// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging
export class CallbackBase {
  readonly CALLBACK_VERSION = 2.0;
  readonly CALLBACK_TYPE: 'stdout' | 'notification' | 'aggregate' = 'notification';

  /** The handlers the engine calls: Ansible-named methods adapted, camelCase methods as they are. */
  toHandlers(): CallbackHandlers {
    const ansible = fromAnsibleCallback(this);
    const handlers: CallbackHandlers = {};
    const self = this as unknown as Record<string, unknown>;
    for (const name of EVENT_NAMES) {
      const own = typeof self[name] === 'function' ? (self[name] as (e: unknown) => unknown).bind(this) : undefined;
      const adapted = ansible[name] as ((e: unknown) => unknown) | undefined;
      (handlers as Record<string, unknown>)[name] = async (e: unknown) => {
        if (own) await own(e);
        if (adapted) await adapted(e);
      };
    }
    return handlers;
  }
}

export function handlersOf(cb: CallbackBase | CallbackHandlers): CallbackHandlers {
  return cb instanceof CallbackBase ? cb.toHandlers() : cb;
}

export type { TaskView };
