import { isTsibleError } from '../errors.js';
import type { TaskView } from '../events.js';
import type { Kernel } from '../kernel.js';
import type { PlayNode, TaskNode } from '../playbook/model.js';
import type { Vars } from '../vars.js';
import type { Templar } from '../template/templar.js';
import type { DataLoader } from '../yaml/data-loader.js';
import type { ModuleResult } from '../../plugins/module/types.js';
import { parseBoolean } from '../config/coerce.js';
import type { ConnectionPool } from './connections.js';
import { prepareInvocation } from './invocation.js';
import { runAsync, withTimeout } from './async-jobs.js';
import { withLines, type HostTaskOutcome, statusOf } from './outcome.js';
import type { Run } from './run.js';
import { conditionsOf, effectiveKeywords } from './task-keywords.js';
import type { VariableManager } from './variables.js';
import { runLoop } from './loop.js';
import { runLookup } from './lookups.js';
import { TaskPlan, type ArgSpecCache } from './task-plan.js';

export interface TaskExecutorDeps {
  kernel: Kernel;
  run: Run;
  templar: Templar;
  loader: DataLoader;
  vm: VariableManager;
  connections: ConnectionPool;
  /** Whether `host` is the implicit localhost (not in the inventory). */
  implicitLocal(host: string): boolean;
  /** Fires a run event in order with every other event of the run. */
  emit<K extends keyof Run['hooks']>(name: K, payload: unknown): Promise<void>;
  view(task: TaskNode): TaskView;
  signal: AbortSignal;
}

/** Runs one task on one host: conditions, loops, retries, the module, failed_when/changed_when. */
export class TaskExecutor {
  private readonly argSpecs: ArgSpecCache = new WeakMap();

  constructor(private readonly d: TaskExecutorDeps) {}

  /** What every host of one dispatch of `task` shares (see TaskPlan). */
  plan(play: PlayNode | undefined, task: TaskNode): TaskPlan {
    return new TaskPlan(this.d.kernel, this.argSpecs, play, task);
  }

  async execute(plan: TaskPlan, host: string, magic?: Vars): Promise<HostTaskOutcome> {
    const { play, task } = plan;
    const vars = this.d.vm.getVars({ play, host, task, magic });
    try {
      if (task.loop !== undefined) return await runLoop(this, plan, host, vars);
      return await this.executeOnce(plan, host, vars);
    } catch (err) {
      return this.errorOutcome(err, task, vars);
    }
  }

  get deps(): TaskExecutorDeps {
    return this.d;
  }

  errorOutcome(err: unknown, task: TaskNode, vars: Vars): HostTaskOutcome {
    const unreachable = isTsibleError(err) && err.code === 'TSIBLE_UNREACHABLE';
    const msg = err instanceof Error ? err.message : String(err);
    const result: ModuleResult = unreachable ? { unreachable: true, changed: false, msg } : { failed: true, changed: false, msg };
    if (!isTsibleError(err) && err instanceof Error && err.stack) result.exception = err.stack;
    const kw = effectiveKeywords(undefined, task);
    const ignored = unreachable ? parseBoolean(kw.ignore_unreachable) === true : parseBoolean(kw.ignore_errors ?? vars.ignore_errors) === true;
    return { status: unreachable ? 'unreachable' : 'failed', changed: false, ignored, result };
  }

  /** `when` (all conditions ANDed), evaluated with the item variables when looping. */
  async whenHolds(task: TaskNode, vars: Vars, conditions = conditionsOf(task)): Promise<boolean> {
    for (const cond of conditions) {
      if (!(await this.d.templar.conditional(cond, vars, `when: ${String(cond)}`))) return false;
    }
    return true;
  }

  async executeOnce(plan: TaskPlan, host: string, vars: Vars): Promise<HostTaskOutcome> {
    if (!(await this.whenHolds(plan.task, vars, plan.conditions))) {
      return { status: 'skipped', changed: false, ignored: false,
        result: { changed: false, skipped: true, skip_reason: 'Conditional result was False' } };
    }
    const kw = plan.keywords;
    const result = await this.withRetries(plan, host, vars);
    const status = statusOf(result);
    const ignored = status === 'failed' && parseBoolean(await this.d.templar.template(kw.ignore_errors ?? false, vars)) === true
      || status === 'unreachable' && parseBoolean(await this.d.templar.template(kw.ignore_unreachable ?? false, vars)) === true;
    return { status, changed: result.changed === true, ignored, result };
  }

