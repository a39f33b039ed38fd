import { readFileSync } from 'node:fs';
import { join } from 'node:path';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { listCases, runCase, normaliseFiles, CASES } = require('./harness');

/**
 * The same playbooks under ansible-playbook (recorded by test/parity/record.js into
 * expected.json) and under tsible-playbook: exit code, PLAY RECAP per host and the files left
 * behind must match.
 */
describe('parity with ansible-playbook', () => {
  test.each(listCases() as string[])('%s', (name) => {
    const expected = JSON.parse(readFileSync(join(CASES, name, 'expected.json'), 'utf8'));
    const r = runCase(name, 'tsible');
    const got = { exitCode: r.exitCode, recap: r.recap, files: normaliseFiles(r.files) };
    if (JSON.stringify(got) !== JSON.stringify(expected)) {
      // Show the whole run when it differs: the recap alone rarely says why.
      // eslint-disable-next-line no-console
      console.log(`${name}:\n${r.stdout}\n${r.stderr}`);
    }
    expect(got).toEqual(expected);
  });
});
