import { defineModule } from 'tsible';

/** Runs a command line as-is through the target's shell (or `executable`), without any wrapping. */
export default defineModule<{ free_form?: string; executable?: string }>({
  name: 'raw',
  shortDescription: 'Executes a low-down and dirty command',
  freeForm: 'free_form',
  options: {
    free_form: { type: 'str', required: true, description: 'The command line to run.' },
    executable: { type: 'path', description: 'Shell to run the command with (`<executable> -c <command>`).' },
  },
  checkMode: 'none',
  async run(ctx) {
    const cmd = String(ctx.args.free_form ?? '');
    const line = ctx.args.executable ? `${ctx.quote(ctx.args.executable)} -c ${ctx.quote(cmd)}` : cmd;
    const res = await ctx.exec(line);
    return {
      changed: true, rc: res.rc, stdout: res.stdout, stderr: res.stderr,
      ...(res.rc !== 0 ? { failed: true, msg: 'non-zero return code' } : {}),
    };
  },
});
