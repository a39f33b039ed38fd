/** fromAnsibleCallback: an object written for Ansible's callback API receives tsible's events. */
import { fromAnsibleCallback } from '../../../core/callbacks/ansible-adapter';
import { recordedEvents, replay } from '../../plugins/callback/_support/replay';

const V2: Record<string, string> = {
  playbookStart: 'v2_playbook_on_start', playStart: 'v2_playbook_on_play_start', taskStart: 'v2_playbook_on_task_start',
  handlerTaskStart: 'v2_playbook_on_handler_task_start', runnerStart: 'v2_runner_on_start', runnerOk: 'v2_runner_on_ok',
  runnerFailed: 'v2_runner_on_failed', runnerSkipped: 'v2_runner_on_skipped', runnerUnreachable: 'v2_runner_on_unreachable',
  itemOk: 'v2_runner_item_on_ok', itemFailed: 'v2_runner_item_on_failed', itemSkipped: 'v2_runner_item_on_skipped',
  runnerRetry: 'v2_runner_retry', notify: 'v2_playbook_on_notify', include: 'v2_playbook_on_include',
  stats: 'v2_playbook_on_stats', noHostsMatched: 'v2_playbook_on_no_hosts_matched', fileDiff: 'v2_on_file_diff',
};

class Counter {
  calls: string[] = [];
  anyCount = 0;
  lines: string[] = [];
  v2_on_any() { this.anyCount++; }
}
const handler = (name: string) => function (this: Counter, ...args: unknown[]) {
  this.calls.push(name);
  const [first, second] = args as [Record<string, any>, unknown];
  if (name === 'v2_runner_on_ok') this.lines.push(`${first._host.get_name()} ${first.task_name} changed=${first.is_changed()}`);
  if (name === 'v2_runner_on_failed') this.lines.push(`${first._host.get_name()} failed=${first.is_failed()} ignore_errors=${second} msg=${first._result.msg}`);
  if (name === 'v2_playbook_on_task_start') this.lines.push(`task ${first.get_name()} at ${first.get_path()}`);
  if (name === 'v2_playbook_on_stats') this.lines.push(`stats ${JSON.stringify(first.summarize('host1'))} ${Object.keys(first.processed)}`);
};
for (const name of Object.values(V2)) (Counter.prototype as any)[name] = handler(name);

test('every event reaches the v2_* method of the same name, with Ansible-like objects, and v2_on_any each time', async () => {
  const events = recordedEvents('basic');
  const counter = new Counter();
  await replay(events, { color: false, extra: [fromAnsibleCallback(counter)] });
  expect(counter.calls).toEqual(events.map((e) => V2[e.event]));
  expect(counter.anyCount).toBe(events.length);
  expect(counter.lines).toContain('host1 Change something changed=true');
  expect(counter.lines).toContain('host1 failed=true ignore_errors=true msg=this failure is ignored');
  expect(counter.lines).toContain('task Say hello at <fixtures>/basic/playbook.yml:7');
  expect(counter.lines).toContain('stats {"ok":12,"changed":3,"unreachable":0,"failures":0,"skipped":1,"rescued":0,"ignored":2} host1');
});

test('v1 method names (without v2_) are used when the v2 one is missing', async () => {
  const seen: string[] = [];
  const legacy = { runner_on_unreachable(result: any) { seen.push(`${result._host.name} ${result.is_unreachable()}`); } };
  await replay(recordedEvents('unreachable'), { color: false, extra: [fromAnsibleCallback(legacy)] });
  expect(seen).toEqual(['badhost true', 'badhost true']);
});
