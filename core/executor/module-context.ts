import { existsSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import { TsibleError } from '../errors.js';
import type { Kernel } from '../kernel.js';
import { createLogger } from '../logger.js';
import type { PlayNode, TaskNode } from '../playbook/model.js';
import { shellQuote } from '../util/shell.js';
import type { Vars } from '../vars.js';
import type { BecomeRequest, Connection, ExecOptions, ExecResult } from '../../plugins/connection/types.js';
import type { ModuleContext } from '../../plugins/module/types.js';
import type { Run } from './run.js';
import type { Templar } from '../template/templar.js';
import type { DataLoader } from '../yaml/data-loader.js';

export interface ModuleContextDeps {
  kernel: Kernel;
  run: Run;
  templar: Templar;
  loader: DataLoader;
  play?: PlayNode;
  task?: TaskNode;
  host: string;
  vars: Vars;
  check: boolean;
  diff: boolean;
  connection: () => Promise<Connection>;
  /** Scratch space kept per connection (ModuleContext.targetCache). */
  targetCache: (conn: Connection) => Map<string, unknown>;
  become?: (command: string) => BecomeRequest;
  signal: AbortSignal;
  timeoutSeconds?: number;
  /** The task's `environment:`, exported before every command. */
  environment?: Record<string, string>;
}

/** Ansible's search for `src:` files: role dir, the task's file dir, the play dir, then as given. */
export function searchDirs(play: PlayNode | undefined, task: TaskNode | undefined, subdir: string): string[] {
  const dirs: string[] = [];
  if (task?.role) dirs.push(join(task.role.path, subdir), task.role.path);
  if (task?.loc?.file) dirs.push(join(resolve(task.loc.file, '..'), subdir), resolve(task.loc.file, '..'));
  if (play) dirs.push(join(play.dir, subdir), play.dir);
  return [...new Set(dirs)];
}

export function createModuleContext<A>(args: A, d: ModuleContextDeps): ModuleContext<A> {
  const exec = async (command: string, options: Omit<ExecOptions, 'become'> = {}): Promise<ExecResult> => {
    const conn = await d.connection();
    const env = Object.entries(d.environment ?? {});
    const withEnv = env.length ? `export ${env.map(([k, v]) => `${k}=${shellQuote(v)}`).join(' ')}\n${command}` : command;
    const line = d.run.hooks.command.call(withEnv, { host: d.host, task: d.task?.name, vars: d.vars });
    return conn.exec(line, {
      ...options, become: d.become?.(line), signal: options.signal ?? d.signal,
      timeoutSeconds: options.timeoutSeconds ?? d.timeoutSeconds,
    });
  };
  return {
    args, host: d.host, vars: d.vars, check: d.check, diff: d.diff, signal: d.signal,
    connection: d.connection,
    targetCache: async () => d.targetCache(await d.connection()),
    exec,
    become: (command) => d.become?.(command),
    quote: shellQuote,
    template: (value, extra, options) => d.templar.template(value, extra ? { ...d.vars, ...extra } : d.vars,
      options?.file ? { asText: true, escapeBackslashes: false } : {}),
    conditional: (expr, extra) => d.templar.conditional(expr, extra ? { ...d.vars, ...extra } : d.vars),
    async findFile(name, subdir) {
      if (isAbsolute(name)) {
        if (existsSync(name)) return name;
        throw new TsibleError('TSIBLE_MODULE_ARGS', `Could not find or access '${name}' on the Ansible Controller.`);
      }
      const places = searchDirs(d.play, d.task, subdir).map((dir) => join(dir, name));
      const hit = places.find((p) => existsSync(p));
      if (hit) return hit;
      throw new TsibleError('TSIBLE_MODULE_ARGS', `Could not find or access '${name}'\nSearched in:\n${places.map((p) => `\t${p}`).join('\n')}`);
    },
    readControllerFile: (path) => d.loader.readFile(path),
    loadData: (path) => d.loader.loadFile(path),
    log: createLogger((e) => d.kernel.emitLog(e), d.task?.action ?? 'module', d.host),
  };
}

