import type { Vars } from '../vars.js';
import type { PluginEntry } from '../config/define-config.js';
import type { ModuleDefinition, ModuleResult } from '../../plugins/module/types.js';
import type { ResultStatus } from '../events.js';
import { createKernel } from '../kernel.js';
import { runAdHoc } from './run-adhoc.js';

export interface TestModuleOptions {
  args?: Record<string, unknown> | string;
  /** The target: inventory name and variables (default: localhost through the local connection). */
  host?: { name?: string; vars?: Vars };
  check?: boolean;
  diff?: boolean;
  become?: boolean;
  becomeUser?: string;
  becomePassword?: string;
  /** Other plugins the module needs (a connection plugin under test, …). */
  plugins?: PluginEntry[];
  cwd?: string;
}

export interface TestModuleResult {
  status: ResultStatus;
  changed: boolean;
  result: ModuleResult;
}

/**
 * Runs one module once through the real engine, for module authors' tests: arguments are
 * validated and templated, become and the connection are real, and the result is what a playbook
 * would register.
 */
export async function testModule(module: ModuleDefinition<any> | string, options: TestModuleOptions = {}): Promise<TestModuleResult> {
  const cwd = options.cwd ?? process.cwd();
  const plugins = [...(options.plugins ?? []), ...(typeof module === 'string' ? [] : [module])];
  const kernel = await createKernel({ cwd, configFile: false, plugins, env: { ...process.env, TSIBLE_AUTO_DISCOVER: 'false' } });
  try {
    const name = options.host?.name ?? 'localhost';
    const hostVars = { ...(name === 'localhost' && !options.host?.vars?.ansible_connection ? { ansible_connection: 'local' } : {}), ...options.host?.vars };
    const result = await runAdHoc({
      kernel, cwd, pattern: name, inventory: [`${name},`], moduleName: typeof module === 'string' ? module : module.name,
      moduleArgs: options.args ?? {}, extraVars: hostVars, check: options.check, diff: options.diff,
      become: options.become, becomeUser: options.becomeUser, passwords: { becomePass: options.becomePassword },
    });
    const event = result.results[name];
    return { status: event?.status ?? 'skipped', changed: event?.changed ?? false, result: event?.result ?? {} };
  } finally {
    await kernel.dispose();
  }
}
