import { defineModule, shellQuote, type ModuleContext, type ModuleResult } from 'tsible';
import { sleep } from './_system/time.js';

interface RebootArgs {
  reboot_timeout: number; connect_timeout?: number; msg: string; pre_reboot_delay: number; post_reboot_delay: number;
  test_command: string; boot_time_command: string; reboot_command?: string; search_paths: string[];
}

/** Linux's default: shutdown with the delay in minutes (Ansible rounds seconds down to minutes). */
function rebootCommand(a: RebootArgs): string {
  if (a.reboot_command) return a.reboot_command;
  const minutes = Math.floor(a.pre_reboot_delay / 60);
  const paths = a.search_paths.map((p) => `${p}/shutdown`).join(' ');
  return `for s in ${paths}; do if [ -x "$s" ]; then exec "$s" -r +${minutes} ${shellQuote(a.msg)}; fi; done; echo "__TSIBLE_MISSING__ shutdown in paths: ${a.search_paths.join(':')}"; exit 127`;
}

async function bootId(ctx: ModuleContext<RebootArgs>): Promise<string> {
  const res = await ctx.exec(ctx.args.boot_time_command, { timeoutSeconds: ctx.args.connect_timeout ?? 10 });
  if (res.rc !== 0) throw new Error(`boot time command failed: ${res.stderr.trim()}`);
  return res.stdout.trim();
}

async function reset(ctx: ModuleContext<RebootArgs>): Promise<void> {
  try {
    await (await ctx.connection()).reset();
  } catch {
    // Not reachable yet.
  }
}

/** Waits until the boot id changes, then until test_command succeeds. */
async function waitForReboot(ctx: ModuleContext<RebootArgs>, before: string, deadline: number): Promise<string | undefined> {
  let last = '';
  let rebooted = false;
  while (Date.now() < deadline && !ctx.signal.aborted) {
    await reset(ctx);
    try {
      if (!rebooted) rebooted = (await bootId(ctx)) !== before;
      if (rebooted) {
        const test = await ctx.exec(ctx.args.test_command, { timeoutSeconds: ctx.args.connect_timeout ?? 10 });
        if (test.rc === 0) return undefined;
        last = `test command failed: ${test.stderr.trim() || test.stdout.trim()}`;
      }
    } catch (err) {
      last = (err as Error).message;
    }
    await sleep(1000, ctx.signal);
  }
  return last || 'boot id did not change';
}

/** Reboots the target, waits for it to come back (new boot id) and to pass test_command. */
export default defineModule<RebootArgs>({
  name: 'reboot',
  shortDescription: 'Reboot a machine',
  options: {
    reboot_timeout: { type: 'int', default: 600, description: 'Seconds to wait for the machine to come back.' },
    connect_timeout: { type: 'int', description: 'Seconds per connection attempt.' },
    msg: { type: 'str', default: 'Reboot initiated by Ansible', description: 'Message broadcast before rebooting.' },
    pre_reboot_delay: { type: 'int', default: 0, description: 'Seconds before rebooting (minutes granularity on Linux).' },
    post_reboot_delay: { type: 'int', default: 0, description: 'Seconds to wait after the machine is back.' },
    test_command: { type: 'str', default: 'whoami', description: 'Command that must succeed once the machine is back.' },
    boot_time_command: { type: 'str', default: 'cat /proc/sys/kernel/random/boot_id', description: 'Prints a value that changes on every boot.' },
    reboot_command: { type: 'str', description: 'Command that reboots (default: shutdown -r).' },
    search_paths: { type: 'list', elements: 'str', default: ['/sbin', '/bin', '/usr/sbin', '/usr/bin', '/usr/local/sbin'], description: 'Where to look for shutdown.' },
  },
  checkMode: 'full',
  async run(ctx): Promise<ModuleResult> {
    const a = ctx.args;
    if (ctx.check) return { changed: true, elapsed: 0, rebooted: true };
    const start = Date.now();
    let before: string;
    try {
      before = await bootId(ctx);
    } catch (err) {
      return { failed: true, changed: false, rebooted: false, msg: (err as Error).message };
    }
    const res = await ctx.exec(rebootCommand(a)).catch((err: Error) => ({ rc: -1, stdout: '', stderr: err.message }));
    if (res.stdout.includes('__TSIBLE_MISSING__')) return { failed: true, changed: false, rebooted: false, msg: `Failed to find required executable "shutdown" in paths: ${a.search_paths.join(':')}` };
    if (res.rc !== 0 && res.rc !== -1) return { failed: true, changed: false, rebooted: false, start: new Date(start).toISOString(), msg: `Reboot command failed. Error was: '${res.stderr.trim()}'` };
    const problem = await waitForReboot(ctx, before, start + (a.pre_reboot_delay + a.reboot_timeout) * 1000);
    const elapsed = Math.floor((Date.now() - start) / 1000);
    if (problem) return { failed: true, changed: true, rebooted: true, elapsed, msg: `Timed out waiting for last boot time check (timeout=${a.reboot_timeout}): ${problem}` };
    await sleep(a.post_reboot_delay * 1000, ctx.signal);
    return { changed: true, elapsed: Math.floor((Date.now() - start) / 1000), rebooted: true };
  },
});
