import { randomBytes } from 'node:crypto';
import { parseBoolean } from '../config/coerce.js';
import type { Kernel } from '../kernel.js';
import type { InheritedKeywords } from '../playbook/model.js';
import type { Vars } from '../vars.js';
import type { BecomeRequest } from '../../plugins/connection/types.js';
import type { BecomeDefinition } from '../../plugins/become/types.js';
import type { RunOptions } from './run.js';

export interface BecomeSettings {
  enabled: boolean;
  method: string;
  user: string;
  flags?: string;
  exe?: string;
  password?: string;
}

function pick(...values: unknown[]): unknown {
  return values.find((v) => v !== undefined && v !== null);
}

/** Become settings of a task: task keywords > ansible_become* vars > command line > config. */
export function becomeSettings(kw: InheritedKeywords, vars: Vars, run: RunOptions, kernel: Kernel): BecomeSettings {
  const enabled = parseBoolean(pick(kw.become, vars.ansible_become, run.become, kernel.config.get('become'))) ?? false;
  return {
    enabled,
    method: String(pick(kw.become_method, vars.ansible_become_method, run.becomeMethod, kernel.config.get('become_method'))),
    user: String(pick(kw.become_user, vars.ansible_become_user, run.becomeUser, kernel.config.get('become_user'))),
    flags: pick(kw.become_flags, vars.ansible_become_flags, kernel.config.get('become_flags')) as string | undefined,
    exe: pick(kw.become_exe, vars.ansible_become_exe) as string | undefined,
    password: pick(vars.ansible_become_password, vars.ansible_become_pass, run.passwords?.becomePass) as string | undefined,
  };
}

/** Builds the become request wrapper for one command, or undefined when the task does not become. */
export async function becomeWrapper(kernel: Kernel, s: BecomeSettings): Promise<((cmd: string) => BecomeRequest) | undefined> {
  if (!s.enabled) return undefined;
  const plugin: BecomeDefinition = await kernel.resolve('become', s.method);
  return (command) => plugin.wrap(command, {
    user: s.user, flags: s.flags || undefined, exe: s.exe, password: s.password,
    id: randomBytes(16).toString('hex'),
  });
}
