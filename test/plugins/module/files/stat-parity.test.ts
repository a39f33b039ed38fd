import { ansibleParity } from './_harness';

const STABLE = ['exists', 'path', 'mode', 'isdir', 'isreg', 'islnk', 'isfifo', 'issock', 'isblk', 'ischr', 'uid', 'gid', 'pw_name', 'gr_name',
  'size', 'dev', 'nlink', 'wusr', 'rusr', 'xusr', 'wgrp', 'rgrp', 'xgrp', 'woth', 'roth', 'xoth', 'isuid', 'isgid',
  'readable', 'writeable', 'executable', 'lnk_source', 'lnk_target', 'checksum', 'mimetype', 'charset', 'blocks', 'block_size', 'device_type'];

// inode and times differ between the two copies of the tree; `_ansible_no_log` is left out because
// the engine (not the module) keeps it in registered results.
describe('stat and find results: parity with ansible-playbook', () => {
  test('same keys and values', async () => {
    const probes = ['data.txt', 'dir', 'link', 'nope'];
    const tasks = probes.map((p, i) => `    - stat: { path: "{{ work }}/${p}", checksum_algorithm: sha256 }
      register: s
    - copy:
        dest: "{{ work }}/stat-${i}"
        content: |
          keys={{ s.stat.keys() | reject('in', ['atime', 'attributes', 'attr_flags', 'version']) | sort | join(',') }}
          {% for k in ${JSON.stringify(STABLE)} if k in s.stat %}{{ k }}={{ s.stat[k] | string | replace(work, 'W') }}
          {% endfor %}
`).join('') + `    - find: { paths: "{{ work }}", file_type: any }
      register: f
    - copy:
        dest: "{{ work }}/find-keys"
        content: "{{ f.files[0].keys() | sort | join(',') }} {{ f.keys() | reject('in', ['invocation', '_ansible_no_log']) | sort | join(',') }}"
`;
    const { ansible, tsible } = await ansibleParity(`    - file: { src: data.txt, dest: "{{ work }}/link", state: link }\n${tasks}`, { 'data.txt': 'some text\n', 'dir/x': 'x' });
    expect(ansible.files['stat-0']).toContain('checksum=');
    expect(tsible.files).toEqual(ansible.files);
  }, 400_000);
});
