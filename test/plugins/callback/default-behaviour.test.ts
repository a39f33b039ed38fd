/**
 * Default callback behaviours not covered by a recorded ansible-playbook run: errors written for
 * people, exceptions at -v and -vvv, pretty_results, free strategy banners, diffs of loop items.
 */
import { recordedEvents, replay, type RecordedEvent } from './_support/replay';

const task = { uuid: 't1', name: 'Run a command', action: 'command', args: {}, isHandler: false, tags: [], noLog: false, implicit: false };
const play = { uuid: 'p1', name: 'Play', hosts: 'web' };

function events(result: Record<string, unknown>, extra: RecordedEvent[] = []): RecordedEvent[] {
  return [
    { event: 'playStart', payload: { play, batch: ['web1'] } },
    { event: 'taskStart', payload: { play, task, hosts: ['web1'] } },
    { event: 'runnerFailed', payload: { host: 'web1', task, status: 'failed', changed: true, ignored: false, result } },
    ...extra,
  ];
}

const failure = {
  failed: true, changed: true, rc: 3, cmd: ['sh', '-c', 'make'], msg: 'non-zero return code',
  stdout: 'building\ndone', stderr: 'make: *** [all] Error 3', start: 's', end: 'e', delta: 'd', stdout_lines: ['building', 'done'],
};

test('error_format human: msg first, then rc, the command, stderr and stdout as text', async () => {
  const out = await replay(events(failure), { color: false, cli: { callbacks: { default: { error_format: 'human' } } } });
  expect(out.stdout).toContain([
    'fatal: [web1]: FAILED! non-zero return code',
    '  rc: 3',
    '  cmd: sh -c make',
    '  stderr: make: *** [all] Error 3',
    '  stdout: |',
    '    building',
    '    done',
    '',
  ].join('\n'));
});

test('error_format auto is human on a terminal and Ansible\'s JSON elsewhere; -v always shows JSON', async () => {
  const tty = await replay(events(failure), { color: false, tty: { columns: 100 }, env: { TSIBLE_ERROR_FORMAT: 'auto' } });
  expect(tty.stdout).toContain('fatal: [web1]: FAILED! non-zero return code\n');
  const pipe = await replay(events(failure), { color: false, env: { TSIBLE_ERROR_FORMAT: 'auto' } });
  expect(pipe.stdout).toContain('fatal: [web1]: FAILED! => {"changed": true, "cmd": ["sh", "-c", "make"], "delta": "d"');
  const verbose = await replay(events(failure), { color: false, verbosity: 1, tty: { columns: 100 }, env: { TSIBLE_ERROR_FORMAT: 'human' } });
  expect(verbose.stdout).toContain('fatal: [web1]: FAILED! => {');
});

test('exceptions: the last line below -vvv, the full traceback from -vvv', async () => {
  const result = { failed: true, msg: 'MODULE FAILURE', exception: 'Traceback (most recent call last):\n  File "x"\nValueError: bad\n' };
  const short = await replay(events(result), { color: false });
  expect(short.stdout).toContain('An exception occurred during task execution. To see the full traceback, use -vvv. The error was: ValueError: bad\nfatal: [web1]: FAILED! => {"msg": "MODULE FAILURE"}\n');
  const full = await replay(events(result), { color: false, verbosity: 3 });
  expect(full.stdout).toContain('The full traceback is:\nTraceback (most recent call last):\n  File "x"\nValueError: bad\nfatal: [web1]: FAILED! => {\n    "msg": "MODULE FAILURE"\n}\n');
});

test('pretty_results indents every dump', async () => {
  const out = await replay(events({ failed: true, msg: 'boom' }), { color: false, env: { ANSIBLE_CALLBACK_FORMAT_PRETTY: 'true' } });
  expect(out.stdout).toContain('fatal: [web1]: FAILED! => {\n    "msg": "boom"\n}\n');
});

test('free strategy: banners are printed with the first result, named after that result\'s task', async () => {
  const freePlay = { ...play, strategy: 'free' };
  const evs: RecordedEvent[] = [
    { event: 'playStart', payload: { play: freePlay, batch: [] } },
    { event: 'taskStart', payload: { play: freePlay, task, hosts: ['web1'] } },
    { event: 'runnerOk', payload: { host: 'web1', task, status: 'ok', changed: false, ignored: false, result: { changed: false } } },
  ];
  const out = await replay(evs, { color: false });
  expect(out.stdout).toBe(`\nPLAY [Play] ${'*'.repeat(68)}\n\nTASK [Run a command] ${'*'.repeat(59)}\nok: [web1]\n`);
});

test('--diff on a loop prints each changed item\'s diff once, before the result lines', async () => {
  const diffTask = { ...task, action: 'copy', loop: true };
  const results = [
    { changed: true, diff: { before: 'a\n', after: 'b\n' }, item: 'x', ansible_loop_var: 'item' },
    { changed: false, diff: { before: 'c\n', after: 'c\n' }, item: 'y', ansible_loop_var: 'item' },
  ];
  const evs: RecordedEvent[] = [
    { event: 'taskStart', payload: { play, task: diffTask, hosts: ['web1'] } },
    { event: 'fileDiff', payload: { host: 'web1', task: diffTask, status: 'ok', changed: true, ignored: false, result: { changed: true, results } } },
  ];
  const out = await replay(evs, { color: false, diff: true });
  expect(out.stdout).toBe(`\nTASK [Run a command] ${'*'.repeat(59)}\n--- before\n+++ after\n@@ -1 +1 @@\n-a\n+b\n\n`);
});

test('ok items do not print warnings themselves (Ansible prints them with the task result)', async () => {
  const evs = recordedEvents('basic').map((e) => (e.event === 'itemOk'
    ? { ...e, payload: { ...(e.payload as object), result: { ...(e.payload as { result: object }).result, warnings: ['same warning'] } } } : e));
  const out = await replay(evs, { color: false });
  expect(out.stderr).toBe('');
});
