/**
 * How Ansible's callbacks look at a result: the `=> {json}` dump (`_dump_results`), the debug
 * module's trimming, item labels, host labels and the "is this run verbose" test.
 */
import type { ModuleResult, TaskView } from 'tsible';
import { pyJson } from './pyjson.js';
import { pyYaml } from './pyyaml.js';

/** Keys with this prefix are engine bookkeeping; dumps never show them. */
export const INTERNAL_PREFIX = '_ansible_';

/** A plain data object from any realm (not a class instance). */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === null || Object.getPrototypeOf(proto) === null;
}

export function stripInternalKeys<T>(value: T, keep: readonly string[] = []): T {
  if (Array.isArray(value)) return value.map((v) => stripInternalKeys(v, keep)) as T;
  if (!isPlainObject(value)) return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    if (k.startsWith(INTERNAL_PREFIX) && !keep.includes(k)) continue;
    out[k] = stripInternalKeys(v, keep);
  }
  return out as T;
}

export interface DumpOptions {
  verbosity: number;
  indent?: number | null;
  keepInvocation?: boolean;
  sortKeys?: boolean;
  /** `pretty_results` option: true/false force, undefined lets the result decide. */
  pretty?: boolean;
  /** `result_format` option of the default callback. */
  format?: 'json' | 'yaml';
}

/** Python's textwrap.indent: the prefix goes before every line that is not blank. */
export function indentLines(text: string, prefix: string): string {
  return text.split(/(?<=\n)/).map((l) => (l.trim() ? prefix + l : l)).join('');
}

/** The data `_dump_results` would serialise: internal keys, invocation, diff and exception removed. */
export function abridgeResult(result: ModuleResult, verbosity: number, keepInvocation = false): Record<string, unknown> {
  const abridged = stripInternalKeys(result) as Record<string, unknown>;
  if (!keepInvocation && verbosity < 3) delete abridged.invocation;
  if (verbosity < 3) delete abridged.diff;
  delete abridged.exception;
  return abridged;
}

/** The `{json}` after `=>`: one line, or indented by 4 for debug output, -vvv or pretty_results. */
export function dumpResult(result: ModuleResult, options: DumpOptions): string {
  let indent = options.indent ?? null;
  const yaml = options.format === 'yaml';
  const pretty = result._ansible_verbose_always === true || (options.pretty === undefined && yaml)
    || options.pretty === true || options.verbosity > 2;
  if (!indent && pretty) indent = 4;
  if (options.pretty === false) indent = null;
  const abridged = abridgeResult(result, options.verbosity, options.keepInvocation);
  if (!yaml) return pyJson(abridged, { indent, sortKeys: options.sortKeys ?? true });
  const lossy = options.pretty !== false;
  if (lossy && 'stdout' in abridged && 'stdout_lines' in abridged) abridged.stdout_lines = '<omitted>';
  if (lossy && 'stderr' in abridged && 'stderr_lines' in abridged) abridged.stderr_lines = '<omitted>';
  const text = pyYaml(abridged, { indent: indent ?? 2, width: 80, blocks: lossy ? 'ansible' : 'none' });
  return `\n${indentLines(text, ' '.repeat(indent || 4))}`;
}

const DEBUG_KEEP = new Set(['msg', 'exception', 'warnings', 'deprecations']);
const DEBUG_HIDE = ['changed', 'failed', 'skipped', 'invocation', 'skip_reason'];

export function isAction(task: TaskView, name: string): boolean {
  return [name, `ansible.builtin.${name}`, `ansible.legacy.${name}`, `tsible.builtin.${name}`].includes(task.action);
}

/** debug shows only its message (or only the variable it prints), as `_clean_results` does. */
export function cleanDebugResult(result: ModuleResult, task: TaskView): void {
  if (!isAction(task, 'debug')) return;
  if ('msg' in result) {
    for (const key of Object.keys(result)) if (!DEBUG_KEEP.has(key) && !key.startsWith('_')) delete result[key];
  } else {
    for (const key of DEBUG_HIDE) delete result[key];
  }
}

/** What `(item=…)` shows: the loop label, the item, or the no_log notice. */
export function itemLabel(result: Record<string, unknown>, fallback?: unknown): unknown {
  if (result._ansible_no_log === true) return '(censored due to no_log)';
  if ('_ansible_item_label' in result) return result._ansible_item_label;
  if ('item' in result) return result.item;
  return fallback;
}

/** Python's `%s` of a label: strings as is, other values as Python would print them. */
export function pyStr(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value === null || value === undefined) return 'None';
  if (value === true) return 'True';
  if (value === false) return 'False';
  if (typeof value === 'number') return String(value);
  return pyRepr(value);
}

function pyRepr(value: unknown): string {
  if (typeof value === 'string') return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'").replace(/\n/g, '\\n')}'`;
  if (Array.isArray(value)) return `[${value.map(pyRepr).join(', ')}]`;
  if (value !== null && typeof value === 'object') {
    return `{${Object.entries(value).map(([k, v]) => `${pyRepr(k)}: ${pyRepr(v)}`).join(', ')}}`;
  }
  return pyStr(value);
}

/** `host`, or `host -> delegate`, or `host -> delegate(address)` when the delegate has another address. */
export function hostLabel(host: string, delegatedTo: string | undefined, result: ModuleResult): string {
  if (!delegatedTo || delegatedTo === host) return host;
  const vars = result._ansible_delegated_vars as Record<string, unknown> | undefined;
  const address = vars && typeof vars.ansible_host === 'string' ? vars.ansible_host : delegatedTo;
  return address === delegatedTo ? `${host} -> ${delegatedTo}` : `${host} -> ${delegatedTo}(${address})`;
}

/** Ansible's `_run_is_verbose`: -v (or more than `above`), or a result that asks to be shown. */
export function runIsVerbose(result: ModuleResult, verbosity: number, above = 0): boolean {
  return (verbosity > above || result._ansible_verbose_always === true) && result._ansible_verbose_override !== true;
}

/** True when a task result stands for a whole loop (its items were reported one by one). */
export function isLoopSummary(task: TaskView, result: ModuleResult): boolean {
  if (!Array.isArray(result.results)) return false;
  const loop = (task as TaskView & { loop?: unknown }).loop;
  if (loop !== undefined) return Boolean(loop);
  return result.results.every((r) => typeof r === 'object' && r !== null && 'ansible_loop_var' in r);
}

const NO_JSON = ['command', 'shell', 'raw', 'win_command', 'win_shell'];

/** Modules whose output minimal/oneline print as text (Ansible's MODULE_NO_JSON). */
export function isNoJsonModule(task: TaskView): boolean {
  return NO_JSON.some((m) => isAction(task, m)) || ['ansible.windows.win_command', 'ansible.windows.win_shell'].includes(task.action);
}

/** Python's `str(result.get('rc', -1))`. */
export function rcText(result: ModuleResult): string {
  return pyStr(result.rc === undefined ? -1 : result.rc);
}
