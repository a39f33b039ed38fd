import { defineModule } from 'tsible';

/** Checks that the host answers a shell command (no Python needed, unlike Ansible's ping). */
export default defineModule<{ data: string }>({
  name: 'ping',
  shortDescription: 'Try to connect to host, verify a usable shell and return pong on success',
  options: { data: { type: 'str', default: 'pong', description: 'Data to return; "crash" makes the module fail.' } },
  checkMode: 'full',
  async run(ctx) {
    if (ctx.args.data === 'crash') throw new Error('boom');
    const res = await ctx.exec('echo pong');
    if (res.rc !== 0) return { failed: true, changed: false, msg: `the host's shell did not answer: ${res.stderr.trim()}`, rc: res.rc };
    return { ping: ctx.args.data, changed: false };
  },
});
