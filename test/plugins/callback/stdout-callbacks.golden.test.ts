/**
 * minimal, oneline, json and yaml against ansible-playbook's own output for the same run
 * (ansible-core's minimal/oneline, ansible.posix.json, community.general.yaml).
 */
import { normaliseOutput } from '../../helpers/golden';
import { recorded, recordedEvents, replay } from './_support/replay';

describe.each([
  ['minimal', 'minimal'],
  ['oneline', 'oneline'],
  ['yaml', 'yaml'],
])('%s callback', (id, callback) => {
  test('prints what Ansible printed', async () => {
    const out = await replay(recordedEvents(id), { color: false, stdoutCallback: callback });
    expect(normaliseOutput(out.stdout, { sortHosts: false })).toBe(normaliseOutput(recorded(id, 'ansible.stdout'), { sortHosts: false }));
  });
});

describe('json callback', () => {
  const times = (t: string) => t.replace(/"\d{4}-\d{2}-\d{2}T[\d:.]+Z"/g, '"<time>"');

  test('prints the ansible.posix.json document', async () => {
    let clock = Date.UTC(2026, 0, 1);
    const out = await replay(recordedEvents('json'), {
      color: false, stdoutCallback: 'json', now: () => clock, between: () => { clock += 1234.5; },
    });
    expect(normaliseOutput(times(out.stdout), { sortHosts: false }))
      .toBe(normaliseOutput(times(recorded('json', 'ansible.stdout')), { sortHosts: false }));
    const doc = JSON.parse(out.stdout);
    expect(doc.plays[0].play.duration.start).toBe('2026-01-01T00:00:02.469000Z') // playStart is the 2nd event;
    expect(doc.stats.host1).toEqual({ changed: 0, failures: 1, ignored: 0, ok: 1, rescued: 0, skipped: 0, unreachable: 0 });
  });

  test('free strategy: one task entry per host, opened at runnerStart', async () => {
    const freeEvents = recordedEvents('json').map((e) => {
      const p = e.payload as { play?: Record<string, unknown> };
      return p.play ? { ...e, payload: { ...p, play: { ...p.play, strategy: 'free' } } } : e;
    });
    const out = await replay(freeEvents, { color: false, stdoutCallback: 'json' });
    const tasks = JSON.parse(out.stdout).plays[0].tasks as Array<{ task: { name: string }; hosts: Record<string, unknown> }>;
    // In the order hosts started them, each holding that host's result only.
    const started = freeEvents.filter((e) => e.event === 'runnerStart')
      .map((e) => e.payload as { host: string; task: { name: string } }).map((p) => `${p.task.name}:${p.host}`);
    expect(tasks.map((t) => `${t.task.name}:${Object.keys(t.hosts).join(',')}`)).toEqual(started);
    expect(started).toHaveLength(6);
  });

  test('json_indent 0 prints one line; ANSIBLE_JSON_INDENT sets it', async () => {
    const out = await replay(recordedEvents('json'), { color: false, stdoutCallback: 'json', env: { ANSIBLE_JSON_INDENT: '0' } });
    expect(out.stdout.trimEnd().split('\n')).toHaveLength(1);
    expect(JSON.parse(out.stdout).plays[0].tasks).toHaveLength(4);
  });
});
