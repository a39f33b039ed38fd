import type { Kernel } from '../kernel.js';
import type { PlayItem, PlaybookNode } from '../playbook/model.js';
import { prepareRun } from '../api/prepare.js';
import type { RunOptions } from '../executor/run.js';
import { displayName, selectedByTags, tagsOf } from '../executor/task-keywords.js';
import type { CliIO } from './io.js';

function tasksOf(items: readonly PlayItem[]): Array<Extract<PlayItem, { kind: 'task' }>> {
  return items.flatMap((i) => (i.kind === 'task' ? [i] : tasksOf([...i.block, ...i.rescue, ...i.always])));
}

function fmtTags(tags: Iterable<string>): string {
  return `[${[...tags].sort().join(', ')}]`;
}

/** --syntax-check, --list-hosts, --list-tasks and --list-tags output, laid out as Ansible's. */
export async function printListing(io: CliIO, kernel: Kernel, opts: RunOptions & { inventory?: string[]; cwd: string },
  playbooks: PlaybookNode[], what: { hosts: boolean; tasks: boolean; tags: boolean }): Promise<number> {
  const out: string[] = [];
  const inventory = what.hosts ? (await prepareRun(kernel, { cwd: opts.cwd, inventory: opts.inventory, run: opts })).inventory : undefined;
  for (const pb of playbooks) {
    out.push('', `playbook: ${pb.file}`);
    if (!what.hosts && !what.tasks && !what.tags) continue;
    pb.plays.forEach((play, i) => {
      out.push('', `  play #${i + 1} (${play.hosts}): ${play.name}\tTAGS: ${fmtTags(play.tags)}`);
      if (inventory) {
        const hosts = inventory.getHosts(play.hosts, { limit: opts.limit });
        out.push(`    pattern: ['${play.hosts}']`, `    hosts (${hosts.length}):`, ...hosts.map((h) => `      ${h}`));
      }
      const tasks = tasksOf([...play.preTasks, ...play.roleTasks, ...play.tasks, ...play.postTasks])
        .filter((t) => selectedByTags(tagsOf(play, t), opts.tags ?? [], opts.skipTags ?? []));
      if (what.tags) {
        const all = new Set<string>();
        for (const t of tasks) for (const tag of tagsOf(play, t)) all.add(tag);
        out.push(`      TASK TAGS: ${fmtTags(all)}`);
      }
      if (what.tasks) {
        out.push('    tasks:');
        for (const t of tasks) out.push(`      ${displayName(t)}\tTAGS: ${fmtTags(tagsOf(undefined, t))}`);
      }
    });
  }
  io.stdout.write(`${out.join('\n')}\n`);
  return 0;
}
