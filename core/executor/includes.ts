import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import type { BlockNode, TaskNode } from '../playbook/model.js';
import type { PlaybookLoaderContext } from '../playbook/playbook-loader.js';
import { expandImports } from '../playbook/playbook-loader.js';
import { loadRole } from '../playbook/role-loader.js';
import { parseItems, tagsOf } from '../playbook/task-parser.js';
import type { Vars } from '../vars.js';
import type { ModuleResult } from '../../plugins/module/types.js';
import type { HostTaskOutcome } from './outcome.js';
import type { PlayRunner } from './play-runner.js';

interface IncludeGroup { target: string; hosts: string[]; vars: Vars; args: Vars; item?: { value: unknown; label: string } }

/** One entry per (file, loop item): hosts that included the same thing run it together. */
function groupIncludes(outcomes: Map<string, HostTaskOutcome>): IncludeGroup[] {
  const groups = new Map<string, IncludeGroup>();
  for (const [host, o] of outcomes) {
    if (o.status !== 'ok') continue;
    const entries: ModuleResult[] = Array.isArray(o.result.results) ? o.result.results as ModuleResult[] : [o.result];
    for (const r of entries) {
      if (typeof r.include !== 'string' || r.skipped) continue;
      const loopVar = typeof r.ansible_loop_var === 'string' ? r.ansible_loop_var : undefined;
      const vars: Vars = loopVar ? { [loopVar]: r.item } : {};
      const key = `${r.include}\u0000${JSON.stringify(vars)}`;
      const item = loopVar ? { value: r.item, label: String(r._ansible_item_label ?? r.item) } : undefined;
      const g = groups.get(key) ?? { target: r.include, hosts: [], vars, args: (r.include_args as Vars | undefined) ?? {}, item };
      g.hosts.push(host);
      groups.set(key, g);
    }
  }
  return [...groups.values()];
}

/**
 * Dynamic includes: the include task ran on each host (its `when` decided who includes); now the
 * included tasks run for the hosts that included the same file, one group after another.
 */
export async function runInclude(pr: PlayRunner, task: TaskNode, outcomes: Map<string, HostTaskOutcome>,
  ctx: { rescuable: boolean; inAlways: boolean }): Promise<void> {
  const action = task.action.slice(task.action.lastIndexOf('.') + 1);
  for (const g of groupIncludes(outcomes)) {
    const block = action === 'include_tasks' ? await includedTasks(pr, task, g) : await includedRole(pr, task, g);
    // Ansible counts ok for each loaded tasks file; included roles are not counted.
    if (action === 'include_tasks') for (const h of g.hosts) pr.d.run.stats.increment(h, 'ok');
    await pr.d.emit('include', { file: action === 'include_tasks' ? block.loc?.file ?? g.target : g.target, hosts: g.hosts,
      args: task.args, task: pr.d.view(task), ...(g.item ? { item: g.item.value, label: g.item.label } : {}) });
    await pr.runItems([block], g.hosts, ctx);
  }
}

function loaderContext(pr: PlayRunner): PlaybookLoaderContext {
  return { loader: pr.d.loader, kernel: pr.d.kernel, rolesPath: pr.d.kernel.config.list('roles_path'), extraVars: pr.d.vm.extraVars };
}

function wrapperBlock(task: TaskNode, g: IncludeGroup, file?: string): BlockNode {
  const wrapper: BlockNode = {
    kind: 'block', uuid: randomUUID(), loc: file ? { file, line: 1, column: 1 } : task.loc, keywords: {}, when: [], tags: [],
    vars: { ...task.vars, ...g.vars }, role: task.role, parent: task.parent, block: [], rescue: [], always: [],
  };
  // `apply:` gives keywords to every included task; tags and when have their own fields.
  const apply = (g.args.apply && typeof g.args.apply === 'object' ? g.args.apply : {}) as Vars;
  const { tags, when, vars, ...keywords } = apply;
  Object.assign(wrapper.keywords, keywords);
  wrapper.tags = tagsOf(tags);
  if (when !== undefined) wrapper.when = Array.isArray(when) ? when : [when];
  if (vars && typeof vars === 'object') Object.assign(wrapper.vars, vars);
  return wrapper;
}

async function includedTasks(pr: PlayRunner, task: TaskNode, g: IncludeGroup): Promise<BlockNode> {
  const base = task.role ? join(task.role.path, 'tasks') : task.loc?.file ? dirname(task.loc.file) : pr.play.dir;
  const path = isAbsolute(g.target) ? g.target
    : [resolve(base, g.target), resolve(pr.play.dir, g.target)].find((p) => existsSync(p)) ?? resolve(base, g.target);
  const wrapper = wrapperBlock(task, g, path);
  const data = await pr.d.loader.loadFile(path);
  wrapper.block = await expandImports(parseItems(data ?? [], { isHandler: task.isHandler, role: task.role, parent: wrapper }, path), dirname(path), loaderContext(pr));
  return wrapper;
}

async function includedRole(pr: PlayRunner, task: TaskNode, g: IncludeGroup): Promise<BlockNode> {
  const a = task.args;
  const from = { tasks: a.tasks_from as string | undefined, vars: a.vars_from as string | undefined,
    defaults: a.defaults_from as string | undefined, handlers: a.handlers_from as string | undefined };
  const loaded = await loadRole({ role: g.target, ...((a.vars as object | undefined) ?? {}) }, pr.play.dir, loaderContext(pr), { from });
  const wrapper = wrapperBlock(task, g);
  wrapper.block = loaded.map((l) => l.tasks);
  for (const l of loaded) {
    l.tasks.parent = wrapper;
    pr.play.handlers.push(...l.handlers);
  }
  return wrapper;
}
