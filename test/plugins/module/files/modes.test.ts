import { spawnSync } from 'node:child_process';
import { fnmatch } from '../../../../plugins/module/_files/find-filters';
import { resolveMode } from '../../../../plugins/module/_files/mode';

const CASES: Array<[string, number, boolean]> = [
  ['u=rw,g=r,o=', 0o777, false], ['u+x', 0o644, false], ['a+X', 0o644, false], ['a+X', 0o644, true], ['a+X', 0o744, false],
  ['g=u', 0o750, false], ['o=g', 0o754, false], ['u-w,g+w', 0o644, false], ['+x', 0o644, false], ['=r', 0o777, false],
  ['u+s,g+s', 0o755, false], ['o+t', 0o777, true], ['a-rwx', 0o777, false], ['ug=rwx,o=rx', 0, true], ['u=rwX,g=rX,o=', 0o600, true],
  ['u=rwX,g=rX,o=', 0o600, false], ['go-w', 0o666, false], ['a=', 0o4777, false], ['u+rw-x', 0o755, false], ['g+u-w', 0o700, false],
];

/**
 * Ground truth from Ansible's own AnsibleModule._symbolic_mode_to_octal, run with /usr/bin/python3 (Debian's ansible-core) against
 * a fake stat result: `/usr/bin/python3 -c <script>` prints one octal mode per case.
 */
function ansibleModes(): string[] {
  const script = `
import json, stat, sys
from ansible.module_utils.basic import AnsibleModule
class St:
    def __init__(self, mode, isdir):
        self.st_mode = mode | (stat.S_IFDIR if isdir else stat.S_IFREG)
for mode, current, isdir in json.load(sys.stdin):
    print('%04o' % AnsibleModule._symbolic_mode_to_octal(St(current, isdir), mode))
`;
  const res = spawnSync('/usr/bin/python3', ['-c', script], { input: JSON.stringify(CASES), encoding: 'utf8' });
  if (res.status !== 0) throw new Error(res.stderr);
  return res.stdout.trim().split('\n');
}

describe('symbolic modes', () => {
  test('resolve as Ansible resolves them', () => {
    const ours = CASES.map(([mode, current, isDir]) => (resolveMode(mode, current, isDir) as number).toString(8).padStart(4, '0'));
    expect(ours).toEqual(ansibleModes());
  });

  test('octal forms and errors', () => {
    expect(resolveMode('0644', 0, false)).toBe(0o644);
    expect(resolveMode('755', 0, false)).toBe(0o755);
    expect(resolveMode(420, 0, false)).toBe(0o644);
    expect(resolveMode(undefined, 0o600, false)).toBeUndefined();
    expect(() => resolveMode('u+q', 0, false)).toThrow('bad symbolic permission for mode: u+q');
  });
});

describe('find name patterns', () => {
  test("fnmatch agrees with Python's fnmatch.fnmatch", () => {
    const names = ['a.txt', 'b.log', '.hidden', 'x[1].c', 'data-2024.csv', 'A.TXT', 'readme', 'a b.txt'];
    const patterns = ['*.txt', '?.log', '.*', 'x[[]1].c', '*[0-9]*', '[!a]*', '*', 'a b*', '[a-c].*', '*.TXT'];
    const script = `
import fnmatch, json, sys
names, patterns = json.load(sys.stdin)
print(json.dumps([[fnmatch.fnmatch(n, p) for p in patterns] for n in names]))
`;
    const res = spawnSync('/usr/bin/python3', ['-c', script], { input: JSON.stringify([names, patterns]), encoding: 'utf8' });
    expect(names.map((n) => patterns.map((p) => fnmatch(n, p)))).toEqual(JSON.parse(res.stdout));
  });
});
