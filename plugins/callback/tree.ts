import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { defineCallback, type CallbackContext, type CallbackHandlers, type TaskResultEvent } from 'tsible';
import { dumpResult } from './_format/results.js';
import { stringOption } from './_format/options.js';

/** Writes each host's latest result as JSON into `<directory>/<host>` (Ansible's tree, `ansible -t DIR`). */
class TreeWriter implements CallbackHandlers {
  private readonly dir: string;
  constructor(private readonly ctx: CallbackContext) {
    this.dir = stringOption(ctx, 'directory', join(ctx.env?.HOME ?? '', '.ansible', 'tree'));
  }

  private write(e: TaskResultEvent): void {
    try {
      mkdirSync(this.dir, { recursive: true });
    } catch (err) {
      this.ctx.warn?.(`Unable to access or create the configured directory (${this.dir}): ${(err as Error).message}`);
    }
    try {
      writeFileSync(join(this.dir, e.host), dumpResult(e.result, { verbosity: this.ctx.verbosity }));
    } catch (err) {
      this.ctx.warn?.(`Unable to write to ${e.host}'s file: ${(err as Error).message}`);
    }
  }

  runnerOk(e: TaskResultEvent): void { this.write(e); }
  runnerFailed(e: TaskResultEvent): void { this.write(e); }
  runnerUnreachable(e: TaskResultEvent): void { this.write(e); }
}

export default defineCallback({
  name: 'tree',
  callbackType: 'notification',
  needsEnabled: true,
  shortDescription: 'Save each host\'s last result as a JSON file in a directory',
  options: { directory: { type: 'path', description: 'Directory of the per-host files (default ~/.ansible/tree).' } },
  optionEnv: { directory: ['ANSIBLE_CALLBACK_TREE_DIR'] },
  create: (ctx) => new TreeWriter(ctx),
});
