import { createKernel, type Kernel } from '../kernel.js';
import { Run, type RunOptions } from '../executor/run.js';
import { executePlaybooks } from '../executor/playbook-runner.js';
import type { VariableManager } from '../executor/variables.js';
import type { InventoryManager } from '../inventory/manager.js';
import { buildTemplar } from '../template/templar.js';
import type { Templar } from '../template/templar.js';
import { DataLoader } from '../yaml/data-loader.js';
import { VaultSecrets } from '../vault/secrets.js';
import { attachCallbacks } from '../callbacks/dispatcher.js';
import { runLookup } from '../executor/lookups.js';
import type { CallbackHandlers } from '../../plugins/callback/types.js';
import { CallbackBase, handlersOf } from './callback-base.js';
import type { Play } from './play.js';
import { runMagicVars } from './prepare.js';

export interface TaskQueueManagerOptions extends Omit<RunOptions, 'passwords'> {
  inventory: InventoryManager;
  variableManager: VariableManager;
  loader: DataLoader;
  /** Ansible's passwords dict: `{ vault_pass, conn_pass, become_pass }` (camelCase accepted too). */
  passwords?: { vault_pass?: string; conn_pass?: string; become_pass?: string; vaultPass?: string; connPass?: string; becomePass?: string };
  /** A CallbackBase (or handlers) that replaces the printed output, or the name of a stdout callback plugin. */
  stdoutCallback?: CallbackBase | CallbackHandlers | string;
  /** More callbacks, in addition. */
  callbacks?: Array<CallbackBase | CallbackHandlers>;
  /** Where a named stdout callback prints (default: process streams). */
  stdout?: NodeJS.WritableStream;
  stderr?: NodeJS.WritableStream;
  kernel?: Kernel;
  cwd?: string;
}

/**
 * Runs plays, as Ansible's TaskQueueManager: `await tqm.run(play)` returns Ansible's result code
 * (0, 2 failed hosts, 4 unreachable hosts); `await tqm.cleanup()` releases the kernel it created.
 * Every run has its own hooks, connections and state, so several managers may run at once.
 */
export class TaskQueueManager {
  private kernelPromise?: Promise<Kernel>;
  private templarPromise?: Promise<Templar>;
  private ownsKernel = false;

  constructor(private readonly options: TaskQueueManagerOptions) {}

  private kernel(): Promise<Kernel> {
    if (this.options.kernel) return Promise.resolve(this.options.kernel);
    this.ownsKernel = true;
    this.kernelPromise ??= createKernel({ cwd: this.options.cwd ?? this.options.loader.basedir });
    return this.kernelPromise;
  }

  private loader(): DataLoader {
    const p = this.options.passwords ?? {};
    const vaultPass = p.vault_pass ?? p.vaultPass;
    const loader = this.options.loader;
    if (!vaultPass || loader.vault) return loader;
    return new DataLoader({ basedir: loader.basedir, vault: new VaultSecrets([{ label: 'default', password: vaultPass }]) });
  }

  private runOptions(): RunOptions {
    const p = this.options.passwords ?? {};
    const { inventory: _i, variableManager: _v, loader: _l, passwords: _p, stdoutCallback: _s, callbacks: _c, ...rest } = this.options;
    return { ...rest, passwords: { connPass: p.conn_pass ?? p.connPass, becomePass: p.become_pass ?? p.becomePass } };
  }

  async run(play: Play): Promise<number> {
    const kernel = await this.kernel();
    this.templarPromise ??= buildTemplar(kernel, { lookup: async (name, terms, kwargs, vars) => runLookup(kernel, await this.templarPromise!, name, terms, kwargs, vars, { loader: this.loader() }) });
    const templar = await this.templarPromise;
    const options = this.runOptions();
    const run = new Run(options);
    kernel.hooks.run.call(run);
    const vm = this.options.variableManager;
    vm.setRunMagic(runMagicVars(kernel, options));
    vm.setTemplar(templar);
    const { stdoutCallback } = this.options;
    const custom = stdoutCallback !== undefined && typeof stdoutCallback !== 'string';
    const attached = await attachCallbacks(kernel, run, {
      stdout: custom ? discard() : this.options.stdout ?? process.stdout, stderr: this.options.stderr ?? process.stderr,
      verbosity: options.verbosity ?? 0, check: options.check === true, diff: options.diff === true,
      stdoutCallback: typeof stdoutCallback === 'string' ? stdoutCallback : undefined,
      extra: [...(custom ? [handlersOf(stdoutCallback)] : []), ...(this.options.callbacks ?? []).map(handlersOf)],
    });
    try {
      const node = await play.compile(kernel);
      return await executePlaybooks({ kernel, run, loader: this.loader(), templar, inventory: this.options.inventory, vm },
        [{ file: node.file, plays: [node] }], { playbookEvents: false });
    } finally {
      attached.detach();
    }
  }

  async cleanup(): Promise<void> {
    if (this.ownsKernel && this.kernelPromise) await (await this.kernelPromise).dispose();
  }
}

function discard(): NodeJS.WritableStream {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { Writable } = require('node:stream') as typeof import('node:stream');
  return new Writable({ write: (_c, _e, cb) => cb() });
}
