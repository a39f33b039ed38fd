import { ansibleParity } from './_harness';

// Every task runs twice (the second run must agree with Ansible's, normally ok).
const TASKS = [
  'copy: { content: "hello\\n", dest: "{{ work }}/c1", mode: "0640" }',
  'copy: { content: "hello\\n", dest: "{{ work }}/c1", mode: "u+x,g-r" }',
  'copy: { src: tree/, dest: "{{ work }}/t1/" }',
  'copy: { src: tree, dest: "{{ work }}/t2" }',
  'copy: { src: tree/a.txt, dest: "{{ work }}/t3/" }',
  'copy: { content: "x", dest: "{{ work }}/missing/dir/f" }',
  'copy: { content: "new\\n", dest: "{{ work }}/c1", force: false }',
  'copy: { src: "{{ work }}/c1", dest: "{{ work }}/c2", remote_src: true, mode: preserve }',
  'file: { path: "{{ work }}/d1/d2", state: directory, mode: "0750" }',
  'file: { path: "{{ work }}/d1/t", state: touch, modification_time: preserve, access_time: preserve }',
  'file: { path: "{{ work }}/d1/l", src: t, state: link }',
  'file: { path: "{{ work }}/d1/h", src: "{{ work }}/d1/t", state: hard }',
  'file: { path: "{{ work }}/d1/t", mode: "a+x" }',
  'file: { path: "{{ work }}/c2", state: absent }',
  'file: { path: "{{ work }}/c1", state: directory }',
  'file: { path: "{{ work }}/d1", state: directory, recurse: true, mode: "u=rwX,g=rX,o=" }',
];

describe('copy and file: parity with ansible-playbook', () => {
  test('same files, modes (as content of a listing) and changed/failed flags', async () => {
    const tasks = `${TASKS.flatMap((t) => [t, t]).map((t) => `    - ${t}\n      ignore_errors: true\n`).join('')}`
      + '    - shell: cd {{ work }} && find . \\( -path ./tree -o -name listing \\) -prune -o -print | sort | while read f; do stat -c "%n %A %h" "$f"; done > listing\n';
    const { ansible, tsible } = await ansibleParity(tasks, {}, { files: { 'files/tree/a.txt': 'A\n', 'files/tree/sub/b.txt': 'B\n' } });
    expect(ansible.files.listing).toContain('./d1/d2 drwxr-x---');
    expect(tsible.files).toEqual(ansible.files);
    expect(tsible.changed.slice(0, -1)).toEqual(ansible.changed.slice(0, -1));
    expect(tsible.failed).toEqual(ansible.failed);
  }, 400_000);
});
