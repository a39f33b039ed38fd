/**
 * Connects callback plugins to one run: picks them (select.ts), creates their handlers, and taps
 * every event hook of the run and the kernel's log hook. A callback that throws is reported once,
 * as a warning naming it, and the run goes on: output must never be what breaks a deployment.
 */
import { Stage, type RunEventName } from '../hooks.js';
import type { Kernel } from '../kernel.js';
import type { Run } from '../executor/run.js';
import type { LogEntry } from '../events.js';
import type { CallbackDefinition, CallbackHandlers } from '../../plugins/callback/types.js';
import { buildContext, type OutputOptions } from './context.js';
import { cleanEvent } from './clean-result.js';
import { selectCallbacks } from './select.js';

export interface AttachOptions extends OutputOptions {
  /** A definition or a name; default: the stdout_callback setting, else `default`. */
  stdoutCallback?: CallbackDefinition | string;
  /** Handlers added after the configured callbacks (API users, tests). */
  extra?: CallbackHandlers[];
}

export interface AttachedCallbacks {
  /** Stops all output for this run and removes the log tap; runs each callback's `close`. */
  detach(): void;
  /** Names of the active callbacks, stdout callback first. */
  readonly names: readonly string[];
}

interface Active {
  name: string;
  handlers: CallbackHandlers;
  failed: boolean;
}

/** The event hooks of a run (its transforms, `command` and `moduleResult`, are not events). */
export function runEventNames(run: Run): RunEventName[] {
  return (Object.keys(run.hooks) as Array<keyof Run['hooks']>)
    .filter((k): k is RunEventName => k !== 'command' && k !== 'moduleResult');
}

export async function attachCallbacks(kernel: Kernel, run: Run, options: AttachOptions): Promise<AttachedCallbacks> {
  const warn = (message: string, origin = 'callbacks') => kernel.emitLog({ level: 'warning', message, origin });
  const settings = kernel.settings;
  const active: Active[] = [];
  for (const def of await selectCallbacks(kernel, options.stdoutCallback, warn)) {
    try {
      const ctx = buildContext(def, options, settings, (m) => warn(m, def.name));
      active.push({ name: def.name, handlers: def.create(ctx), failed: false });
    } catch (err) {
      warn(`Skipping callback plugin '${def.name}': it failed to start: ${(err as Error).message}`, def.name);
    }
  }
  (options.extra ?? []).forEach((handlers, i) => active.push({ name: `extra #${i + 1}`, handlers, failed: false }));

  let attached = true;
  const report = (cb: Active, where: string, err: unknown) => {
    if (cb.failed) return;
    cb.failed = true;
    const message = `Failure using method (${where}) in callback plugin '${cb.name}': ${(err as Error)?.message ?? String(err)}`;
    if (where === 'log') options.stderr.write(`[WARNING]: ${message}\n`);
    else warn(message, cb.name);
  };
  const before = () => {
    for (const cb of active) {
      try {
        cb.handlers.beforeEvent?.();
      } catch (err) {
        report(cb, 'beforeEvent', err);
      }
    }
  };

  for (const name of runEventNames(run)) {
    run.hooks[name].tapPromise({ name: 'tsible:callbacks', stage: Stage.BUILTIN }, async (event: unknown) => {
      if (!attached) return;
      before();
      for (const cb of active) {
        const fn = cb.handlers[name] as ((e: unknown) => void | Promise<void>) | undefined;
        if (!fn) continue;
        try {
          await fn.call(cb.handlers, cleanEvent(event));
        } catch (err) {
          report(cb, name, err);
        }
      }
    });
  }

  const logTap = (entry: LogEntry): true | undefined => {
    if (!attached) return undefined;
    before();
    let printed = false;
    for (const cb of active) {
      if (!cb.handlers.log) continue;
      try {
        if (cb.handlers.log(entry) === true) printed = true;
      } catch (err) {
        report(cb, 'log', err);
      }
    }
    return printed ? true : undefined;
  };
  kernel.hooks.log.tap({ name: `tsible:callbacks:${run.id}`, stage: Stage.POST }, logTap);

  return {
    names: active.map((a) => a.name),
    detach() {
      if (!attached) return;
      attached = false;
      const hook = kernel.hooks.log as typeof kernel.hooks.log & { _resetCompilation?: () => void };
      hook.taps = hook.taps.filter((t) => t.fn !== logTap);
      hook._resetCompilation?.();
      for (const cb of active) {
        try {
          void Promise.resolve(cb.handlers.close?.()).catch((err) => report(cb, 'close', err));
        } catch (err) {
          report(cb, 'close', err);
        }
      }
    },
  };
}
