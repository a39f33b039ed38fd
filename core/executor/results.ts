import type { TaskNode } from '../playbook/model.js';
import type { ModuleResult } from '../../plugins/module/types.js';
import type { Vars } from '../vars.js';
import { parseBoolean } from '../config/coerce.js';
import { censor, registeredValue, type HostTaskOutcome } from './outcome.js';
import type { PlayRunner } from './play-runner.js';
import type { TaskPlan } from './task-plan.js';
import { notifyHandlers } from './handlers.js';
import { persistFacts } from './fact-cache.js';

const FACT_SETTERS = new Set(['set_fact', 'include_vars']);
const INCLUDES = new Set(['include_tasks', 'include_role', 'include']);

/**
 * Everything that happens once a host's task result is in, in one place as Ansible keeps it:
 * register, facts, stats, handler notification, failure bookkeeping, then the callback event.
 */
export async function processOutcome(pr: PlayRunner, plan: TaskPlan, host: string, outcome: HostTaskOutcome,
  rescuable: boolean): Promise<void> {
  const { vm, run } = pr.d;
  const { task, keywords: kw } = plan;
  const action = task.action.slice(task.action.lastIndexOf('.') + 1);
  applyInventoryChanges(pr, host, outcome);
  if (task.register) vm.setHostVar(host, task.register, registeredValue(outcome.result));
  const factHost = storeFacts(pr, plan, host, action, outcome.result.ansible_facts as Vars | undefined);
  if (factHost) await persistFacts(pr.d.factCache, vm, factHost);
  applySetStats(pr, host, outcome.result.ansible_stats as Vars | undefined);
  countStats(pr, task, host, outcome, rescuable);
  if (outcome.changed && outcome.status === 'ok') await notifyHandlers(pr, task, host);
  const noLog = parseBoolean(kw.no_log) === true;
  // Callbacks see the flags Ansible's results carry; the registered value does not keep them.
  const shown: ModuleResult = { ...outcome.result, _ansible_no_log: noLog };
  if (action === 'setup' || action === 'gather_facts') shown._ansible_verbose_override = true;
  const result = noLog ? { ...censor(outcome.result), _ansible_no_log: true } : shown;
  const event = { host, task: pr.d.view(task), status: outcome.status, changed: outcome.changed, ignored: outcome.ignored,
    result, delegatedTo: typeof kw.delegate_to === 'string' ? kw.delegate_to : undefined };
  const hook = { ok: 'runnerOk', failed: 'runnerFailed', skipped: 'runnerSkipped', unreachable: 'runnerUnreachable' } as const;
  if (outcome.result.diff && (pr.d.run.options.diff || kw.diff)) await pr.d.emit('fileDiff', event);
  await pr.d.emit(hook[outcome.status], event);
}

/** set_stats: per host (default) or for the whole run (`_run`), replacing or aggregating values. */
function applySetStats(pr: PlayRunner, host: string, stats: Vars | undefined): void {
  const data = stats?.data as Vars | undefined;
  if (!data || !Object.keys(data).length) return;
  const target = stats?.per_host === false ? '_run' : host;
  for (const [key, value] of Object.entries(data)) pr.d.run.stats.setCustom(target, key, value, stats?.aggregate === true);
}

/** add_host and group_by report inventory changes in their result; the engine applies them (Ansible's strategy does the same). */
function applyInventoryChanges(pr: PlayRunner, host: string, outcome: HostTaskOutcome): void {
  if (outcome.status !== 'ok') return;
  const inventory = pr.d.vm.inventory;
  const items = Array.isArray(outcome.result.results) ? outcome.result.results as Vars[] : [outcome.result];
  let changed = false;
  for (const r of items) {
    const add = r.add_host as { host_name?: string; groups?: string[]; host_vars?: Vars } | undefined;
    if (add?.host_name) changed = inventory.addHost(add.host_name, add.groups ?? [], add.host_vars ?? {}) || changed;
    if (typeof r.add_group === 'string') {
      changed = inventory.addGroup(r.add_group, (r.parent_groups as string[] | undefined) ?? [], host) || changed;
    }
  }
  if (changed) {
    outcome.changed = true;
    outcome.result.changed = true;
  }
}

/** Ansible's namespace_facts: `ansible_distribution` is stored as `ansible_facts.distribution`. */
function namespaceFacts(facts: Vars): Vars {
  return Object.fromEntries(Object.entries(facts).map(([k, v]) => [k.startsWith('ansible_') ? k.slice(8) : k, v]));
}

/** Stores facts where Ansible puts them; returns the host whose cached facts changed, if any. */
function storeFacts(pr: PlayRunner, plan: TaskPlan, host: string, action: string, facts: Vars | undefined): string | undefined {
  if (!facts) return undefined;
  const { vm } = pr.d;
  const { task, keywords: kw } = plan;
  if (FACT_SETTERS.has(action)) {
    for (const [k, v] of Object.entries(facts)) vm.setHostVar(host, k, v);
    if (action === 'set_fact' && parseBoolean(task.args.cacheable) === true) {
      vm.addFacts(host, facts);
      return host;
    }
    return undefined;
  }
  const target = parseBoolean(kw.delegate_facts) === true && typeof kw.delegate_to === 'string' ? kw.delegate_to : host;
  vm.addFacts(target, namespaceFacts(facts));
  return target;
}

function countStats(pr: PlayRunner, task: TaskNode, host: string, outcome: HostTaskOutcome, rescuable: boolean): void {
  const { stats } = pr.d.run;
  const state = pr.state;
  stats.touch(host);
  switch (outcome.status) {
    case 'skipped':
      stats.increment(host, 'skipped');
      return;
    case 'ok':
      // Ansible counts an include when its file is loaded (once per file and loop item), not here.
      if (!INCLUDES.has(task.action.slice(task.action.lastIndexOf('.') + 1))) stats.increment(host, 'ok');
      if (outcome.changed) stats.increment(host, 'changed');
      return;
    case 'unreachable':
      if (outcome.ignored) {
        stats.increment(host, 'ok');
        stats.increment(host, 'ignored');
        return;
      }
      stats.increment(host, 'unreachable');
      state.unreachable.add(host);
      pr.d.run.unreachableHosts.add(host);
      return;
    case 'failed':
      if (outcome.ignored) {
        stats.increment(host, 'ok');
        stats.increment(host, 'ignored');
        if (outcome.changed) stats.increment(host, 'changed');
        return;
      }
      state.failed.add(host);
      if (rescuable) {
        stats.increment(host, 'rescued');
        pr.d.vm.setHostVar(host, 'ansible_failed_task', { name: task.name ?? '', action: task.action });
        pr.d.vm.setHostVar(host, 'ansible_failed_result', outcome.result);
      } else {
        stats.increment(host, 'failed');
        pr.d.run.failedHosts.add(host);
      }
  }
}
