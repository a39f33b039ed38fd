import { defineModule } from 'tsible';

/** Prints a message or a variable; runs on the controller only. */
export default defineModule<{ msg?: unknown; var?: string; verbosity: number }>({
  name: 'debug',
  shortDescription: 'Print statements during execution',
  options: {
    msg: { type: 'raw', description: 'The message to print (default "Hello world!").' },
    var: { type: 'str', description: 'A variable name to print (templated as a bare expression).' },
    verbosity: { type: 'int', default: 0, description: 'Only print at this -v level or above.' },
  },
  checkMode: 'full',
  controllerOnly: true,
  async run(ctx) {
    if (ctx.args.msg !== undefined && ctx.args.var !== undefined) {
      return { failed: true, msg: 'parameters are mutually exclusive: msg|var' };
    }
    const verbosity = Number(ctx.vars.ansible_verbosity ?? 0);
    if (verbosity < ctx.args.verbosity) {
      return { skipped: true, changed: false, skipped_reason: 'Verbosity threshold not met.' };
    }
    if (ctx.args.var !== undefined) {
      const name = ctx.args.var;
      let value: unknown;
      try {
        value = await ctx.template(`{{ ${name} }}`);
      } catch {
        value = 'VARIABLE IS NOT DEFINED!';
      }
      return { [name]: value, changed: false, _ansible_verbose_always: true };
    }
    return { msg: (ctx.args.msg ?? 'Hello world!') as string, changed: false, _ansible_verbose_always: true };
  },
});
