/**
 * attachCallbacks: which callbacks run, their options and colours, error isolation, the log tap
 * and its removal, and two runs in one kernel staying apart.
 */
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { Run, defineCallback, type CallbackHandlers, type ConfigError } from 'tsible';
import { attachCallbacks } from '../../../core/callbacks/dispatcher';
import { Capture, makeKernel, recordedEvents, replay } from '../../plugins/callback/_support/replay';

const basic = () => recordedEvents('basic');

describe('selection', () => {
  test('default is the stdout callback unless stdout_callback says otherwise', async () => {
    expect((await replay(basic(), { color: false })).names[0]).toBe('default');
    const out = await replay(basic(), { color: false, env: { ANSIBLE_STDOUT_CALLBACK: 'minimal' } });
    expect(out.names[0]).toBe('minimal');
    expect(out.stdout.startsWith('host1 | SUCCESS => {')).toBe(true);
  });

  test('callbacks_enabled adds callbacks; a name that does not resolve is skipped with a warning', async () => {
    const out = await replay(basic(), { color: false, env: { ANSIBLE_CALLBACKS_ENABLED: 'timer,nosuchcallback' } });
    expect(out.names).toEqual(expect.arrayContaining(['default', 'timer']));
    expect(out.stdout).toMatch(/Playbook run took 0 days/);
    expect(out.stderr).toBe('');
  });

  test('onlyStdout (ad-hoc) loads the stdout callback alone', async () => {
    const kernel = await makeKernel({ env: { ANSIBLE_CALLBACKS_ENABLED: 'timer' } });
    const attached = await attachCallbacks(kernel, new Run({}), {
      stdout: new Capture(), stderr: new Capture(), verbosity: 0, check: false, diff: false, stdoutCallback: 'minimal', onlyStdout: true,
    });
    attached.detach();
    expect(attached.names).toEqual(['minimal']);
  });

  test('enable and callbackOptions add a callback for one run (ansible -t DIR)', async () => {
    const kernel = await makeKernel();
    const run = new Run({});
    const dir = mkdtempSync(join(tmpdir(), 'tsible-tree-'));
    const attached = await attachCallbacks(kernel, run, {
      stdout: new Capture(), stderr: new Capture(), verbosity: 0, check: false, diff: false, stdoutCallback: 'minimal', onlyStdout: true,
      enable: ['tree'], callbackOptions: { tree: { directory: dir } },
    });
    for (const e of recordedEvents('tree')) await (run.hooks[e.event as 'stats'].promise as (p: unknown) => Promise<void>)(e.payload);
    attached.detach();
    expect(attached.names).toEqual(['minimal', 'tree']);
    expect(readdirSync(dir).sort()).toEqual(['host1', 'host2']);
    rmSync(dir, { recursive: true });
  });

  test('a notification callback cannot be the stdout callback', async () => {
    const kernel = await makeKernel();
    const run = new Run({});
    const err = await attachCallbacks(kernel, run, { stdout: new Capture(), stderr: new Capture(), verbosity: 0, check: false, diff: false, stdoutCallback: 'timer' })
      .catch((e: ConfigError) => e);
    expect((err as ConfigError).code).toBe('TSIBLE_CONFIG');
    expect((err as Error).message).toMatch(/'timer' cannot be the stdout callback/);
  });

  test('a callback that needs no enabling (needsEnabled false) runs without being listed', async () => {
    const seen: string[] = [];
    const probe = defineCallback({ name: 'probe', callbackType: 'notification', needsEnabled: false,
      create: () => ({ taskStart: (e) => void seen.push(e.task.name) }) });
    const kernel = await makeKernel();
    kernel.registry.add({ type: 'callback', name: 'probe', namespaces: [], origin: 'inline', location: 'test', load: async () => probe });
    const run = new Run({});
    const attached = await attachCallbacks(kernel, run, { stdout: new Capture(), stderr: new Capture(), verbosity: 0, check: false, diff: false });
    for (const e of basic()) if (e.event === 'taskStart') await run.hooks.taskStart.promise(e.payload as never);
    attached.detach();
    expect(attached.names).toContain('probe');
    expect(seen).toEqual(['Say hello', 'Show a variable', 'Change something', 'Report ok from a command', 'Never runs',
      'Loop over items', 'Loop with a label and a skip', 'Fail but carry on', 'Retry until it gives up', 'Include more tasks',
      'Inside the include', 'debug']);
  });
});

describe('error isolation', () => {
  test('a throwing callback is reported once, by name, and the output of the others is intact', async () => {
    let calls = 0;
    const broken: CallbackHandlers = { runnerOk() { calls++; throw new Error('kaboom'); } };
    const clean = await replay(basic(), { color: false });
    const out = await replay(basic(), { color: false, extra: [broken] });
    expect(calls).toBeGreaterThan(3);
    expect(out.stdout).toBe(clean.stdout);
    // Wrapped at 79 columns, as Ansible wraps warnings.
    expect(out.stderr).toBe("[WARNING]: Failure using method (runnerOk) in callback plugin 'extra #1':\nkaboom\n");
  });

  test('a callback whose create() throws is skipped with a warning', async () => {
    const kernel = await makeKernel();
    const bad = defineCallback({ name: 'bad', callbackType: 'aggregate', create: () => { throw new Error('no disk'); } });
    kernel.registry.add({ type: 'callback', name: 'bad', namespaces: [], origin: 'inline', location: 'test', load: async () => bad });
    const logged: string[] = [];
    kernel.hooks.log.tap('test', (entry) => void logged.push(entry.message));
    const attached = await attachCallbacks(kernel, new Run({}), { stdout: new Capture(), stderr: new Capture(), verbosity: 0, check: false, diff: false });
    attached.detach();
    expect(attached.names).not.toContain('bad');
    expect(logged).toEqual(["Skipping callback plugin 'bad': it failed to start: no disk"]);
  });
});

