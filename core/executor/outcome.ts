import type { ResultStatus } from '../events.js';
import type { ModuleResult } from '../../plugins/module/types.js';

/** What one task did on one host. A value, never an exception. */
export interface HostTaskOutcome {
  status: ResultStatus;
  changed: boolean;
  /** Failed, but ignore_errors / ignore_unreachable made it non-fatal. */
  ignored: boolean;
  result: ModuleResult;
}

export const NO_LOG_MESSAGE = "the output has been hidden due to the fact that 'no_log: true' was specified for this result";

export function statusOf(result: ModuleResult): ResultStatus {
  if (result.unreachable) return 'unreachable';
  if (result.failed) return 'failed';
  if (result.skipped) return 'skipped';
  return 'ok';
}

/**
 * What `register:` stores: the result without `invocation`, which Ansible's strategy drops from the
 * registered copy (callbacks still get it, for -vvv).
 */
export function registeredValue(result: ModuleResult): ModuleResult {
  if (!('invocation' in result)) return result;
  const { invocation: _shownOnly, ...value } = result;
  return value;
}

/** What callbacks see of a no_log result. */
export function censor(result: ModuleResult): ModuleResult {
  return { censored: NO_LOG_MESSAGE, changed: result.changed ?? false, ...(result.failed ? { failed: true } : {}) };
}

/** Ansible adds stdout_lines / stderr_lines next to stdout / stderr. */
export function withLines(result: ModuleResult): ModuleResult {
  const out = { ...result };
  if (typeof out.stdout === 'string' && !out.stdout_lines) out.stdout_lines = out.stdout === '' ? [] : out.stdout.replace(/\n$/, '').split('\n');
  if (typeof out.stderr === 'string' && !out.stderr_lines) out.stderr_lines = out.stderr === '' ? [] : out.stderr.replace(/\n$/, '').split('\n');
  return out;
}
