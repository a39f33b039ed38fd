import type { TaskNode } from '../playbook/model.js';

/** Per-play, per-batch bookkeeping of which hosts are still running and what they notified. */
export class PlayState {
  readonly failed = new Set<string>();
  readonly unreachable = new Set<string>();
  /** Hosts stopped by `meta: end_host`. */
  readonly ended = new Set<string>();
  /** Handler → hosts that notified it since the last flush. */
  readonly notified = new Map<TaskNode, Set<string>>();
  playEnded = false;
  batchEnded = false;

  constructor(readonly hosts: readonly string[]) {}

  alive(host: string): boolean {
    return !this.failed.has(host) && !this.unreachable.has(host) && !this.ended.has(host) && !this.playEnded && !this.batchEnded;
  }

  aliveOf(hosts: readonly string[]): string[] {
    return hosts.filter((h) => this.alive(h));
  }

  notify(handler: TaskNode, host: string): boolean {
    const set = this.notified.get(handler) ?? new Set<string>();
    const added = !set.has(host);
    set.add(host);
    this.notified.set(handler, set);
    return added;
  }
}
