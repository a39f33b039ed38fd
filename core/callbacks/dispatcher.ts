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
  /**
   * Only the stdout callback, none of callbacks_enabled: ad-hoc `ansible` without
   * bin_ansible_callbacks, as in Ansible.
   */
  onlyStdout?: boolean;
  /** Callbacks enabled for this run in addition to callbacks_enabled (`ansible -t DIR` enables tree). */
  enable?: string[];
  /** Options per callback name for this run; they win over config and environment. */
  callbackOptions?: Record<string, Record<string, unknown>>;
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

/** The active callbacks of one run, and how a failure inside one of them is reported. */
class CallbackSet {
  attached = true;
  constructor(readonly active: Active[], private readonly warn: (message: string, origin: string) => void,
    private readonly stderr: NodeJS.WritableStream) {}

  report(cb: Active, where: string, err: unknown): void {
    if (cb.failed) return;
    cb.failed = true;
    const message = `Failure using method (${where}) in callback plugin '${cb.name}': ${(err as Error)?.message ?? String(err)}`;
    // A log handler that fails cannot be trusted to print its own warning.
    if (where === 'log') this.stderr.write(`[WARNING]: ${message}\n`);
    else this.warn(message, cb.name);
  }

  before(): void {
    for (const cb of this.active) {
      try {
        cb.handlers.beforeEvent?.();
      } catch (err) {
        this.report(cb, 'beforeEvent', err);
      }
    }
  }

  async dispatch(name: RunEventName, event: unknown): Promise<void> {
    if (!this.attached) return;
    this.before();
    for (const cb of this.active) {
      const fn = cb.handlers[name] as ((e: unknown) => void | Promise<void>) | undefined;
      if (!fn) continue;
      try {
        await fn.call(cb.handlers, cleanEvent(event));
      } catch (err) {
        this.report(cb, name, err);
      }
    }
  }

  log(entry: LogEntry): true | undefined {
    if (!this.attached) return undefined;
    this.before();
    let printed = false;
    for (const cb of this.active) {
      if (!cb.handlers.log) continue;
      try {
        if (cb.handlers.log(entry) === true) printed = true;
      } catch (err) {
        this.report(cb, 'log', err);
      }
    }
    return printed ? true : undefined;
  }

  close(): void {
    this.attached = false;
    for (const cb of this.active) {
      try {
        void Promise.resolve(cb.handlers.close?.()).catch((err) => this.report(cb, 'close', err));
      } catch (err) {
        this.report(cb, 'close', err);
      }
    }
  }
}

async function createCallbacks(kernel: Kernel, options: AttachOptions, warn: (message: string, origin: string) => void): Promise<Active[]> {
  const active: Active[] = [];
  for (const def of await selectCallbacks(kernel, options.stdoutCallback, (m) => warn(m, 'callbacks'), options.onlyStdout, options.enable)) {
    try {
      const ctx = buildContext(def, options, kernel.settings, (m) => warn(m, def.name));
      active.push({ name: def.name, handlers: def.create(ctx), failed: false });
    } catch (err) {
      warn(`Skipping callback plugin '${def.name}': it failed to start: ${(err as Error).message}`, def.name);
    }
  }
  (options.extra ?? []).forEach((handlers, i) => active.push({ name: `extra #${i + 1}`, handlers, failed: false }));
  return active;
}

export async function attachCallbacks(kernel: Kernel, run: Run, options: AttachOptions): Promise<AttachedCallbacks> {
  const warn = (message: string, origin: string) => kernel.emitLog({ level: 'warning', message, origin });
  const set = new CallbackSet(await createCallbacks(kernel, options, warn), warn, options.stderr);
  for (const name of runEventNames(run)) {
    run.hooks[name].tapPromise({ name: 'tsible:callbacks', stage: Stage.BUILTIN }, (event: unknown) => set.dispatch(name, event));
  }
  const logTap = (entry: LogEntry) => set.log(entry);
  // After other taps, so a plugin that only watches log lines still sees the ones printed here.
  kernel.hooks.log.tap({ name: `tsible:callbacks:${run.id}`, stage: Stage.POST }, logTap);
  return {
    names: set.active.map((a) => a.name),
    detach() {
      if (!set.attached) return;
      const hook = kernel.hooks.log as typeof kernel.hooks.log & { _resetCompilation?: () => void };
      hook.taps = hook.taps.filter((t) => t.fn !== logTap);
      hook._resetCompilation?.();
      set.close();
    },
  };
}
