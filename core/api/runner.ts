import type { ModuleResult } from '../../plugins/module/types.js';
import type { Kernel } from '../kernel.js';
import type { Vars } from '../vars.js';
import { runAdHoc } from './run-adhoc.js';
import type { RunOptions } from '../executor/run.js';

export interface RunnerOptions extends RunOptions {
  /** Host pattern (default 'all'). */
  pattern?: string;
  moduleName?: string;
  /** `k=v` string or an object (default ''). */
  moduleArgs?: string | Vars;
  /** Inventory sources: paths or a host list (`'web1,web2,'`). */
  inventory?: string | string[];
  cwd?: string;
  kernel?: Kernel;
}

export interface RunnerResult {
  /** Hosts that answered, with the module's result (failed results included). */
  contacted: Record<string, ModuleResult>;
  /** Hosts that could not be reached. */
  dark: Record<string, { failed: true; msg: string }>;
}

/**
 * Ansible's pre-2.0 `Runner(pattern, forks, module_name, module_args).run()`:
 * one module on every matched host, results split into `contacted` and `dark`.
 */
export class Runner {
  constructor(private readonly options: RunnerOptions = {}) {}

  async run(): Promise<RunnerResult> {
    const o = this.options;
    const { results } = await runAdHoc({
      ...o, pattern: o.pattern ?? 'all', moduleName: o.moduleName ?? 'command', moduleArgs: o.moduleArgs ?? '',
      inventory: o.inventory === undefined ? undefined : Array.isArray(o.inventory) ? o.inventory : [o.inventory],
    });
    const out: RunnerResult = { contacted: {}, dark: {} };
    for (const [host, e] of Object.entries(results)) {
      if (e.status === 'unreachable') out.dark[host] = { failed: true, msg: String(e.result.msg ?? 'unreachable') };
      else out.contacted[host] = e.result;
    }
    return out;
  }
}
