import { defineModule } from 'tsible';

export default defineModule<{ msg: unknown }>({
  name: 'fail',
  shortDescription: 'Fail with custom message',
  options: { msg: { type: 'raw', default: 'Failed as requested from task', description: 'The failure message.' } },
  checkMode: 'full',
  controllerOnly: true,
  async run(ctx) {
    return { failed: true, changed: false, msg: ctx.args.msg as string };
  },
});
