import { createKernelHooks, createRunHooks } from 'tsible';

/** Pins the hook catalogue: adding, removing or retyping a hook must be a deliberate change (docs/hooks.md). */
describe('hook catalogue', () => {
  const shape = (hooks: Record<string, object>) =>
    Object.fromEntries(Object.entries(hooks).map(([name, hook]) => [name, hook.constructor.name]));

  test('kernel hooks', () => {
    expect(shape(createKernelHooks())).toEqual({
      afterPlugins: 'SyncHook', templateEnvironment: 'SyncHook', inventorySources: 'SyncWaterfallHook',
      inventoryLoaded: 'AsyncSeriesHook', run: 'SyncHook', log: 'SyncBailHook', shutdown: 'AsyncParallelHook',
    });
  });

  test('run hooks', () => {
    const events = ['playbookStart', 'varsPrompt', 'playStart', 'noHostsMatched', 'noHostsRemaining', 'taskStart', 'handlerTaskStart',
      'runnerStart', 'runnerOk', 'runnerFailed', 'runnerSkipped', 'runnerUnreachable', 'itemOk', 'itemFailed',
      'itemSkipped', 'runnerRetry', 'asyncPoll', 'asyncOk', 'asyncFailed', 'fileDiff', 'notify', 'include', 'stats'];
    expect(shape(createRunHooks())).toEqual({
      ...Object.fromEntries(events.map((e) => [e, 'AsyncSeriesHook'])),
      command: 'SyncWaterfallHook', moduleResult: 'AsyncSeriesWaterfallHook',
    });
  });

  test('hook objects are frozen so plugins cannot replace them', () => {
    const hooks = createKernelHooks() as unknown as Record<string, unknown>;
    expect(() => { hooks.run = null; }).toThrow(TypeError);
  });
});
