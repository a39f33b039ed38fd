/** What callbacks receive: Ansible's TaskResult.clean_copy. */
import { cleanEvent, cleanResult, CENSORED } from '../../../core/callbacks/clean-result';
import type { TaskView } from 'tsible';

const task = (over: Partial<TaskView> = {}): TaskView => ({
  uuid: 'u', name: 't', action: 'command', args: {}, isHandler: false, tags: [], noLog: false, implicit: false, ...over,
});

test('drops failed/skipped and internal keys except those callbacks need, at every depth', () => {
  const raw = {
    failed: true, skipped: false, changed: true, msg: 'x', _ansible_no_log: false, _ansible_verbose_always: true,
    _ansible_parsed: true, results: [{ _ansible_item_label: 'a', _ansible_internal: 1, item: 'a', failed: true }],
  };
  expect(cleanResult(raw, task())).toEqual({
    changed: true, msg: 'x', _ansible_no_log: false, _ansible_verbose_always: true,
    results: [{ _ansible_item_label: 'a', item: 'a', failed: true }],
  });
  expect(raw.failed).toBe(true);
  expect(raw._ansible_parsed).toBe(true);
});

test('no_log results are censored, keeping only attempts, changed and retries', () => {
  const out = cleanResult({ msg: 'secret', changed: false, attempts: 2, stdout: 'pw' }, task({ noLog: true }));
  expect(out).toEqual({ censored: CENSORED, changed: false, attempts: 2 });
  expect(cleanResult({ _ansible_no_log: true, msg: 'secret' }, task())).toEqual({ censored: CENSORED });
});

test('debug results lose invocation; delegated vars keep only the connection subset', () => {
  expect(cleanResult({ msg: 'hi', invocation: { module_args: {} } }, task({ action: 'ansible.builtin.debug' }))).toEqual({ msg: 'hi' });
  const out = cleanResult({ _ansible_delegated_vars: { ansible_host: '10.0.0.5', ansible_password: 'x', ansible_port: 22 } }, task());
  expect(out).toEqual({ _ansible_delegated_vars: { ansible_host: '10.0.0.5', ansible_port: 22 } });
});

test('each callback gets its own copy: mutating one does not change the next', () => {
  const event = { host: 'h', task: task(), result: { changed: true, warnings: ['w'] } };
  const first = cleanEvent(event);
  delete (first.result as Record<string, unknown>).warnings;
  expect(cleanEvent(event).result).toEqual({ changed: true, warnings: ['w'] });
  const noResult = { host: 'h', handler: task() };
  expect(cleanEvent(noResult)).toBe(noResult);
});
