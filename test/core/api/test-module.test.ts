import { defineModule, testModule } from 'tsible';

describe('testModule (the module authors\' helper)', () => {
  const hello = defineModule<{ name: string; shout: boolean }>({
    name: 'hello_test',
    options: { name: { type: 'str', required: true }, shout: { type: 'bool', default: false } },
    async run(ctx) {
      const r = await ctx.exec(`echo hello ${ctx.quote(ctx.args.name)}`);
      const msg = r.stdout.trim();
      return { changed: false, msg: ctx.args.shout ? msg.toUpperCase() : msg };
    },
  });

  test('runs a module through the real engine on localhost, with argument coercion', async () => {
    const r = await testModule(hello, { args: 'name="big world" shout=yes' });
    expect(r).toMatchObject({ status: 'ok', changed: false, result: { msg: 'HELLO BIG WORLD' } });
  });

  test('argument validation errors come back as a failed result', async () => {
    const r = await testModule(hello, { args: { nme: 'x' } });
    expect(r.status).toBe('failed');
    expect(r.result.msg).toContain('Unsupported parameters for (hello_test) module: nme');
  });

  test('a built-in by name', async () => {
    const r = await testModule('command', { args: 'echo built-in' });
    expect(r.result.stdout).toBe('built-in');
    expect(r.changed).toBe(true);
  });
});
