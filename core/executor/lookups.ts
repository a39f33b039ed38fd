import type { Kernel } from '../kernel.js';
import { createLogger } from '../logger.js';
import type { Vars } from '../vars.js';
import type { Templar } from '../template/templar.js';
import { TsibleError } from '../errors.js';

/**
 * Runs a lookup plugin on the controller. `errors` (strict|warn|ignore) and `wantlist` are
 * handled by the caller's template function; here a failure is reported with the lookup's name.
 */
export interface LookupCallContext {
  /** The run's DataLoader (vaulted controller files). */
  loader?: { readFile(path: string): Promise<Buffer> };
  /** The task's action, for `with_<lookup>` loops (first_found searches templates/ or vars/). */
  taskAction?: string;
}

export async function runLookup(kernel: Kernel, templar: Templar, name: string, terms: unknown[], kwargs: Vars,
  vars: Vars, call: LookupCallContext = {}): Promise<unknown[]> {
  const def = await kernel.resolve('lookup', name);
  const { errors = 'strict', wantlist: _wantlist, ...options } = kwargs;
  const searchPaths = Array.isArray(vars.ansible_search_path)
    ? vars.ansible_search_path.map(String)
    : [vars.role_path, vars.playbook_dir].filter((p): p is string => typeof p === 'string');
  try {
    const out = await def.run(terms, options, {
      vars, searchPaths,
      template: (value, extra) => templar.template(value, extra ? { ...vars, ...extra } : vars),
      log: createLogger((e) => kernel.emitLog(e), `lookup:${name}`),
      loader: call.loader, settings: kernel.settings, taskAction: call.taskAction,
    });
    return Array.isArray(out) ? out : [out];
  } catch (err) {
    if (errors === 'ignore') return [];
    if (errors === 'warn') {
      kernel.log.warn(`An unhandled exception occurred while running the lookup plugin '${name}': ${(err as Error).message}`);
      return [];
    }
    throw new TsibleError('TSIBLE_TEMPLATE',
      `An unhandled exception occurred while running the lookup plugin '${name}'. Error was: ${(err as Error).message}`, { cause: err });
  }
}
