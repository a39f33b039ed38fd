import { dirname, resolve } from 'node:path';
import { createKernel, type Kernel, type KernelOptions } from '../kernel.js';
import type { RunStatsEvent } from '../events.js';
import type { CallbackHandlers } from '../../plugins/callback/types.js';
import { Run, type RunOptions } from '../executor/run.js';
import { executePlaybooks } from '../executor/playbook-runner.js';
import { loadPlaybook } from '../playbook/playbook-loader.js';
import type { PlaybookNode } from '../playbook/model.js';
import { attachCallbacks } from '../callbacks/dispatcher.js';
import type { VaultSecrets } from '../vault/secrets.js';
import { prepareRun } from './prepare.js';
import { refreshTemplar } from '../template/templar.js';

export interface OutputOptions {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  /** Overrides the stdout_callback setting. */
  stdoutCallback?: string;
  color?: boolean;
}

/** What runPlaybook and runAdHoc share: where to run, with which kernel, and where output goes. */
export interface RunEntryOptions extends RunOptions {
  /** Inventory sources (paths, directories or host lists); default: the `inventory` setting. */
  inventory?: string[];
  cwd?: string;
  /** Reuse a kernel (plugins, config); otherwise one is created and disposed. */
  kernel?: Kernel;
  kernelOptions?: KernelOptions;
  vault?: VaultSecrets;
  /** Print through callbacks (the CLI passes process streams). */
  output?: OutputOptions;
  /** Extra callback handlers (API users), in addition to the configured ones. */
  callbacks?: CallbackHandlers[];
}

export interface RunPlaybookOptions extends RunEntryOptions {
  playbooks: string[];
  /** Parse everything, run nothing. */
  syntaxCheck?: boolean;
  /** Called with the Run before anything executes (to tap its hooks). */
  onRun?: (run: Run) => void;
}

export interface PlaybookRunResult {
  exitCode: number;
  stats: RunStatsEvent;
  playbooks: PlaybookNode[];
}

/** Loads and runs playbooks like ansible-playbook. The exit code follows Ansible's. */
export async function runPlaybook(opts: RunPlaybookOptions): Promise<PlaybookRunResult> {
  const cwd = opts.cwd ?? process.cwd();
  const kernel = opts.kernel ?? (await createKernel({ cwd, ...opts.kernelOptions }));
  try {
    const playbookDir = dirname(resolve(cwd, opts.playbooks[0] ?? '.'));
    const prepared = await prepareRun(kernel, { cwd, inventory: opts.inventory, playbookDir, vault: opts.vault, run: opts });
    const ctx = { loader: prepared.loader, kernel, rolesPath: kernel.config.list('roles_path'), extraVars: opts.extraVars ?? {} };
    const playbooks: PlaybookNode[] = [];
    for (const file of opts.playbooks) playbooks.push({ ...(await loadPlaybook(resolve(cwd, file), ctx)), name: file });
    // Roles registered their own filter_plugins/ and test_plugins/ while loading.
    await refreshTemplar(kernel, prepared.templar);
    const run = new Run(opts);
    if (opts.syntaxCheck) return { exitCode: 0, stats: run.stats.toEvent(), playbooks };
    kernel.hooks.run.call(run);
    opts.onRun?.(run);
    const attached = opts.output || opts.callbacks?.length
      ? await attachCallbacks(kernel, run, {
        stdout: opts.output?.stdout ?? devNull(), stderr: opts.output?.stderr ?? devNull(),
        verbosity: opts.verbosity ?? kernel.config.number('verbosity'), check: opts.check === true, diff: opts.diff === true,
        color: opts.output?.color, stdoutCallback: opts.output ? opts.output.stdoutCallback : undefined,
        extra: opts.callbacks
      })
      : undefined;
    try {
      const exitCode = await executePlaybooks({ kernel, run, ...prepared }, playbooks);
      return { exitCode, stats: run.stats.toEvent(), playbooks };
    } finally {
      attached?.detach();
    }
  } finally {
    if (!opts.kernel) await kernel.dispose();
  }
}

function devNull(): NodeJS.WritableStream {
  const { Writable } = require('node:stream') as typeof import('node:stream');
  return new Writable({ write: (_c, _e, cb) => cb() });
}
