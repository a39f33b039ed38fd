import { randomUUID } from 'node:crypto';
import type { PlayView, TaskView } from '../events.js';
import type { Kernel } from '../kernel.js';
import type { BlockNode, InheritedKeywords, PlayItem, PlayNode, TaskNode } from '../playbook/model.js';
import type { Vars } from '../vars.js';
import type { Templar } from '../template/templar.js';
import type { DataLoader } from '../yaml/data-loader.js';
import type { StrategyContext } from '../../plugins/strategy/types.js';
import type { CacheStore } from '../../plugins/cache/types.js';
import { parseBoolean } from '../config/coerce.js';
import { createLogger } from '../logger.js';
import { mapLimit } from './semaphore.js';
import { globToRegExp } from '../util/fnmatch.js';
import { registeredValue, type HostTaskOutcome } from './outcome.js';
import { PlayState } from './play-state.js';
import type { Run } from './run.js';
import { displayName, selectedByTags, tagsOf } from './task-keywords.js';
import type { TaskExecutor } from './task-executor.js';
import type { VariableManager } from './variables.js';
import { processOutcome } from './results.js';
import { runMeta } from './meta.js';
import { runInclude } from './includes.js';
import { flushHandlers } from './handlers.js';

export interface PlayRunnerDeps {
  kernel: Kernel;
  run: Run;
  templar: Templar;
  loader: DataLoader;
  vm: VariableManager;
  executor: TaskExecutor;
  emit(name: keyof Run['hooks'], payload: unknown): Promise<void>;
  view(task: TaskNode): TaskView;
  /** The fact cache plugin's store (absent in bare API uses). */
  factCache?: CacheStore;
}

/** Where a task sits: inside the `block` part of a block that has a rescue, failures are "rescued". */
interface WalkContext { rescuable: boolean; inAlways: boolean }

/** Runs one play on one serial batch: sections, blocks with rescue/always, handlers, includes. */
export class PlayRunner {
  readonly state: PlayState;
  readonly view: PlayView;
  private readonly forks: number;

  constructor(readonly d: PlayRunnerDeps, readonly play: PlayNode, batch: readonly string[]) {
    this.state = new PlayState(batch);
    this.view = { uuid: play.uuid, name: play.name, hosts: play.hosts, loc: play.loc, strategy: play.strategy ?? d.kernel.config.string('strategy') };
    this.forks = d.run.options.forks ?? d.kernel.config.number('forks');
  }

  strategyContext(): StrategyContext {
    return {
      play: this.view, hosts: this.state.hosts, forks: this.forks,
      runLockstep: (hosts) => this.runSections(hosts),
      runHost: (host) => this.runSections([host]),
      log: createLogger((e) => this.d.kernel.emitLog(e), 'strategy'),
    };
  }

  /** pre_tasks, roles + tasks, post_tasks; handlers flushed after each, as Ansible does. */
  private async runSections(hosts: readonly string[]): Promise<void> {
    for (const section of [this.play.preTasks, [...this.play.roleTasks, ...this.play.tasks], this.play.postTasks]) {
      if (this.state.playEnded) break;
      await this.runItems(section, hosts, { rescuable: false, inAlways: false });
      await flushHandlers(this, hosts);
    }
  }

  async runItems(items: readonly PlayItem[], hosts: readonly string[], ctx: WalkContext): Promise<void> {
    for (const item of items) {
      if (this.d.executor.deps.signal.aborted) return;
      const active = ctx.inAlways ? hosts.filter((h) => !this.state.unreachable.has(h) && !this.state.playEnded) : this.state.aliveOf(hosts);
      if (!active.length || this.state.playEnded) return;
      if (item.kind === 'block') await this.runBlock(item, active, ctx);
      else await this.runTask(item, active, ctx);
    }
  }

  private async runBlock(block: BlockNode, hosts: readonly string[], ctx: WalkContext): Promise<void> {
    const failedBefore = new Set(this.state.failed);
    await this.runItems(block.block, hosts, { ...ctx, rescuable: ctx.rescuable || block.rescue.length > 0 });
    const failedHere = hosts.filter((h) => this.state.failed.has(h) && !failedBefore.has(h));
    if (block.rescue.length && failedHere.length) {
      for (const h of failedHere) this.state.failed.delete(h);
      await this.runItems(block.rescue, failedHere, { ...ctx, inAlways: false });
    }
    if (block.always.length) await this.runItems(block.always, hosts, { ...ctx, inAlways: true });
  }

  /** Whether the task runs at all under --tags / --skip-tags and --start-at-task. */
  private selected(task: TaskNode): boolean {
    // Notified handlers run whatever --tags says (ansible-core 2.14).
    if (task.isHandler) return true;
    const opts = this.d.run.options;
    return selectedByTags(tagsOf(this.play, task), opts.tags ?? [], opts.skipTags ?? []);
  }

  /** --start-at-task: everything before the first task whose name matches (exactly or as a glob) is skipped. */
  private beforeStartTask(task: TaskNode): boolean {
    const start = this.d.run.options.startAtTask;
    if (!start || this.d.run.startAtTaskReached || task.implicit) return false;
    const names = [task.name ?? '', displayName(task)];
    const glob = globToRegExp(start);
    if (names.some((n) => n === start || glob.test(n))) {
      this.d.run.startAtTaskReached = true;
      return false;
    }
    return true;
  }

