import { ParseError } from '../errors.js';
import type { TaskNode } from '../playbook/model.js';
import type { PlayRunner } from './play-runner.js';
import { flushHandlers } from './handlers.js';

/** Metas the linear strategy runs for each host; the others run once, with the first host's `when` (Ansible 2.14). */
const PER_HOST = new Set(['end_host', 'reset_connection', 'noop', 'flush_handlers']);
const KNOWN = new Set([...PER_HOST, 'end_play', 'end_batch', 'clear_facts', 'clear_host_errors', 'refresh_inventory']);

/** `meta:` actions act on the play's state rather than on a host. */
export async function runMeta(pr: PlayRunner, task: TaskNode, hosts: readonly string[]): Promise<void> {
  const action = String(task.args._raw_params ?? task.args.free_form ?? '').trim();
  if (!KNOWN.has(action)) throw new ParseError(`invalid meta action requested: ${action}`, task.loc);
  const targets: string[] = [];
  for (const host of PER_HOST.has(action) ? hosts : hosts.slice(0, 1)) {
    const vars = pr.d.vm.getVars({ play: pr.play, host, task, magic: pr.magic() });
    if (await pr.d.executor.whenHolds(task, vars)) targets.push(host);
  }
  switch (action) {
    case 'flush_handlers':
      return flushHandlers(pr, hosts);
    case 'noop':
      return;
    case 'end_play':
      if (targets.length) pr.state.playEnded = true;
      return;
    case 'clear_facts':
    case 'clear_host_errors':
      // Run once, but for every host of the play (as Ansible does).
      if (targets.length) targets.splice(0, targets.length, ...pr.state.hosts);
      break;
    case 'end_batch':
      if (targets.length) pr.state.batchEnded = true;
      return;
    case 'refresh_inventory':
      await pr.d.vm.inventory.refresh();
      return;
    default:
  }
  for (const host of targets) {
    if (action === 'end_host') pr.state.ended.add(host);
    if (action === 'clear_facts') pr.d.vm.clearFacts(host);
    if (action === 'clear_host_errors') {
      // As Ansible 2.14: the host no longer counts as failed (exit code, later plays), but a host
      // that already stopped in this play does not resume.
      pr.d.run.failedHosts.delete(host);
      pr.d.run.unreachableHosts.delete(host);
    }
    if (action === 'reset_connection') await pr.d.executor.deps.connections.reset(host);
  }
}
