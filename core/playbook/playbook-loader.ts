import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { ParseError } from '../errors.js';
import type { Vars } from '../vars.js';
import { locationOf } from '../yaml/load.js';
import { PLAY_KEYWORDS } from './keywords.js';
import type { BlockNode, PlayItem, PlayNode, PlaybookNode, RoleRef, TaskNode } from './model.js';
import { isMapping, keywordsOf, parseItems, shortName, tagsOf } from './task-parser.js';
import { loadRole, type RoleLoaderContext } from './role-loader.js';

export interface PlaybookLoaderContext extends RoleLoaderContext {
  /** Extra vars, usable in import_playbook / import_tasks file names. */
  extraVars: Vars;
  /** Handlers of roles brought in by import_role while parsing (added to the play's handlers). */
  importedHandlers?: TaskNode[];
}

/**
 * import_role is static, as in Ansible: the role's tasks are part of the play from the start, and
 * the import's when, tags and keywords apply to each of them.
 */
async function importRole(item: TaskNode, dir: string, ctx: PlaybookLoaderContext): Promise<BlockNode> {
  const a = item.args;
  const name = String(a.name ?? a._raw_params ?? '');
  if (!name) throw new ParseError("import_role needs a role 'name'", item.loc);
  const from = { tasks: a.tasks_from as string | undefined, vars: a.vars_from as string | undefined,
    defaults: a.defaults_from as string | undefined, handlers: a.handlers_from as string | undefined };
  const loaded = await loadRole({ role: name }, dir, ctx, { from });
  const wrapper: BlockNode = {
    kind: 'block', uuid: randomUUID(), loc: item.loc, keywords: item.keywords, when: item.when, tags: item.tags,
    vars: item.vars, role: item.role, parent: item.parent, block: loaded.map((l) => l.tasks), rescue: [], always: [],
  };
  for (const l of loaded) {
    l.tasks.parent = wrapper;
    ctx.importedHandlers?.push(...l.handlers);
  }
  return wrapper;
}

function asStringList(value: unknown): string {
  return Array.isArray(value) ? value.map(String).join(',') : String(value ?? '');
}

/** Loads a playbook file, expanding import_playbook statically as Ansible does. */
export async function loadPlaybook(file: string, ctx: PlaybookLoaderContext): Promise<PlaybookNode> {
  const path = resolve(file);
  if (!existsSync(path)) throw new ParseError(`the playbook: ${file} could not be found`);
  const data = await ctx.loader.loadFile(path);
  if (data === null || data === undefined) return { file: path, plays: [] };
  if (!Array.isArray(data)) {
    throw new ParseError('A playbook must be a list of plays, got a ' + (isMapping(data) ? 'mapping' : typeof data) + ' instead',
      locationOf(data) ?? { file: path, line: 1, column: 1 });
  }
  ctx.kernel.addAdjacentDir(dirname(path));
  const plays: PlayNode[] = [];
  for (const entry of data) {
    if (!isMapping(entry)) throw new ParseError(`each entry of a playbook must be a play (a mapping), got ${JSON.stringify(entry)}`, locationOf(data));
    const imported = entry.import_playbook ?? entry['ansible.builtin.import_playbook'];
    if (imported !== undefined) {
      const target = resolve(dirname(path), String(imported));
      plays.push(...(await loadPlaybook(target, ctx)).plays);
      continue;
    }
    plays.push(await parsePlay(entry, path, ctx));
  }
  return { file: path, plays };
}

