import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import type { BlockNode, TaskNode } from '../playbook/model.js';
import type { PlaybookLoaderContext } from '../playbook/playbook-loader.js';
import { expandImports } from '../playbook/playbook-loader.js';
import { loadRole } from '../playbook/role-loader.js';
import { parseItems } from '../playbook/task-parser.js';
import type { HostTaskOutcome } from './outcome.js';
import type { PlayRunner } from './play-runner.js';

/**
 * Dynamic includes: the include task ran on each host (its `when` decided who includes); now the
 * included tasks run for the hosts that included the same file, one group after another.
 */
export async function runInclude(pr: PlayRunner, task: TaskNode, outcomes: Map<string, HostTaskOutcome>,
  ctx: { rescuable: boolean; inAlways: boolean }): Promise<void> {
  const groups = new Map<string, string[]>();
  for (const [host, o] of outcomes) {
    if (o.status !== 'ok' || typeof o.result.include !== 'string') continue;
    const list = groups.get(o.result.include) ?? [];
    list.push(host);
    groups.set(o.result.include, list);
  }
  const action = task.action.slice(task.action.lastIndexOf('.') + 1);
  for (const [target, hosts] of groups) {
    const block = action === 'include_tasks' ? await includedTasks(pr, task, target) : await includedRole(pr, task, target);
    await pr.d.emit('include', { file: action === 'include_tasks' ? block.loc?.file ?? target : target, hosts, args: task.args, task: pr.d.view(task) });
    await pr.runItems([block], hosts, ctx);
  }
}

function loaderContext(pr: PlayRunner): PlaybookLoaderContext {
  return { loader: pr.d.loader, kernel: pr.d.kernel, rolesPath: pr.d.kernel.config.list('roles_path'), extraVars: pr.d.vm.extraVars };
}

async function includedTasks(pr: PlayRunner, task: TaskNode, file: string): Promise<BlockNode> {
  const base = task.role ? join(task.role.path, 'tasks') : task.loc?.file ? dirname(task.loc.file) : pr.play.dir;
  const path = isAbsolute(file) ? file : [resolve(base, file), resolve(pr.play.dir, file)].find((p) => existsSync(p)) ?? resolve(base, file);
  const wrapper: BlockNode = {
    kind: 'block', uuid: randomUUID(), loc: { file: path, line: 1, column: 1 }, keywords: {}, when: [], tags: [],
    vars: { ...task.vars }, role: task.role, parent: task.parent, block: [], rescue: [], always: [],
  };
  const apply = task.args.apply as Record<string, unknown> | undefined;
  if (apply && typeof apply === 'object') Object.assign(wrapper.keywords, apply);
  const data = await pr.d.loader.loadFile(path);
  wrapper.block = await expandImports(parseItems(data ?? [], { isHandler: task.isHandler, role: task.role, parent: wrapper }, path), dirname(path), loaderContext(pr));
  return wrapper;
}

async function includedRole(pr: PlayRunner, task: TaskNode, name: string): Promise<BlockNode> {
  const loaded = await loadRole({ role: name, ...(task.args.vars as object ?? {}) }, pr.play.dir, loaderContext(pr), new Set());
  const wrapper: BlockNode = {
    kind: 'block', uuid: randomUUID(), loc: task.loc, keywords: {}, when: [], tags: [], vars: {}, parent: task.parent,
    block: loaded.map((l) => l.tasks), rescue: [], always: [],
  };
  for (const l of loaded) {
    l.tasks.parent = wrapper;
    pr.play.handlers.push(...l.handlers);
  }
  return wrapper;
}
