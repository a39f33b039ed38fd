import { randomUUID } from 'node:crypto';
import { ParseError, type SourceLocation } from '../errors.js';
import type { Vars } from '../vars.js';
import { locationOf } from '../yaml/load.js';
import { BLOCK_KEYWORDS, INHERITED, TASK_KEYWORDS } from './keywords.js';
import { parseKeyValue } from './kv.js';
import type { BlockNode, InheritedKeywords, PlayItem, RoleRef, TaskNode } from './model.js';

/** Modules whose string argument is command text: only a few `k=v` words are taken out of it. */
const FREE_FORM = new Set(['command', 'shell', 'script', 'raw', 'win_command', 'win_shell']);
/** Modules that accept words that are not `k=v` (Ansible's RAW_PARAM_MODULES, besides the above). */
const RAW_PARAMS_ALLOWED = new Set([
  ...FREE_FORM, 'include_tasks', 'import_tasks', 'include_vars', 'include_role', 'import_role', 'meta', 'group_by',
  'add_host', 'set_fact', 'include', 'import_playbook',
]);
/** k=v words that free-form modules still accept (`command: ls chdir=/tmp`). */
const FREE_FORM_KEYS = new Set(['creates', 'removes', 'chdir', 'executable', 'warn', 'stdin', 'stdin_add_newline', 'strip_empty_ends']);

export function shortName(action: string): string {
  return action.slice(action.lastIndexOf('.') + 1);
}

