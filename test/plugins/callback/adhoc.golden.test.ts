/** minimal and oneline as ad-hoc `ansible` prints them (its stdout callbacks), from recorded runs. */
import { normaliseOutput } from '../../helpers/golden';
import { recorded, recordedEvents, replay } from './_support/replay';

test.each([
  ['adhoc-ping', 'minimal'],
  ['adhoc-command', 'minimal'],
  ['adhoc-fail', 'minimal'],
  ['adhoc-unreachable', 'minimal'],
  ['adhoc-oneline', 'oneline'],
])('%s (%s)', async (id, callback) => {
  const out = await replay(recordedEvents(id), { color: false, stdoutCallback: callback });
  expect(normaliseOutput(out.stdout)).toBe(normaliseOutput(recorded(id, 'ansible.stdout')));
  expect(out.stderr).toBe(recorded(id, 'ansible.stderr'));
});
