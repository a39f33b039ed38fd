import type { BlockNode, PlayNode, InheritedKeywords, TaskNode } from '../playbook/model.js';
import type { Vars } from '../vars.js';
import type { ModuleContext, ModuleDefinition, ModuleResult } from '../../plugins/module/types.js';
import { parseBoolean } from '../config/coerce.js';
import { becomeSettings, becomeWrapper } from './become.js';
import { connectionName } from './connections.js';
import { createModuleContext } from './module-context.js';
import type { TaskPlan } from './task-plan.js';
import { validateArgs } from './validate-args.js';
import { isOmitted } from '../template/builtins.js';
import { UnsafeText, VaultValue } from '../values.js';
import type { TaskExecutorDeps } from './task-executor.js';

export interface Invocation {
  def: ModuleDefinition;
  ctx: ModuleContext;
  keywords: InheritedKeywords;
  /** Seconds the whole module may take (task `timeout`). */
  timeout?: number;
  /** Aborts this call alone (timeout, async job); absent when nothing but the run can abort it. */
  controller?: AbortController;
}

/** Only the connection-related variables are templated for the connection plugin. */
export function connectionVars(vars: Vars, kw: InheritedKeywords): Vars {
  const out: Vars = {};
  for (const k in vars) if (k.startsWith('ansible_') && k !== 'ansible_facts') out[k] = vars[k];
  out.inventory_hostname = vars.inventory_hostname;
  // Connection variables beat keywords, keywords beat -u and the config (Ansible's order).
  if (kw.remote_user !== undefined && out.ansible_user === undefined && out.ansible_ssh_user === undefined) out.ansible_user = kw.remote_user;
  if (kw.port !== undefined && out.ansible_port === undefined && out.ansible_ssh_port === undefined) out.ansible_port = kw.port;
  return out;
}

function mergeList(value: unknown): Vars {
  const list = Array.isArray(value) ? value : value ? [value] : [];
  return Object.assign({}, ...list.filter((v) => typeof v === 'object' && v !== null));
}

/** Module arguments as plain data: `!unsafe` text becomes a string, vaulted values their plaintext. */
function plainData(value: unknown): unknown {
  if (value instanceof UnsafeText) return value.text;
  if (value instanceof VaultValue) return value.reveal();
  if (Array.isArray(value)) return value.map(plainData);
  if (value && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, plainData(v)]));
  }
  return value;
}

/**
 * module_defaults: defaults of the module's action groups (`group/<name>`, declared by plugin
 * packages), then of the module by short name or FQCN; the task's own arguments win over both.
 */
export function moduleDefaults(kw: InheritedKeywords, def: ModuleDefinition, action: string, groups: string[]): Vars {
  if (!kw.module_defaults) return {};
  const all = mergeList(kw.module_defaults);
  const keys = [...groups.map((g) => `group/${g}`), def.name, `ansible.builtin.${def.name}`, `ansible.legacy.${def.name}`, action];
  return Object.assign({}, ...keys.map((k) => (typeof all[k] === 'object' ? all[k] as Vars : {})));
}

/** `environment:` of the play, each enclosing block and the task, merged (the innermost wins per variable). */
async function taskEnvironment(d: TaskExecutorDeps, play: PlayNode | undefined, task: TaskNode, vars: Vars): Promise<Record<string, string>> {
  const chain: unknown[] = [];
  for (let n: TaskNode | BlockNode | undefined = task; n; n = n.parent) chain.unshift(n.keywords.environment);
  chain.unshift(play?.keywords.environment);
  const merged: Record<string, string> = {};
  for (const env of chain) {
    if (env === undefined) continue;
    for (const [k, v] of Object.entries(mergeList(await d.templar.template(env, vars)))) merged[k] = String(v);
  }
  return merged;
}

/**
 * The connection variables templated. Gathered facts are a hundred or more ansible_* variables,
 * deep structures among them: values that are the target's plain facts (VariableManager.plainFacts)
 * are kept as they are instead of being scanned for templates again on every host-task.
 */
async function templateConnectionVars(d: TaskExecutorDeps, target: string, raw: Vars, targetVars: Vars): Promise<Vars> {
  const facts = d.vm.plainFacts(target);
  if (!facts) return await d.templar.template(raw, targetVars) as Vars;
  const rest: Vars = {};
  for (const k in raw) if (facts[k] !== raw[k]) rest[k] = raw[k];
  if (!d.templar.isTemplate(rest)) return raw;
  const templated = await d.templar.template(rest, targetVars) as Vars;
  const out: Vars = {};
  for (const k in raw) out[k] = k in rest ? templated[k] : raw[k];
  return out;
}

/** Everything a module call needs: its definition, validated arguments, become, connection and context. */
export async function prepareInvocation(d: TaskExecutorDeps, plan: TaskPlan, host: string, vars: Vars): Promise<Invocation | { skipped: ModuleResult }> {
  const { templar } = d;
  const { play, task } = plan;
  const kw = await templar.template(plan.keywords, vars) as InheritedKeywords;
  const { def, spec, groups } = await plan.module();
  const rawArgs = await templar.template(task.args, vars, { failOnUndefined: true, context: task.name ?? task.action }) as Vars;
  const merged = plainData({ ...moduleDefaults(kw, def, task.action, groups), ...rawArgs }) as Vars;
  const args = validateArgs(spec, Object.fromEntries(Object.entries(merged).filter(([, v]) => !isOmitted(v))));
  const check = parseBoolean(kw.check_mode ?? d.run.options.check ?? false) === true;
  if (check && def.checkMode === 'none') return { skipped: { changed: false, skipped: true, msg: `remote module (${def.name}) does not support check mode` } };
  const diff = parseBoolean(kw.diff ?? d.run.options.diff ?? false) === true;
  const target = kw.delegate_to ? String(kw.delegate_to) : host;
  const targetVars = target === host ? vars : d.vm.getVars({ play, host: target });
  const connVars = await templateConnectionVars(d, target, connectionVars(targetVars, kw), targetVars);
  const transport = connectionName(target, connVars, (kw.connection as string | undefined) ?? d.run.options.connection,
    d.kernel, d.implicitLocal(target));
  const become = await becomeWrapper(d.kernel, becomeSettings(kw, vars, d.run.options, d.kernel));
  const environment = await taskEnvironment(d, play, task, vars);
  const timeout = kw.timeout ? Number(kw.timeout) : undefined;
  // Only a timeout or an async job aborts the module on its own; otherwise the run's signal is all it needs.
  const controller = timeout !== undefined || task.async !== undefined ? new AbortController() : undefined;
  const signal = controller ? AbortSignal.any([d.signal, controller.signal]) : d.signal;
  const ctx = createModuleContext(args, {
    kernel: d.kernel, run: d.run, templar, loader: d.loader, play, task, host, vars, check, diff, become, signal,
    environment, connection: async () => {
      const conn = await d.connections.get(target, connVars, transport);
      await conn.connect();
      return conn;
    },
    targetCache: (conn) => d.connections.targetCache(conn),
  });
  return { def, ctx, keywords: kw, timeout, controller };
}