export function isMapping(value: unknown): value is Vars {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function asList(value: unknown): unknown[] {
  if (value === undefined || value === null) return [];
  return Array.isArray(value) ? value : [value];
}

export function tagsOf(value: unknown): string[] {
  return asList(value).flatMap((t) => String(t).split(',')).map((t) => t.trim()).filter(Boolean);
}

export function keywordsOf(raw: Vars): InheritedKeywords {
  const out: Record<string, unknown> = {};
  for (const k of INHERITED) if (k in raw) out[k] = raw[k];
  return out as InheritedKeywords;
}

/** Turns a module's argument (string or mapping) into an args object. */
export function normaliseArgs(action: string, value: unknown, loc?: SourceLocation): Vars {
  if (value === null || value === undefined) return {};
  if (isMapping(value)) return { ...value };
  if (typeof value === 'string') {
    const free = FREE_FORM.has(shortName(action));
    const args = parseKeyValue(value, free, free ? FREE_FORM_KEYS : undefined);
    if ('_raw_params' in args && !RAW_PARAMS_ALLOWED.has(shortName(action))) {
      throw new ParseError(`this task '${action}' has extra params, which is only allowed in the following modules: `
        + `${[...RAW_PARAMS_ALLOWED].sort().join(', ')}`, loc, { hints: ['quote values that contain spaces: msg="two words"'] });
    }
    return args;
  }
  throw new ParseError(`the arguments of '${action}' must be a mapping or a 'key=value' string, got ${JSON.stringify(value)}`, loc);
}

interface ActionFound { action: string; args: Vars; delegateTo?: string }

function actionFromActionKeyword(raw: Vars, loc?: SourceLocation): ActionFound | undefined {
  const key = 'local_action' in raw ? 'local_action' : 'action' in raw ? 'action' : undefined;
  if (!key) return undefined;
  const value = raw[key];
  const delegateTo = key === 'local_action' ? 'localhost' : undefined;
  if (isMapping(value)) {
    const { module, args, ...rest } = value;
    if (typeof module !== 'string') throw new ParseError(`'${key}' as a mapping needs a 'module' key`, loc);
    // `action: { module: shell, args: ls }`: `args` holds the module's arguments (string or mapping).
    const fromArgs = args === undefined ? {} : normaliseArgs(module, args, loc);
    return { action: module, args: { ...fromArgs, ...rest }, delegateTo };
  }
  const text = String(value ?? '').trim();
  const space = text.search(/\s/);
  const action = space < 0 ? text : text.slice(0, space);
  if (!action) throw new ParseError(`'${key}' names no module`, loc);
  return { action, args: normaliseArgs(action, space < 0 ? '' : text.slice(space + 1), loc), delegateTo };
}

/** Finds the module of a task: the one key that is not a task keyword (or action/local_action). */
export function findAction(raw: Vars, loc?: SourceLocation): ActionFound {
  const candidates = Object.keys(raw).filter((k) => !TASK_KEYWORDS.has(k) && !k.startsWith('with_'));
  const viaKeyword = actionFromActionKeyword(raw, loc);
  if (viaKeyword) {
    if (candidates.length) {
      throw new ParseError(`conflicting action statements: ${['action', ...candidates].join(', ')}`, loc);
    }
    return viaKeyword;
  }
  if (candidates.length === 0) {
    throw new ParseError('no module/action detected in task.', loc, {
      hints: ['a task needs one module key, e.g. "command: uptime" or "ansible.builtin.debug: msg=hi"'],
    });
  }
  if (candidates.length > 1) throw new ParseError(`conflicting action statements: ${candidates.join(', ')}`, loc);
  const action = candidates[0];
  return { action, args: normaliseArgs(action, raw[action], loc) };
}

function loopOf(raw: Vars, loc?: SourceLocation): { loop?: unknown; loopLookup?: string } {
  const withKeys = Object.keys(raw).filter((k) => k.startsWith('with_'));
  if (withKeys.length > 1 || (withKeys.length && 'loop' in raw)) {
    throw new ParseError(`a task may have only one of loop and with_*: found ${[...withKeys, ...('loop' in raw ? ['loop'] : [])].join(', ')}`, loc);
  }
  if (withKeys.length) return { loop: raw[withKeys[0]], loopLookup: withKeys[0].slice(5) };
  return 'loop' in raw ? { loop: raw.loop } : {};
}

export function parseTask(raw: Vars, ctx: { isHandler: boolean; role?: RoleRef; parent?: BlockNode }): TaskNode {
  const loc = locationOf(raw);
  const found = findAction(raw, loc);
  const extraArgs = raw.args;
  if (extraArgs !== undefined && !isMapping(extraArgs)) throw new ParseError("'args' must be a mapping", loc);
  const keywords = keywordsOf(raw);
  if (found.delegateTo) keywords.delegate_to = found.delegateTo;
  if (raw.vars !== undefined && !isMapping(raw.vars)) throw new ParseError("'vars' must be a mapping", loc);
  return {
    kind: 'task', uuid: randomUUID(), loc, raw, keywords, role: ctx.role, parent: ctx.parent,
    name: raw.name === undefined || raw.name === null ? undefined : String(raw.name),
    action: found.action,
    args: { ...(extraArgs as Vars | undefined), ...found.args },
    when: asList(raw.when), tags: tagsOf(raw.tags), vars: (raw.vars as Vars) ?? {},
    register: raw.register === undefined ? undefined : String(raw.register),
    ...loopOf(raw, loc),
    loopControl: isMapping(raw.loop_control) ? raw.loop_control : undefined,
    until: raw.until, retries: raw.retries, delay: raw.delay,
    failedWhen: raw.failed_when, changedWhen: raw.changed_when,
    notify: asList(raw.notify).map(String), listen: asList(raw.listen).map(String),
    isHandler: ctx.isHandler, async: raw.async, poll: raw.poll,
  };
}

export function parseBlock(raw: Vars, ctx: { isHandler: boolean; role?: RoleRef; parent?: BlockNode }): BlockNode {
  const loc = locationOf(raw);
  for (const key of Object.keys(raw)) {
    if (!BLOCK_KEYWORDS.has(key)) throw new ParseError(`'${key}' is not a valid attribute for a Block`, loc);
  }
  const block: BlockNode = {
    kind: 'block', uuid: randomUUID(), loc, keywords: keywordsOf(raw), role: ctx.role, parent: ctx.parent,
    name: raw.name === undefined ? undefined : String(raw.name),
    when: asList(raw.when), tags: tagsOf(raw.tags), vars: isMapping(raw.vars) ? raw.vars : {},
    block: [], rescue: [], always: [],
  };
  const child = { ...ctx, parent: block };
  block.block = parseItems(raw.block, child, 'block');
  block.rescue = parseItems(raw.rescue, child, 'rescue');
  block.always = parseItems(raw.always, child, 'always');
  return block;
}

/** A list of tasks and blocks (a play section, a tasks file, a block's block/rescue/always). */
export function parseItems(value: unknown, ctx: { isHandler: boolean; role?: RoleRef; parent?: BlockNode }, what: string): PlayItem[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) {
    throw new ParseError(`'${what}' must be a list of tasks, got ${typeof value}`, locationOf(value));
  }
  return value.map((item) => {
    if (!isMapping(item)) {
      throw new ParseError(`each entry of '${what}' must be a task (a mapping), got ${JSON.stringify(item)}`, locationOf(value));
    }
    return 'block' in item ? parseBlock(item, ctx) : parseTask(item, ctx);
  });
}
