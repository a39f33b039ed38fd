/**
 * The default callback against real ansible-playbook: each recorded case's events are replayed
 * into tsible's default callback and the text must equal what Ansible printed.
 */
import { normaliseOutput } from '../../helpers/golden';
import { recorded, recordedEvents, replay } from './_support/replay';

/** Lines the ansible-playbook CLI prints itself (not its callback) at -v and above. */
function withoutCliLines(text: string): string {
  // -vvv connection and module lines come from the engine's log, not from the callback.
  return text.split('\n').filter((l) => !/^(\d+ plays? in |<[\w.-]+> |Using module file )/.test(l)).join('\n');
}

const CASES: Array<[string, { verbosity?: number; check?: boolean; diff?: boolean; env?: Record<string, string> }]> = [
  ['basic', {}],
  ['basic-v', { verbosity: 1 }],
  ['basic-vv', { verbosity: 2 }],
  ['basic-check', { check: true }],
  ['failures', {}],
  ['failures-command', {}],
  ['unreachable', {}],
  ['diff', { diff: true }],
  ['nohosts', {}],
  ['extras', {}],
  ['extras-vvv', { verbosity: 3 }],
  ['result-yaml', { verbosity: 1, env: { ANSIBLE_CALLBACK_RESULT_FORMAT: 'yaml' } }],
  ['result-yaml-failures', { env: { ANSIBLE_CALLBACK_RESULT_FORMAT: 'yaml' } }],
  ['result-yaml-diff', { diff: true, env: { ANSIBLE_CALLBACK_RESULT_FORMAT: 'yaml', ANSIBLE_CALLBACK_FORMAT_PRETTY: 'false' } }],
  ['extras-markers', { check: true, env: { ANSIBLE_CHECK_MODE_MARKERS: 'true', ANSIBLE_SHOW_PER_HOST_START: 'true', ANSIBLE_DISPLAY_FAILED_STDERR: 'true' } }],
];

describe('default callback reproduces ansible-playbook output', () => {
  test.each(CASES)('%s', async (id, opts) => {
    const out = await replay(recordedEvents(id), { ...opts, color: false });
    const expected = withoutCliLines(normaliseOutput(recorded(id, 'ansible.stdout'), { sortHosts: false }));
    expect(normaliseOutput(out.stdout, { sortHosts: false })).toBe(expected);
    expect(normaliseOutput(out.stderr)).toBe(normaliseOutput(recorded(id, 'ansible.stderr')).replace(/^\[WARNING\]: Could not match.*\n/m, ''));
  });

  test('display_skipped_hosts and display_ok_hosts off (settings from the environment)', async () => {
    const out = await replay(recordedEvents('basic-hidden'), {
      color: false, env: { ANSIBLE_DISPLAY_SKIPPED_HOSTS: 'false', ANSIBLE_DISPLAY_OK_HOSTS: 'false' },
    });
    expect(normaliseOutput(out.stdout)).toBe(normaliseOutput(recorded('basic-hidden', 'ansible.stdout')));
  });

  test('show_custom_stats prints set_stats data after the recap', async () => {
    const out = await replay(recordedEvents('stats'), { color: false, env: { ANSIBLE_SHOW_CUSTOM_STATS: 'true' } });
    expect(out.stdout).toBe(recorded('stats', 'ansible.stdout'));
  });
});
