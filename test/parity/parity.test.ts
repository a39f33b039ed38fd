import { existsSync, readFileSync } from 'node:fs';
import { sshFixture, type SshFixture } from '../helpers/sshd';
import { join } from 'node:path';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { listCases, runCase, normaliseFiles, CASES } = require('./harness');

/**
 * The same playbooks under ansible-playbook (recorded by test/parity/record.js into
 * expected.json) and under tsible-playbook: exit code, PLAY RECAP per host and the files left
 * behind must match.
 */
/**
 * A case may record a deliberate difference: `differs.md` says why, `expected-tsible.json` what
 * tsible gives. The test then checks tsible's result and that Ansible's really is different, so
 * the note cannot outlive the difference.
 */
function check(name: string, ssh?: SshFixture): void {
    const differs = existsSync(join(CASES, name, 'differs.md'));
    const ansible = JSON.parse(readFileSync(join(CASES, name, 'expected.json'), 'utf8'));
    const expected = differs ? JSON.parse(readFileSync(join(CASES, name, 'expected-tsible.json'), 'utf8')) : ansible;
    if (differs) expect(ansible).not.toEqual(expected);
    const r = runCase(name, 'tsible', ssh);
    const got = { exitCode: r.exitCode, recap: r.recap, files: normaliseFiles(r.files) };
    if (JSON.stringify(got) !== JSON.stringify(expected)) {
      // Show the whole run when it differs: the recap alone rarely says why.
      // eslint-disable-next-line no-console
      console.log(`${name}:\n${r.stdout}\n${r.stderr}`);
    }
    expect(got).toEqual(expected);
}

describe('parity with ansible-playbook', () => {
  test.each(listCases() as string[])('%s (local connection)', (name) => check(name));
});

/** The same cases with every host reached over SSH (the fixture user, not root): same results expected. */
describe('parity with ansible-playbook, over SSH', () => {
  const sshCases = (listCases() as string[]).filter((c) => !existsSync(join(CASES, c, 'local-only')));
  test.each(sshCases)('%s (ssh connection)', (name) => check(name, sshFixture()));
});
