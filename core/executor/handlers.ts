import type { TaskNode } from '../playbook/model.js';
import type { PlayRunner } from './play-runner.js';
import { displayName } from './task-keywords.js';

/** Finds handlers by name (with or without role prefix) or by a `listen` topic. */
function handlersFor(pr: PlayRunner, name: string): TaskNode[] {
  return pr.play.handlers.filter((h) => h.name === name || displayName(h) === name || h.listen.includes(name));
}

export async function notifyHandlers(pr: PlayRunner, task: TaskNode, host: string): Promise<void> {
  for (const raw of task.notify) {
    const name = String(await pr.d.templar.template(raw, pr.d.vm.getVars({ play: pr.play, host, task })));
    const found = handlersFor(pr, name);
    if (!found.length) {
      pr.d.kernel.log.warn(`The handler '${name}' notified by task '${displayName(task)}' was not found.`);
      continue;
    }
    for (const h of found) {
      if (pr.state.notify(h, host)) await pr.d.emit('notify', { host, handler: pr.d.view(h) });
    }
  }
}

/** Runs every notified handler once, in the order they are defined, on the hosts that notified it. */
export async function flushHandlers(pr: PlayRunner, hosts: readonly string[]): Promise<void> {
  const force = pr.d.run.options.forceHandlers || pr.play.forceHandlers === true;
  for (const handler of pr.play.handlers) {
    const notified = pr.state.notified.get(handler);
    if (!notified?.size) continue;
    const targets = hosts.filter((h) => notified.has(h) && (pr.state.alive(h) || (force && !pr.state.unreachable.has(h))));
    for (const h of targets) notified.delete(h);
    if (targets.length) await pr.runTask(handler, targets, { rescuable: false, inAlways: force });
  }
}
