/**
 * What each callback receives instead of the engine's result: Ansible's TaskResult.clean_copy.
 * A private copy (a callback may delete keys while printing without another one noticing),
 * without `failed`/`skipped` (the event already says so) and without internal `_ansible_*` keys
 * except the few callbacks need. no_log results are replaced by the censored notice.
 */
import type { ModuleResult } from '../../plugins/module/types.js';
import type { TaskView } from '../events.js';

const DROP = ['failed', 'skipped'];
const KEEP_ON_NO_LOG = ['attempts', 'changed', 'retries'];
const KEEP_INTERNAL = ['_ansible_verbose_always', '_ansible_item_label', '_ansible_no_log', '_ansible_verbose_override'];
const DELEGATED_KEEP = ['ansible_host', 'ansible_port', 'ansible_user', 'ansible_connection'];
export const CENSORED = "the output has been hidden due to the fact that 'no_log: true' was specified for this result";

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object') return false;
  // Any realm's Object.prototype (results may come from a vm context or a worker).
  const proto = Object.getPrototypeOf(value);
  return proto === null || Object.getPrototypeOf(proto) === null;
}

/** Copies plain objects and arrays; other objects (vault values, dates) are shared, as they are immutable. */
function copyStripped(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(copyStripped);
  if (!isPlainObject(value)) return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    if (k.startsWith('_ansible_') && !KEEP_INTERNAL.includes(k)) continue;
    out[k] = copyStripped(v);
  }
  return out;
}

function isDebug(action: string): boolean {
  return /^(ansible\.builtin\.|ansible\.legacy\.|tsible\.builtin\.)?debug$/.test(action);
}

export function cleanResult(result: ModuleResult, task: TaskView | undefined): ModuleResult {
  let out: Record<string, unknown>;
  if (task?.noLog === true || result._ansible_no_log === true) {
    out = { censored: CENSORED };
    for (const key of KEEP_ON_NO_LOG) if (key in result) out[key] = result[key];
  } else {
    out = copyStripped(result) as Record<string, unknown>;
    for (const key of DROP) delete out[key];
    if (task && isDebug(task.action)) delete out.invocation;
  }
  const delegated = result._ansible_delegated_vars;
  if (isPlainObject(delegated)) {
    const subset: Record<string, unknown> = {};
    for (const key of DELEGATED_KEEP) if (key in delegated) subset[key] = delegated[key];
    out._ansible_delegated_vars = subset;
  }
  return out as ModuleResult;
}

/** The event with a clean copy of its result (events without a result pass through). */
export function cleanEvent<E>(event: E): E {
  const e = event as { result?: unknown; task?: TaskView };
  if (!isPlainObject(e.result)) return event;
  return { ...event, result: cleanResult(e.result as ModuleResult, e.task) };
}