  /** --step: ask before each task (implicit ones included, as Ansible does). */
  private async stepSkips(task: TaskNode): Promise<boolean> {
    const ask = this.d.run.options.step;
    if (!ask || this.d.run.stepContinue) return false;
    const answer = await ask(displayName(task));
    if (answer === 'c') this.d.run.stepContinue = true;
    return answer === 'n';
  }

  async runTask(task: TaskNode, hosts: readonly string[], ctx: WalkContext): Promise<void> {
    if (!this.selected(task) || this.beforeStartTask(task) || (await this.stepSkips(task))) return;
    const action = task.action.slice(task.action.lastIndexOf('.') + 1);
    if (action === 'meta') return runMeta(this, task, hosts);
    const view = this.d.view(task);
    await this.d.emit(task.isHandler ? 'handlerTaskStart' : 'taskStart', { play: this.view, task: view, hosts });
    const plan = this.d.executor.plan(this.play, task);
    const kw = plan.keywords;
    const bypass = (await this.d.kernel.registry.has('module', task.action)
      ? (await plan.module()).def.bypassHostLoop : false) === true;
    const runOnce = bypass || parseBoolean(kw.run_once) === true;
    const targets = runOnce ? hosts.slice(0, 1) : hosts;
    const throttle = Number(kw.throttle) > 0 ? Math.min(Number(kw.throttle), this.forks) : this.forks;
    const outcomes = new Map<string, HostTaskOutcome>();
    await mapLimit(targets, throttle, async (host) => {
      await this.d.emit('runnerStart', { host, task: view });
      const outcome = await this.d.executor.execute(plan, host, this.magic());
      outcomes.set(host, outcome);
      await processOutcome(this, plan, host, outcome, ctx.rescuable);
    });
    if (runOnce) {
      const first = outcomes.get(targets[0]);
      if (first && task.register) for (const h of hosts.slice(1)) this.d.vm.setHostVar(h, task.register, registeredValue(first.result));
    }
    if (action === 'include_tasks' || action === 'include_role') {
      await runInclude(this, task, outcomes, ctx);
    }
    await this.checkFailureLimits(kw, outcomes);
  }

  /**
   * any_errors_fatal and max_fail_percentage, checked after every task. "NO MORE HOSTS LEFT"
   * (noHostsRemaining) is sent where 2.14's linear strategy sends it: when the percentage is
   * exceeded, or when any_errors_fatal broke the play and no host is left.
   */
  private async checkFailureLimits(kw: InheritedKeywords, outcomes: Map<string, HostTaskOutcome>): Promise<void> {
    const anyFailed = [...outcomes.values()].some((o) => (o.status === 'failed' || o.status === 'unreachable') && !o.ignored);
    let broke = false;
    if (anyFailed && parseBoolean(kw.any_errors_fatal ?? this.d.kernel.config.get('any_errors_fatal')) === true) {
      for (const h of this.state.hosts) if (this.state.alive(h)) this.state.failed.add(h);
      this.state.playEnded = true;
      broke = true;
    }
    const max = this.play.maxFailPercentage;
    if (max !== undefined && max !== null && outcomes.size) {
      const failedCount = this.state.hosts.filter((h) => this.d.run.failedHosts.has(h)).length;
      if ((failedCount / this.state.hosts.length) * 100 > Number(max)) {
        for (const h of this.state.hosts) if (this.state.alive(h)) this.state.failed.add(h);
        this.state.playEnded = true;
        await this.d.emit('noHostsRemaining', { play: this.view });
        return;
      }
    }
    if (broke && this.state.aliveOf(this.state.hosts).length === 0) await this.d.emit('noHostsRemaining', { play: this.view });
  }

  /** Magic variables of this play and batch. */
  magic(): Vars {
    const alive = this.state.aliveOf(this.state.hosts);
    // Separate arrays, as each variable had its own before: a template may mutate one of them.
    return {
      ansible_play_hosts: alive,
      play_hosts: [...alive],
      ansible_play_batch: [...alive],
      ansible_play_hosts_all: [...this.state.hosts],
    };
  }

  /** Runs the implicit "Gathering Facts" task when the play asks for facts. */
  async gatherFacts(): Promise<void> {
    const gathering = this.d.kernel.config.string('gathering');
    const gather = this.play.gatherFacts === undefined ? gathering !== 'explicit' : parseBoolean(this.play.gatherFacts) === true;
    if (!gather) return;
    // gathering: smart skips hosts whose facts are cached (this run or the fact cache plugin).
    const hosts = gathering === 'smart' && this.play.gatherFacts === undefined
      ? this.state.hosts.filter((h) => !this.d.vm.facts.has(h)) : this.state.hosts;
    if (!hosts.length) return;
    const task: TaskNode = {
      kind: 'task', uuid: randomUUID(), name: 'Gathering Facts', action: 'gather_facts',
      args: Object.fromEntries(Object.entries({ gather_subset: this.play.gatherSubset, gather_timeout: this.play.raw.gather_timeout,
        fact_path: this.play.raw.fact_path }).filter(([, v]) => v !== undefined)),
      keywords: {}, when: [], tags: ['always'], vars: {}, notify: [], listen: [], isHandler: false, implicit: true, raw: {},
      loc: this.play.loc,
    };
    await this.runTask(task, hosts, { rescuable: false, inAlways: false });
  }
}
