import { defineModule, type ModuleContext } from 'tsible';
import { sleep } from './_system/time.js';

interface WaitForConnectionArgs { connect_timeout: number; delay: number; sleep: number; timeout: number }

/** One probe: forget the old connection, connect again and run a trivial command. */
async function probe(ctx: ModuleContext<WaitForConnectionArgs>): Promise<void> {
  const res = await ctx.exec('echo ping', { timeoutSeconds: ctx.args.connect_timeout });
  if (res.rc !== 0 || res.stdout.trim() !== 'ping') throw new Error(`probe returned rc ${res.rc}: ${res.stderr.trim()}`);
}

async function resetQuietly(ctx: ModuleContext<WaitForConnectionArgs>): Promise<void> {
  try {
    await (await ctx.connection()).reset();
  } catch {
    // The host is still away: nothing to reset.
  }
}

/** Waits until the target answers over its connection again (after a reboot or a network change). */
export default defineModule<WaitForConnectionArgs>({
  name: 'wait_for_connection',
  shortDescription: 'Waits until remote system is reachable/usable',
  options: {
    connect_timeout: { type: 'int', default: 5, description: 'Seconds to wait for one connection attempt.' },
    delay: { type: 'int', default: 0, description: 'Seconds to wait before the first attempt.' },
    sleep: { type: 'int', default: 1, description: 'Seconds between attempts.' },
    timeout: { type: 'int', default: 600, description: 'Seconds to wait in total.' },
  },
  checkMode: 'full',
  async run(ctx) {
    if (ctx.check) return { changed: false, skipped: true };
    const start = Date.now();
    const deadline = start + ctx.args.timeout * 1000;
    await sleep(ctx.args.delay * 1000, ctx.signal);
    let lastError = '';
    for (;;) {
      try {
        await probe(ctx);
        return { changed: false, elapsed: Math.floor((Date.now() - start) / 1000) };
      } catch (err) {
        lastError = (err as Error).message;
      }
      if (Date.now() + ctx.args.sleep * 1000 >= deadline || ctx.signal.aborted) break;
      await resetQuietly(ctx);
      await sleep(ctx.args.sleep * 1000, ctx.signal);
    }
    return { failed: true, changed: false, elapsed: Math.floor((Date.now() - start) / 1000),
      msg: `timed out waiting for ping module test: ${lastError}` };
  },
});
