import { TsibleError } from '../errors.js';
import type { TaskNode } from '../playbook/model.js';
import type { Vars } from '../vars.js';
import type { ModuleResult } from '../../plugins/module/types.js';
import type { HostTaskOutcome } from './outcome.js';
import type { TaskExecutor } from './task-executor.js';
import type { TaskPlan } from './task-plan.js';

async function loopItems(ex: TaskExecutor, task: TaskNode, vars: Vars): Promise<unknown[]> {
  const { templar } = ex.deps;
  if (task.loopLookup) {
    const terms = await templar.template(task.loop, vars, { failOnUndefined: true });
    return ex.lookup(task.loopLookup, Array.isArray(terms) ? terms : [terms], {}, vars, task.action.slice(task.action.lastIndexOf('.') + 1));
  }
  const items = await templar.template(task.loop, vars, { failOnUndefined: true });
  if (!Array.isArray(items)) {
    throw new TsibleError('TSIBLE_TEMPLATE', `Invalid data passed to 'loop', it requires a list, got this instead: ${JSON.stringify(items)}. Hint: If you passed a list/dict of just one element, try adding wantlist=True to your lookup invocation or use q/query instead of lookup.`);
  }
  return items;
}

function loopVars(control: Vars, items: unknown[], i: number): Vars {
  const loopVar = String(control.loop_var ?? 'item');
  const out: Vars = { [loopVar]: items[i], ansible_loop_var: loopVar };
  if (control.index_var) out[String(control.index_var)] = i;
  if (control.extended) {
    out.ansible_loop = {
      index: i + 1, index0: i, first: i === 0, last: i === items.length - 1, length: items.length,
      revindex: items.length - i, revindex0: items.length - i - 1, allitems: items,
      previtem: i > 0 ? items[i - 1] : undefined, nextitem: i < items.length - 1 ? items[i + 1] : undefined,
    };
  }
  return out;
}

/** Runs a looped task item by item, firing item events, and aggregates Ansible's `results` list. */
export async function runLoop(ex: TaskExecutor, plan: TaskPlan, host: string, vars: Vars): Promise<HostTaskOutcome> {
  const { play, task } = plan;
  const items = await loopItems(ex, task, vars);
  // The label is templated per item (it usually names the loop variable); the rest once.
  const { label: rawLabel, ...rest } = task.loopControl ?? {};
  const control = (await ex.deps.templar.template(rest, vars)) as Vars;
  if (rawLabel !== undefined) control.label = rawLabel;
  const results: ModuleResult[] = [];
  let changed = false;
  let failed = false;
  for (let i = 0; i < items.length; i++) {
    const itemVars = { ...vars, ...loopVars(control, items, i) };
    const label = control.label !== undefined ? String(await ex.deps.templar.template(control.label, itemVars)) : labelOf(items[i]);
    const outcome = await ex.executeOnce(plan, host, itemVars).catch((err) => ex.errorOutcome(err, task, itemVars));
    const itemResult: ModuleResult = { ...outcome.result, item: items[i], ansible_loop_var: itemVars.ansible_loop_var, _ansible_item_label: label };
    if (control.index_var) itemResult[String(control.index_var)] = i;
    results.push(itemResult);
    changed ||= outcome.changed;
    failed ||= outcome.status === 'failed' || outcome.status === 'unreachable';
    const hook = outcome.status === 'skipped' ? 'itemSkipped' : outcome.status === 'ok' ? 'itemOk' : 'itemFailed';
    await ex.deps.emit(hook, { host, task: ex.deps.view(task), status: outcome.status, changed: outcome.changed,
      ignored: outcome.ignored, result: itemResult, item: items[i], label });
    if (control.pause && i < items.length - 1) await new Promise((r) => setTimeout(r, Number(control.pause) * 1000));
  }
  const allSkipped = results.length > 0 && results.every((r) => r.skipped);
  const result: ModuleResult = { results, changed, msg: failed ? 'One or more items failed' : 'All items completed',
    ...(failed ? { failed: true } : {}), ...(allSkipped || results.length === 0 ? { skipped: true } : {}) };
  if (results.length === 0) result.skipped_reason = 'No items in the list';
  const ignored = failed && results.some((r) => r.failed) && (await ex.executeIgnoreErrors(play, task, vars));
  return { status: failed ? 'failed' : result.skipped ? 'skipped' : 'ok', changed, ignored, result };
}

function labelOf(item: unknown): string {
  if (typeof item === 'string') return item;
  return JSON.stringify(item);
}
