/**
 * End to end: tsible-playbook's engine and callbacks against ansible-playbook's recorded output
 * for the same playbooks (test/fixtures/callback/golden). Cases listed in PENDING still differ,
 * for the engine reasons given; docs/output.md lists them. Move a case to the enforced list once
 * its difference is fixed.
 */
import { ansibleGolden, goldenCases, runGoldenCase } from '../../helpers/golden';

const PENDING: Record<string, string> = {
  json: 'invocation.module_args lists what the module received, not every option with Ansible\'s defaults (and _raw_params/_uses_shell); task and play ids are random UUIDs; no _ansible_delegated_vars',
  'result-yaml': 'callback options from ANSIBLE_CALLBACK_RESULT_FORMAT are not read by the golden runner yet',
  'result-yaml-failures': 'as result-yaml',
  diff: 'copy reports its diff headers as before: <dest> / after: <dest> instead of Ansible\'s temporary source file',
  unreachable: 'ssh2 error text differs from OpenSSH\'s, and an ignored unreachable host is not counted ok',
  extras: 'Python modules in library/ are not run yet',
  'extras-markers': 'as extras',
  'extras-vvv': 'as extras, and connection -vvv lines differ',
  'result-yaml-diff': 'as diff',
  'adhoc-unreachable': 'as unreachable (ssh2 error text)',
};

const cases = goldenCases().filter((c) => !(c.id in PENDING));

describe('tsible prints what ansible-playbook and ansible print', () => {
  test.each(cases.map((c) => [c.id, c] as const))('%s', async (_id, c) => {
    const ours = await runGoldenCase(c);
    const theirs = ansibleGolden(c.id);
    expect(ours.stdout).toBe(theirs.stdout);
    expect(ours.stderr).toBe(theirs.stderr);
    expect(ours.rc).toBe(theirs.rc);
  });

  test('every pending case names a recorded case', () => {
    const ids = goldenCases().map((c) => c.id);
    expect(Object.keys(PENDING).filter((id) => !ids.includes(id))).toEqual([]);
  });
});
