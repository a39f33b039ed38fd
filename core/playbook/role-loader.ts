import { randomUUID } from 'node:crypto';
import { existsSync, statSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import { ParseError } from '../errors.js';
import type { Kernel } from '../kernel.js';
import type { Vars } from '../vars.js';
import type { DataLoader } from '../yaml/data-loader.js';
import { locationOf } from '../yaml/load.js';
import type { BlockNode, RoleRef, TaskNode } from './model.js';
import { isMapping, keywordsOf, parseItems, tagsOf } from './task-parser.js';
import { expandImports, flattenHandlers, type PlaybookLoaderContext } from './playbook-loader.js';

export interface RoleLoaderContext {
  loader: DataLoader;
  kernel: Kernel;
  /** roles_path entries, searched after `<playbook dir>/roles`. */
  rolesPath: string[];
}

export interface LoadedRole {
  role: RoleRef;
  /** The role's tasks in one block carrying the role entry's keywords (when, tags, become, …). */
  tasks: BlockNode;
  handlers: TaskNode[];
}

const ROLE_ENTRY_KEYS = new Set(['role', 'name', 'when', 'tags', 'vars']);

/** Ansible's role search: `<dir>/roles/NAME`, each roles_path entry, then `<dir>/NAME`. */
export function findRole(name: string, dir: string, rolesPath: string[]): string | undefined {
  if (isAbsolute(name) || name.includes('/')) {
    const p = resolve(dir, name);
    return existsSync(p) ? p : undefined;
  }
  const short = name.includes('.') ? name.slice(name.lastIndexOf('.') + 1) : name;
  const places = [join(dir, 'roles', name), ...rolesPath.map((p) => join(p, name)), join(dir, name), join(dir, 'roles', short)];
  return places.find((p) => existsSync(p));
}

async function loadMain(ctx: RoleLoaderContext, path: string, sub: string, file = 'main'): Promise<unknown> {
  for (const ext of ['.yml', '.yaml', '.json', '']) {
    const p = join(path, sub, file + ext);
    if (existsSync(p) && !statSync(p).isDirectory()) return ctx.loader.loadFile(p);
  }
  if (file !== 'main') throw new ParseError(`could not find '${file}' in ${join(path, sub)}`);
  return undefined;
}

function roleSpec(spec: unknown, loc: ReturnType<typeof locationOf>): { name: string; raw: Vars; params: Vars } {
  if (typeof spec === 'string') return { name: spec, raw: {}, params: {} };
  if (!isMapping(spec)) throw new ParseError(`a role entry must be a name or a mapping, got ${JSON.stringify(spec)}`, loc);
  const name = spec.role ?? spec.name;
  if (typeof name !== 'string') throw new ParseError("a role entry needs 'role' (or 'name')", locationOf(spec) ?? loc);
  const params: Vars = {};
  for (const [k, v] of Object.entries(spec)) {
    if (!ROLE_ENTRY_KEYS.has(k) && !(k in keywordsOf({ [k]: v }))) params[k] = v;
  }
  return { name, raw: spec, params: { ...params, ...(isMapping(spec.vars) ? spec.vars : {}) } };
}

/** include_role / import_role's *_from options: which file of each role folder to load. */
export interface RoleFrom { tasks?: string; vars?: string; defaults?: string; handlers?: string }

export interface RoleLoadOptions {
  chain?: Set<string>;
  from?: RoleFrom;
  /** Roles already in the play (path + params): a role runs once unless allow_duplicates. */
  seen?: Set<string>;
}

/** Loads a role and, first, its meta dependencies (each at most once unless allow_duplicates). */
export async function loadRole(spec: unknown, dir: string, ctx: RoleLoaderContext, opts: RoleLoadOptions = {}): Promise<LoadedRole[]> {
  const loc = locationOf(spec);
  const { name, raw, params } = roleSpec(spec, loc);
  const path = findRole(name, dir, ctx.rolesPath);
  if (!path) {
    throw new ParseError(`the role '${name}' was not found in ${[join(dir, 'roles'), ...ctx.rolesPath, dir].join(':')}`, loc);
  }
  const chain = opts.chain ?? new Set<string>();
  if (chain.has(path)) throw new ParseError(`role '${name}' depends on itself (${[...chain, path].join(' -> ')})`, loc);
  ctx.kernel.addAdjacentDir(path);
  const meta = await loadMain(ctx, path, 'meta');
  const key = `${path}|${JSON.stringify(params)}`;
  if (opts.seen?.has(key) && !(isMapping(meta) && meta.allow_duplicates === true)) return [];
  opts.seen?.add(key);
  const from = opts.from ?? {};
  const role: RoleRef = {
    name: name.slice(name.lastIndexOf('/') + 1), path, params,
    defaults: (await loadMain(ctx, path, 'defaults', from.defaults) as Vars | undefined) ?? {},
    vars: (await loadMain(ctx, path, 'vars', from.vars) as Vars | undefined) ?? {},
  };
  const deps: LoadedRole[] = [];
  const depList = isMapping(meta) && Array.isArray(meta.dependencies) ? meta.dependencies : [];
  for (const dep of depList) deps.push(...(await loadRole(dep, dir, ctx, { chain: new Set([...chain, path]), seen: opts.seen })));
  const wrapper: BlockNode = {
    kind: 'block', uuid: randomUUID(), loc, keywords: keywordsOf(raw), role, when: raw.when === undefined ? [] : [raw.when].flat(),
    tags: tagsOf(raw.tags), vars: {}, block: [], rescue: [], always: [],
  };
  const tasksData = await loadMain(ctx, path, 'tasks', from.tasks);
  const lctx = { ...ctx, extraVars: {} } as PlaybookLoaderContext;
  wrapper.block = await expandImports(parseItems(tasksData ?? [], { isHandler: false, role, parent: wrapper }, `${path}/tasks/main.yml`), join(path, 'tasks'), lctx);
  const handlerData = await loadMain(ctx, path, 'handlers', from.handlers);
  const handlers = flattenHandlers(await expandImports(parseItems(handlerData ?? [], { isHandler: true, role }, `${path}/handlers/main.yml`), join(path, 'handlers'), lctx));
  return [...deps, { role, tasks: wrapper, handlers }];
}