  /**
   * until / retries / delay as Ansible 2.14: retries+1 attempts (3 when unset); when they run out
   * the result is failed and reports `attempts` as the configured retries (Ansible's off-by-one).
   */
  private async withRetries(plan: TaskPlan, host: string, vars: Vars): Promise<ModuleResult> {
    const { task } = plan;
    if (task.until === undefined) return this.runModule(plan, host, vars);
    const configured = task.retries === undefined ? undefined : Number(await this.d.templar.template(task.retries, vars));
    const attempts = configured === undefined ? 3 : configured <= 0 ? 1 : configured + 1;
    const delay = task.delay === undefined ? 5 : Number(await this.d.templar.template(task.delay, vars));
    let result: ModuleResult = {};
    for (let attempt = 1; attempt <= attempts; attempt++) {
      result = await this.runModule(plan, host, vars);
      // A skipped action (check mode) or a dead host ends the retries at once, as in Ansible.
      if (result.skipped || result.unreachable) return result;
      result.attempts = attempt;
      if (attempts <= 1) return result;
      const scope = task.register ? { ...vars, [task.register]: result } : vars;
      if (await this.d.templar.conditional(task.until, scope, 'until')) return result;
      if (attempt < attempts) {
        await this.d.emit('runnerRetry', { host, task: this.d.view(task), attempts: attempt, retries: attempts, result: { ...result, retries: attempts } });
        await sleep(delay * 1000, this.d.signal);
      }
    }
    return { ...result, attempts: attempts - 1, failed: true };
  }

  /** The module itself (with the task's timeout), then the moduleResult hook and changed_when / failed_when. */
  private async runModule(plan: TaskPlan, host: string, vars: Vars): Promise<ModuleResult> {
    const { task } = plan;
    const inv = await prepareInvocation(this.d, plan, host, vars);
    if ('skipped' in inv) return inv.skipped;
    const asyncSeconds = task.async === undefined ? 0 : Number(await this.d.templar.template(task.async, vars));
    let result: ModuleResult;
    if (asyncSeconds > 0) {
      const poll = task.poll === undefined ? 15 : Number(await this.d.templar.template(task.poll, vars));
      result = await runAsync(this.d, inv, { host, task, seconds: asyncSeconds, poll });
    } else {
      result = await withTimeout(inv.def.run(inv.ctx), inv.timeout, inv.controller,
        `The ${inv.def.name} action failed to execute in the expected time frame (${inv.timeout}) and was terminated`);
    }
    result = withLines(result);
    // Ansible's TaskExecutor fills these in for every executed result.
    if (!('failed' in result)) result.failed = result.rc !== undefined && String(result.rc) !== '0';
    if (!('changed' in result)) result.changed = false;
    if (!inv.def.controllerOnly && !result.skipped) result.invocation = { module_args: inv.ctx.args as Record<string, unknown> };
    result = await this.d.run.hooks.moduleResult.promise(result, { host, action: inv.def.name, vars });
    return this.applyResultConditions(task, result, vars);
  }

  private async applyResultConditions(task: TaskNode, result: ModuleResult, vars: Vars): Promise<ModuleResult> {
    if (result.unreachable) return result;
    const scope = task.register ? { ...vars, [task.register]: result } : vars;
    const out = { ...result };
    if (task.changedWhen !== undefined) out.changed = await this.d.templar.conditional(task.changedWhen, scope, 'changed_when');
    if (task.failedWhen !== undefined) {
      const failed = await this.d.templar.conditional(task.failedWhen, { ...scope, ...(task.register ? { [task.register]: out } : {}) }, 'failed_when');
      out.failed_when_result = failed;
      out.failed = failed;
    }
    return out;
  }

  async executeIgnoreErrors(play: PlayNode | undefined, task: TaskNode, vars: Vars): Promise<boolean> {
    const kw = effectiveKeywords(play, task);
    return parseBoolean(await this.d.templar.template(kw.ignore_errors ?? false, vars)) === true;
  }

  lookup(name: string, terms: unknown[], kwargs: Vars, vars: Vars, taskAction?: string): Promise<unknown[]> {
    return runLookup(this.d.kernel, this.d.templar, name, terms, kwargs, vars, { loader: this.d.loader, taskAction });
  }
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const t = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => {
      clearTimeout(t);
      resolve();
    }, { once: true });
  });
}
