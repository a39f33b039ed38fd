import { randomUUID } from 'node:crypto';
import { createKernel } from '../kernel.js';
import type { RunStatsEvent, TaskResultEvent } from '../events.js';
import { Run } from '../executor/run.js';
import { executePlaybooks } from '../executor/playbook-runner.js';
import type { PlayNode } from '../playbook/model.js';
import { normaliseArgs, parseTask } from '../playbook/task-parser.js';
import { attachCallbacks } from '../callbacks/dispatcher.js';
import type { RunEntryOptions } from './run-playbook.js';
import { prepareRun } from './prepare.js';

export interface RunAdHocOptions extends RunEntryOptions {
  pattern: string;
  moduleName: string;
  /** `k=v` string or an object. */
  moduleArgs?: string | Record<string, unknown>;
  /** Also load the enabled (non-stdout) callbacks, as Ansible's bin_ansible_callbacks. */
  binAnsibleCallbacks?: boolean;
  /** `-t DIR`: write each host's result to DIR/<host> (the tree callback). */
  tree?: string;
  /** Run in the background with this timeout (seconds); poll every `poll` seconds. */
  background?: number;
  poll?: number;
}

export interface AdHocResult {
  exitCode: number;
  stats: RunStatsEvent;
  /** The last result per host (what `Runner` turns into contacted/dark). */
  results: Record<string, TaskResultEvent>;
  /** Hosts the pattern matched. */
  hosts: string[];
}

function adHocPlay(o: RunAdHocOptions, cwd: string): PlayNode {
  const args = normaliseArgs(o.moduleName, o.moduleArgs ?? {});
  const task = parseTask({ name: o.moduleName, [o.moduleName]: args }, { isHandler: false });
  task.name = undefined;
  // -B SECONDS / -P POLL: run in the background, as `async:` / `poll:` (poll defaults to 15, as ansible's).
  if (o.background) {
    task.async = o.background;
    task.poll = o.poll ?? 15;
  }
  return {
    uuid: randomUUID(), name: `Ansible Ad-Hoc`, hosts: o.pattern, file: `${cwd}/<ad-hoc>`, dir: cwd,
    keywords: {}, vars: {}, varsFiles: [], varsPrompt: [], gatherFacts: false, tags: [], when: [],
    preTasks: [], roles: [], roleTasks: [], tasks: [task], postTasks: [], handlers: [], raw: {},
  };
}

/** Runs one module against a host pattern, like the `ansible` command. */
export async function runAdHoc(o: RunAdHocOptions): Promise<AdHocResult> {
  const cwd = o.cwd ?? process.cwd();
  const kernel = o.kernel ?? (await createKernel({ cwd, ...o.kernelOptions }));
  try {
    const prepared = await prepareRun(kernel, { cwd, inventory: o.inventory, vault: o.vault, run: o, pattern: o.pattern });
    const run = new Run(o);
    kernel.hooks.run.call(run);
    const results: Record<string, TaskResultEvent> = {};
    for (const hook of [run.hooks.runnerOk, run.hooks.runnerFailed, run.hooks.runnerSkipped, run.hooks.runnerUnreachable]) {
      hook.tap('tsible:adhoc-results', (e) => {
        results[e.host] = e;
      });
    }
    const attached = o.output || o.callbacks?.length
      ? await attachCallbacks(kernel, run, {
        stdout: o.output?.stdout ?? process.stdout, stderr: o.output?.stderr ?? process.stderr,
        verbosity: o.verbosity ?? 0, check: o.check === true, diff: o.diff === true, color: o.output?.color,
        stdoutCallback: o.output?.stdoutCallback ?? 'minimal', extra: o.callbacks
      })
      : undefined;
    try {
      const exitCode = await executePlaybooks({ kernel, run, ...prepared }, [{ file: '<ad-hoc>', plays: [adHocPlay(o, cwd)] }]);
      return { exitCode, stats: run.stats.toEvent(), results, hosts: prepared.inventory.getHosts(o.pattern, { limit: o.limit }) };
    } finally {
      attached?.detach();
    }
  } finally {
    if (!o.kernel) await kernel.dispose();
  }
}
