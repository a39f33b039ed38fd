import { setMaxListeners } from 'node:events';
import { isAbsolute, resolve } from 'node:path';
import type { TaskView } from '../events.js';
import type { Kernel } from '../kernel.js';
import type { InventoryManager } from '../inventory/manager.js';
import type { PlayNode, PlaybookNode, TaskNode } from '../playbook/model.js';
import type { Templar } from '../template/templar.js';
import type { Vars } from '../vars.js';
import type { DataLoader } from '../yaml/data-loader.js';
import { ConnectionPool } from './connections.js';
import { PlayRunner } from './play-runner.js';
import type { Run } from './run.js';
import { serialBatches } from './serial.js';
import { displayName, effectiveKeywords } from './task-keywords.js';
import { TaskExecutor } from './task-executor.js';
import { VariableManager } from './variables.js';
import { parseBoolean } from '../config/coerce.js';
import { AbortedError } from '../errors.js';
import { openFactCache } from './fact-cache.js';
import type { CacheStore } from '../../plugins/cache/types.js';
import { answerVarsPrompt } from './vars-prompt.js';

export interface PlaybookRunDeps {
  kernel: Kernel;
  run: Run;
  loader: DataLoader;
  templar: Templar;
  inventory: InventoryManager;
  vm: VariableManager;
}

/** Turns every run event into an ordered, awaited chain, so callbacks print in a stable order. */
function createEmitter(run: Run): (name: keyof Run['hooks'], payload: unknown) => Promise<void> {
  let chain: Promise<void> = Promise.resolve();
  return (name, payload) => {
    const hook = run.hooks[name] as unknown as { promise(p: unknown): Promise<void> };
    chain = chain.then(() => hook.promise(payload));
    return chain;
  };
}

function taskView(task: TaskNode): TaskView {
  return {
    uuid: task.uuid, name: displayName(task), action: task.action, args: task.args, loc: task.loc,
    role: task.role?.name, isHandler: task.isHandler, tags: task.tags, implicit: task.implicit === true, loop: task.loop !== undefined,
    noLog: parseBoolean(effectiveKeywords(undefined, task).no_log) === true,
  };
}

/** Runs loaded playbooks against the inventory, play by play and batch by batch. Returns Ansible's exit code. */
export async function executePlaybooks(deps: PlaybookRunDeps, playbooks: PlaybookNode[],
  options: { playbookEvents?: boolean } = {}): Promise<number> {
  const playbookEvents = options.playbookEvents !== false;
  const { kernel, run } = deps;
  const emit = createEmitter(run);
  const connections = new ConnectionPool(kernel, run.options);
  const controller = new AbortController();
  const signal = run.options.signal ? AbortSignal.any([run.options.signal, controller.signal]) : controller.signal;
  // Every command running at once (up to forks × commands per host) listens to this one signal.
  setMaxListeners(0, signal);
  const executor = new TaskExecutor({
    kernel, run, templar: deps.templar, loader: deps.loader, vm: deps.vm, connections, emit, view: taskView, signal,
    implicitLocal: (h) => !deps.inventory.hasHost(h),
  });
  const failedSoFar = new Set<string>();
  const factCache = await openFactCache(kernel, run.options, deps.vm, deps.inventory.hostNames());
  try {
    for (const pb of playbooks) {
      if (playbookEvents) {
        await emit('playbookStart', { file: pb.file });
        kernel.emitLog({ level: 'verbose', verbosity: 2, message: `${pb.plays.length} plays in ${pb.name ?? pb.file}`, origin: 'tsible' });
      }
      for (const play of pb.plays) {
        if (signal.aborted) throw new AbortedError();
        await runPlay({ ...deps, emit, executor, factCache }, play, failedSoFar);
      }
    }
    if (playbookEvents) await emit('stats', run.stats.toEvent());
    await Promise.allSettled(run.asyncJobs.values());
    if (signal.aborted) throw new AbortedError();
  } finally {
    controller.abort();
    await connections.closeAll({ processExiting: run.options.processExitsAfterRun === true });
  }
  if (run.failedHosts.size) return 2;
  if (run.unreachableHosts.size) return 4;
  return 0;
}

type PlayDeps = PlaybookRunDeps & { emit: ReturnType<typeof createEmitter>; executor: TaskExecutor; factCache: CacheStore };

async function runPlay(d: PlayDeps, play: PlayNode, failedSoFar: Set<string>): Promise<void> {
  const view = { uuid: play.uuid, name: play.name, hosts: play.hosts, loc: play.loc, strategy: play.strategy ?? d.kernel.config.string('strategy') };
  const pattern = String(await d.templar.template(play.hosts, d.vm.extraVars));
  const hosts = d.inventory.getHosts(pattern, { limit: d.run.options.limit, order: play.order as never })
    .filter((h) => !failedSoFar.has(h));
  if (!hosts.length) {
    await d.emit('playStart', { play: view, batch: [] });
    await d.emit('noHostsMatched', { play: view });
    return;
  }
  const strategy = await d.kernel.resolve('strategy', play.strategy ?? d.kernel.config.string('strategy') ?? 'linear');
  for (const batch of serialBatches(hosts, await d.templar.template(play.serial, d.vm.extraVars))) {
    const pr = new PlayRunner({ ...d, view: taskView }, play, batch);
    await d.emit('playStart', { play: view, batch });
    await loadPlayVars(d, play, batch[0]);
    await pr.gatherFacts();
    await strategy.run(pr.strategyContext());
    for (const h of batch) if (d.run.failedHosts.has(h) || d.run.unreachableHosts.has(h)) failedSoFar.add(h);
    if (pr.state.playEnded) break;
  }
}

/** Play vars plus vars_files (a list entry that is itself a list means "first file found"). */
async function loadPlayVars(d: PlayDeps, play: PlayNode, host: string | undefined): Promise<void> {
  const vars: Vars = { ...play.vars, ...(await answerVarsPrompt(play, d.vm.extraVars, d.run.options, (e) => d.emit('varsPrompt', e))) };
  d.vm.setPlayVars(play, vars);
  for (const entry of play.varsFiles) {
    const candidates = Array.isArray(entry) ? entry : [entry];
    const scope = d.vm.getVars({ play, host: host ?? 'localhost' });
    for (const c of candidates) {
      const name = String(await d.templar.template(c, scope));
      const path = isAbsolute(name) ? name : resolve(play.dir, name);
      if (!d.loader.pathExists(path) && candidates.length > 1) continue;
      Object.assign(vars, (await d.loader.loadFile(path)) as Vars ?? {});
      break;
    }
  }
  d.vm.setPlayVars(play, vars);
}
