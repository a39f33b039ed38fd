/**
 * Which callbacks a run uses, as Ansible's TaskQueueManager.load_callbacks decides: exactly one
 * stdout callback (`stdout_callback`), every callback named in `callbacks_enabled`, and every
 * other known callback that does not need enabling. Collection names of the usual Ansible
 * callbacks (`ansible.posix.profile_tasks`, `community.general.yaml`) map to the built-ins.
 */
import { ConfigError, isTsibleError } from '../errors.js';
import type { Kernel } from '../kernel.js';
import type { CallbackDefinition } from '../../plugins/callback/types.js';

async function resolveCallback(kernel: Kernel, name: string): Promise<CallbackDefinition> {
  try {
    return await kernel.resolve('callback', name);
  } catch (err) {
    const short = name.slice(name.lastIndexOf('.') + 1);
    if (short !== name && isTsibleError(err) && err.code === 'TSIBLE_PLUGIN_NOT_FOUND' && kernel.registry.has('callback', short)) {
      return kernel.resolve('callback', short);
    }
    throw err;
  }
}

export async function selectCallbacks(kernel: Kernel, stdoutCallback: CallbackDefinition | string | undefined,
  warn: (message: string) => void, onlyStdout = false, enable: readonly string[] = []): Promise<CallbackDefinition[]> {
  const stdoutDef = typeof stdoutCallback === 'object'
    ? stdoutCallback
    : await resolveCallback(kernel, stdoutCallback ?? kernel.config.string('stdout_callback') ?? 'default');
  if (stdoutDef.callbackType !== 'stdout') {
    throw new ConfigError(`callback '${stdoutDef.name}' cannot be the stdout callback: it is a ${stdoutDef.callbackType} callback`,
      { hints: ['add it to callbacks_enabled instead, and keep stdout_callback for one of: default, minimal, oneline, json, yaml'] });
  }
  const chosen = [stdoutDef];
  const names = new Set([stdoutDef.name]);
  if (onlyStdout) {
    for (const name of enable) {
      const def = await resolveCallback(kernel, name);
      if (!names.has(def.name)) chosen.push(def);
      names.add(def.name);
    }
    return chosen;
  }
  for (const name of [...kernel.config.list('callbacks_enabled'), ...enable]) {
    let def: CallbackDefinition;
    try {
      def = await resolveCallback(kernel, name);
    } catch (err) {
      warn(`Skipping callback plugin '${name}', unable to load: ${(err as Error).message.split('\n')[0]}`);
      continue;
    }
    if (names.has(def.name) || def.callbackType === 'stdout') continue;
    names.add(def.name);
    chosen.push(def);
  }
  for (const candidate of kernel.registry.all('callback')) {
    // Built-ins other than the stdout ones and `progress` (always on, on a terminal) need enabling:
    // loading them only to ask would slow every run's start. Other plugins are asked.
    if (names.has(candidate.name) || (candidate.origin === 'builtin' && candidate.name !== 'progress')) continue;
    names.add(candidate.name);
    let def: CallbackDefinition;
    try {
      def = await kernel.registry.load<'callback'>(candidate);
    } catch (err) {
      warn(`Skipping callback plugin '${candidate.name}' (${candidate.location}), unable to load: ${(err as Error).message.split('\n')[0]}`);
      continue;
    }
    if (def.needsEnabled !== true && def.callbackType !== 'stdout') chosen.push(def);
  }
  return chosen;
}
