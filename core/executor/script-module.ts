import type { ModuleDefinition } from '../../plugins/module/types.js';
import { TsibleError } from '../errors.js';

/**
 * A user's non-JS module from library/ (shell script, binary, WANT_JSON), run on the target the
 * way Ansible runs it. Filled in by the module-library work (issue 7).
 */
export function scriptModule(name: string, path: string): ModuleDefinition {
  return {
    kind: 'module',
    name,
    async run() {
      throw new TsibleError('TSIBLE_PLUGIN_INVALID', `script module ${path} cannot run yet: non-JS modules are not supported in this version`);
    },
  };
}
