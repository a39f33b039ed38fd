import { defineModule } from 'tsible';

interface AssertArgs { that: unknown[]; fail_msg?: unknown; success_msg?: unknown; quiet: boolean }

/** Evaluates bare Jinja expressions; fails on the first false one, as Ansible's assert does. */
export default defineModule<AssertArgs>({
  name: 'assert',
  shortDescription: 'Asserts given expressions are true',
  options: {
    that: { type: 'list', required: true, description: 'Expressions that must all be true.' },
    fail_msg: { type: 'raw', aliases: ['msg'], description: 'Message on failure.' },
    success_msg: { type: 'raw', description: 'Message on success.' },
    quiet: { type: 'bool', default: false, description: 'Print less.' },
  },
  checkMode: 'full',
  controllerOnly: true,
  async run(ctx) {
    for (const cond of ctx.args.that) {
      if (!(await ctx.conditional(cond))) {
        return { failed: true, changed: false, assertion: cond, evaluated_to: false,
          msg: (ctx.args.fail_msg as string | undefined) ?? 'Assertion failed' };
      }
    }
    return { changed: false, msg: (ctx.args.success_msg as string | undefined) ?? 'All assertions passed',
      ...(ctx.args.quiet ? { _ansible_verbose_always: false } : {}) };
  },
});