/** One play from its data (a mapping as written in a playbook). */
export async function parsePlay(raw: Vars, file: string, ctx: PlaybookLoaderContext): Promise<PlayNode> {
  const loc = locationOf(raw);
  for (const key of Object.keys(raw)) {
    if (!PLAY_KEYWORDS.has(key)) throw new ParseError(`'${key}' is not a valid attribute for a Play`, loc);
  }
  if (raw.hosts === undefined || raw.hosts === null || raw.hosts === '') {
    throw new ParseError("the field 'hosts' is required but was not set", loc);
  }
  const dir = dirname(file);
  const base = { isHandler: false };
  ctx = { ...ctx, importedHandlers: [] };
  const roles: RoleRef[] = [];
  const roleTasks: PlayItem[] = [];
  const roleHandlers: TaskNode[] = [];
  const seen = new Set<string>();
  for (const spec of Array.isArray(raw.roles) ? raw.roles : raw.roles ? [raw.roles] : []) {
    const loaded = await loadRole(spec, dir, ctx, { seen });
    for (const r of loaded) {
      roles.push(r.role);
      roleTasks.push(r.tasks);
      roleHandlers.push(...r.handlers);
    }
  }
  const play: PlayNode = {
    uuid: randomUUID(), loc, file, dir, raw,
    name: raw.name === undefined || raw.name === null ? asStringList(raw.hosts) : String(raw.name),
    hosts: asStringList(raw.hosts),
    keywords: keywordsOf(raw), vars: isMapping(raw.vars) ? raw.vars : {},
    varsFiles: Array.isArray(raw.vars_files) ? raw.vars_files : raw.vars_files ? [raw.vars_files] : [],
    varsPrompt: Array.isArray(raw.vars_prompt) ? (raw.vars_prompt as Vars[]) : [],
    gatherFacts: raw.gather_facts, gatherSubset: raw.gather_subset, serial: raw.serial,
    maxFailPercentage: raw.max_fail_percentage,
    strategy: raw.strategy === undefined ? undefined : String(raw.strategy),
    order: raw.order === undefined ? undefined : String(raw.order),
    forceHandlers: raw.force_handlers === undefined ? undefined : Boolean(raw.force_handlers),
    tags: tagsOf(raw.tags), when: [],
    preTasks: await expandImports(parseItems(raw.pre_tasks, base, 'pre_tasks'), dir, ctx),
    roles, roleTasks,
    tasks: await expandImports(parseItems(raw.tasks, base, 'tasks'), dir, ctx),
    postTasks: await expandImports(parseItems(raw.post_tasks, base, 'post_tasks'), dir, ctx),
    handlers: [...roleHandlers, ...flattenHandlers(await expandImports(parseItems(raw.handlers, { isHandler: true }, 'handlers'), dir, ctx))],
  };
  // A role imported twice brings its handlers once.
  for (const h of ctx.importedHandlers ?? []) {
    if (!play.handlers.some((o) => o.role?.path === h.role?.path && o.name === h.name && o.action === h.action)) play.handlers.push(h);
  }
  return play;
}

/** Handlers are run by name; blocks in a handlers section only group them. */
export function flattenHandlers(items: PlayItem[]): TaskNode[] {
  return items.flatMap((i) => (i.kind === 'task' ? [i] : flattenHandlers([...i.block, ...i.rescue, ...i.always])));
}

/**
 * Replaces import_tasks entries by a block holding the imported tasks: the import's when, tags,
 * vars and keywords apply to each of them, as in Ansible's static imports.
 */
export async function expandImports(items: PlayItem[], dir: string, ctx: PlaybookLoaderContext): Promise<PlayItem[]> {
  const out: PlayItem[] = [];
  for (const item of items) {
    if (item.kind === 'block') {
      item.block = await expandImports(item.block, dir, ctx);
      item.rescue = await expandImports(item.rescue, dir, ctx);
      item.always = await expandImports(item.always, dir, ctx);
      out.push(item);
      continue;
    }
    const action = shortName(item.action);
    if (action === 'import_role') {
      out.push(await importRole(item, dir, ctx));
      continue;
    }
    if (action !== 'import_tasks') {
      out.push(item);
      continue;
    }
    const fileArg = String(item.args._raw_params ?? item.args.file ?? '');
    const target = isAbsolute(fileArg) ? fileArg : resolve(item.role ? join(item.role.path, 'tasks') : dir, fileArg);
    if (!existsSync(target)) throw new ParseError(`Could not find or access '${fileArg}' for import_tasks`, item.loc);
    const wrapper: BlockNode = {
      kind: 'block', uuid: randomUUID(), loc: item.loc, keywords: item.keywords, when: item.when, tags: item.tags,
      vars: item.vars, role: item.role, parent: item.parent, block: [], rescue: [], always: [],
    };
    const data = await ctx.loader.loadFile(target);
    const parsed = parseItems(data ?? [], { isHandler: item.isHandler, role: item.role, parent: wrapper }, target);
    wrapper.block = await expandImports(parsed, dirname(target), ctx);
    out.push(wrapper);
  }
  return out;
}
