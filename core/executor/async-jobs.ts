import { randomInt } from 'node:crypto';
import type { TaskNode } from '../playbook/model.js';
import type { ModuleResult } from '../../plugins/module/types.js';
import type { Invocation } from './invocation.js';
import type { TaskExecutorDeps } from './task-executor.js';

/** Resolves to the module's result, or to Ansible's timeout failure after `seconds` (aborting the module). */
export async function withTimeout(work: Promise<ModuleResult>, seconds: number | undefined, controller: AbortController | undefined,
  message = `The command action failed to execute in the expected time frame (${seconds}) and was terminated`): Promise<ModuleResult> {
  if (!seconds || seconds <= 0) return work;
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<ModuleResult>((resolve) => {
    timer = setTimeout(() => {
      controller?.abort();
      resolve({ failed: true, changed: false, msg: message, timedout: { period: seconds } });
    }, seconds * 1000);
  });
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** The job status file Ansible's async_status reads: `~/.ansible_async/<jid>` on the target. */
async function writeJobFile(inv: Invocation, jid: string, data: ModuleResult): Promise<void> {
  const json = JSON.stringify(data).replace(/'/g, `'"'"'`);
  await inv.ctx.exec(`mkdir -p "$HOME/.ansible_async" && printf '%s' '${json}' > "$HOME/.ansible_async/${jid}"`).catch(() => undefined);
}

interface AsyncRequest { host: string; task: TaskNode; seconds: number; poll: number }

/**
 * `async:` tasks. The module runs on the controller as every module does, so its work goes on
 * while the play moves on (`poll: 0`) or while this host polls. Its status is mirrored to the
 * target's ~/.ansible_async/<jid> so `async_status` works as in Ansible. Jobs end with the run:
 * the run waits for them before it closes connections (they do not outlive tsible).
 */
export async function runAsync(d: TaskExecutorDeps, inv: Invocation, req: AsyncRequest): Promise<ModuleResult> {
  const jid = `j${randomInt(1e11, 1e12)}.${process.pid}`;
  const header = { ansible_job_id: jid, results_file: `~/.ansible_async/${jid}` };
  await writeJobFile(inv, jid, { started: 1, finished: 0, ...header });
  const job = withTimeout(inv.def.run(inv.ctx), req.seconds, inv.controller,
    `async task did not complete within the requested time - ${req.seconds}s`)
    .catch((err: unknown): ModuleResult => ({ failed: true, msg: (err as Error).message }))
    .then(async (result) => {
      const final = { ...result, ...header, started: 1, finished: 1 };
      await writeJobFile(inv, jid, final);
      return final;
    });
  d.run.asyncJobs.set(jid, job);
  if (req.poll <= 0) return { changed: true, started: 1, finished: 0, ...header };
  const view = d.view(req.task);
  for (;;) {
    const done = await Promise.race([job, new Promise<undefined>((r) => setTimeout(r, req.poll * 1000))]);
    if (done) {
      await d.emit(done.failed ? 'asyncFailed' : 'asyncOk', { host: req.host, task: view, jobId: jid, result: done });
      return done;
    }
    await d.emit('asyncPoll', { host: req.host, task: view, jobId: jid, result: { started: 1, finished: 0, ...header } });
  }
}