describe('log lines', () => {
  test('warnings go to stderr once, deprecations in Ansible\'s words, -v lines only when verbose', async () => {
    const kernel = await makeKernel();
    const run = new Run({});
    const stdout = new Capture();
    const stderr = new Capture();
    const sunk: string[] = [];
    const before = kernel.hooks.log.taps.length;
    const attached = await attachCallbacks(kernel, run, { stdout, stderr, verbosity: 1, check: false, diff: false, color: false });
    kernel.emitLog({ level: 'warning', message: 'Could not match supplied host pattern, ignoring: nosuchgroup' });
    kernel.emitLog({ level: 'warning', message: 'Could not match supplied host pattern, ignoring: nosuchgroup' });
    kernel.emitLog({ level: 'deprecation', message: 'The foo option is deprecated' });
    kernel.emitLog({ level: 'verbose', verbosity: 1, message: 'shown at -v' });
    kernel.emitLog({ level: 'verbose', verbosity: 3, message: 'hidden at -v', host: 'web1' });
    attached.detach();
    expect(kernel.hooks.log.taps.length).toBe(before);
    kernel.hooks.log.tap('after', (e) => void sunk.push(e.message));
    kernel.emitLog({ level: 'warning', message: 'after detach' });
    expect(stderr.text).toBe('[WARNING]: Could not match supplied host pattern, ignoring: nosuchgroup\n'
      // Python's textwrap with drop_whitespace=False keeps the space before each break.
      + '[DEPRECATION WARNING]: The foo option is deprecated. This feature will be \nremoved in a future release. '
      + 'Deprecation warnings can be disabled by setting \ndeprecation_warnings=False in ansible.cfg.\n');
    expect(stdout.text).toBe('shown at -v\n');
    expect(sunk).toEqual(['after detach']);
  });
});

describe('colours and width', () => {
  test('force_color paints even off a terminal; NO_COLOR wins on a terminal; a terminal paints and widens banners', async () => {
    const forced = await replay(basic(), { env: { ANSIBLE_FORCE_COLOR: '1' } });
    expect(forced.stdout).toContain('\u001b[0;32mok: [host1]\u001b[0m');
    expect(forced.stdout).toContain('\u001b[0;33mchanged: [host1]\u001b[0m');
    const noColor = await replay(basic(), { env: { NO_COLOR: '1' }, tty: { columns: 120 } });
    expect(noColor.stdout).not.toContain('\u001b[');
    const tty = await replay(basic(), { tty: { columns: 120 } });
    expect(tty.stdout).toContain('\u001b[0;32mok: [host1]\u001b[0m');
    const banner = tty.stdout.split('\n').find((l) => l.startsWith('PLAY [Basic outcomes]'))!;
    expect(banner).toHaveLength(120); // width - 1 columns of stars after the title and its space: one more than the width - 1
    expect(tty.stdout).toMatch(/\n\u001b\[0;33mhost1\u001b\[0m {21} : \u001b\[0;32mok=12  \u001b\[0m \u001b\[0;33mchanged=3   \u001b\[0m unreachable=0    failed=0    \u001b\[0;36mskipped=1   \u001b\[0m rescued=0    \u001b\[1;35mignored=2   \u001b\[0m\n/);
  });

  test('the recap colours the host red when it failed', async () => {
    const out = await replay(recordedEvents('failures'), { color: true });
    expect(out.stdout).toContain('\u001b[0;31mhost1\u001b[0m');
    expect(out.stdout).toContain('\u001b[0;31mfatal: [host1]: FAILED! => {"changed": false, "msg": "host1 is broken"}\u001b[0m');
  });
});

describe('runs stay apart', () => {
  test('two runs on one kernel print only their own events', async () => {
    const kernel = await makeKernel();
    const [a, b] = [new Run({}), new Run({})];
    const [outA, outB] = [new Capture(), new Capture()];
    const common = { stderr: new Capture(), verbosity: 0, check: false, diff: false, color: false };
    const attA = await attachCallbacks(kernel, a, { ...common, stdout: outA });
    const attB = await attachCallbacks(kernel, b, { ...common, stdout: outB });
    const play = { uuid: 'p', name: 'Only A', hosts: 'all' };
    await a.hooks.playStart.promise({ play, batch: [] });
    await b.hooks.playStart.promise({ play: { ...play, name: 'Only B' }, batch: [] });
    attA.detach();
    attB.detach();
    expect(outA.text).toBe(`\nPLAY [Only A] ${'*'.repeat(66)}\n`);
    expect(outB.text).toBe(`\nPLAY [Only B] ${'*'.repeat(66)}\n`);
  });
});
