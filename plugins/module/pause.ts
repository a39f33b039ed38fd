import { createInterface } from 'node:readline';
import { defineModule, type ModuleContext } from 'tsible';
import { pyFloat, pyNow, sleep } from './_system/time.js';

interface PauseArgs { minutes?: number; seconds?: number; prompt?: string; echo: boolean }

/** Reads one line from an interactive controller stdin; resolves '' when stdin is not a terminal. */
function readLine(prompt: string, signal: AbortSignal): Promise<string> {
  if (!process.stdin.isTTY) return Promise.resolve('');
  return new Promise((resolve) => {
    const rl = createInterface({ input: process.stdin, output: process.stdout });
    const done = (s: string) => { rl.close(); resolve(s); };
    signal.addEventListener('abort', () => done(''), { once: true });
    rl.question(`${prompt} `, done);
  });
}

/** Waits a number of seconds/minutes, or for Enter when a prompt is given and stdin is a terminal. */
export default defineModule<PauseArgs>({
  name: 'pause',
  shortDescription: 'Pause playbook execution',
  bypassHostLoop: true,
  checkMode: 'full',
  options: {
    minutes: { type: 'int', description: 'Minutes to pause for.' },
    seconds: { type: 'int', description: 'Seconds to pause for.' },
    prompt: { type: 'str', description: 'Text shown while waiting for input.' },
    echo: { type: 'bool', default: true, description: 'Show what is typed at the prompt.' },
  },
  async run(ctx: ModuleContext<PauseArgs>) {
    const { minutes, seconds, prompt, echo } = ctx.args;
    if (minutes !== undefined && seconds !== undefined) {
      return { failed: true, changed: false, msg: 'parameters are mutually exclusive: minutes|seconds' };
    }
    const unit = seconds !== undefined ? 'seconds' : 'minutes';
    const wait = minutes !== undefined ? minutes * 60 : seconds;
    const startedAt = Date.now();
    const start = pyNow();
    let userInput = '';
    const warnings: string[] = [];
    if (wait !== undefined) {
      ctx.log.info(`Pausing for ${wait} seconds`);
      await sleep(Math.max(wait, 0) * 1000, ctx.signal);
    } else if (process.stdin.isTTY) {
      userInput = await readLine(`${prompt ?? 'Press enter to continue, Ctrl+C to interrupt'}${echo ? '' : ' (output is hidden)'}:`, ctx.signal);
    } else {
      warnings.push('Not waiting for response to prompt as stdin is not interactive');
    }
    const elapsed = (Date.now() - startedAt) / 1000;
    const shown = Math.round((unit === 'minutes' ? elapsed / 60 : elapsed) * 100) / 100;
    return {
      changed: false, rc: 0, stderr: '', stdout: `Paused for ${pyFloat(shown)} ${unit}`, start, stop: pyNow(),
      delta: Math.floor(elapsed), echo, user_input: userInput, ...(warnings.length ? { warnings } : {}),
    };
  },
});
