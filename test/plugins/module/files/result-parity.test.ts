import { ansibleParity } from './_harness';

// Each task is registered and its result written as "keys" + the values of the keys that are
// stable between two runs in different directories (paths are written relative to W).
const TASKS: Array<[string, string[]]> = [
  ['copy: { content: "a\\n", dest: "{{ work }}/c", mode: "0640" }', ['checksum', 'dest', 'md5sum', 'mode', 'size', 'state', 'changed']],
  ['copy: { content: "a\\n", dest: "{{ work }}/c", mode: "0640" }', ['checksum', 'dest', 'path', 'mode', 'size', 'state', 'changed', 'diff']],
  ['copy: { content: "b\\n", dest: "{{ work }}/c" }\n      check_mode: true', ['checksum', 'dest', 'changed']],
  ['template: { src: t.j2, dest: "{{ work }}/t" }', ['checksum', 'dest', 'md5sum', 'mode', 'size', 'state', 'changed']],
  ['file: { path: "{{ work }}/d", state: directory }', ['path', 'mode', 'state', 'changed', 'diff']],
  ['copy: { content: "z", dest: "{{ work }}/d/inner" }', ['changed']],
  ['file: { path: "{{ work }}/l", src: c, state: link }', ['path', 'src', 'state', 'changed', 'diff']],
  ['file: { path: "{{ work }}/l", state: absent }', ['path', 'state', 'changed', 'diff']],
  ['lineinfile: { path: "{{ work }}/c", line: x }', ['msg', 'backup', 'changed', 'diff']],
  ['lineinfile: { path: "{{ work }}/c", line: x, state: absent }', ['msg', 'found', 'changed']],
  ['blockinfile: { path: "{{ work }}/c", block: y }', ['msg', 'changed']],
  ['replace: { path: "{{ work }}/c", regexp: "^a$", replace: A }', ['msg', 'rc', 'changed']],
  ['ini_file: { path: "{{ work }}/i.ini", section: s, option: o, value: v }', ['msg', 'path', 'changed', 'diff']],
  ['slurp: { src: "{{ work }}/c" }', ['content', 'encoding', 'source']],
  ['fetch: { src: "{{ work }}/c", dest: "{{ work }}/fetched/", flat: true }', ['checksum', 'remote_checksum', 'md5sum', 'dest', 'changed']],
  ['tempfile: { path: "{{ work }}" }', ['state', 'mode', 'changed']],
  ['archive: { path: "{{ work }}/d", dest: "{{ work }}/d.tgz" }', ['state', 'dest_state', 'arcroot', 'missing', 'changed']],
  ['unarchive: { src: "{{ work }}/d.tgz", dest: "{{ work }}/d", remote_src: true }', ['handler', 'dest', 'changed']],
];

describe('registered results: parity with ansible-playbook', () => {
  test('same keys and stable values', async () => {
    const tasks = TASKS.map(([task, keys], i) => `    - ${task}
      register: r
    - copy:
        dest: "{{ work }}/out-${i}"
        content: |
          keys={{ r.keys() | reject('in', ['invocation', '_ansible_no_log', 'failed']) | sort | join(',') }}
          {% for k in ${JSON.stringify(keys)} if k in r %}{{ k }}={{ r[k] | string | replace(work, 'W') }}
          {% endfor %}
`).join('');
    const { ansible, tsible } = await ansibleParity(tasks, {}, { files: { 'templates/t.j2': 'n={{ 1 + 1 }}\n' } });
    expect(Object.keys(ansible.files).filter((k) => k.startsWith('out-'))).toHaveLength(TASKS.length);
    const outs = (files: Record<string, string>) => Object.fromEntries(Object.entries(files).filter(([k]) => k.startsWith('out-')));
    expect(outs(tsible.files)).toEqual(outs(ansible.files));
  }, 400_000);
});
