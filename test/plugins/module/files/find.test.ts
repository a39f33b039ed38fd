import { mkdirSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { ansibleParity, runTasks, targetDir, TARGETS } from './_harness';

const TREE: Record<string, string> = {
  'tree/a.txt': 'alpha\nneedle here\n', 'tree/b.log': 'x'.repeat(3000), 'tree/.hidden.txt': 'h\n',
  'tree/sub/c.txt': 'no\n', 'tree/sub/deep/d.txt': 'needle\n', 'tree/.hdir/e.txt': 'e\n', 'tree/sub/f.LOG': 'f\n',
};

const QUERIES = [
  'paths: "{{ work }}/tree"',
  'paths: "{{ work }}/tree", recurse: true',
  'paths: "{{ work }}/tree", recurse: true, hidden: true',
  'paths: "{{ work }}/tree", recurse: true, depth: 2',
  'paths: "{{ work }}/tree", recurse: true, patterns: ["*.txt", "*.LOG"], excludes: ["c*"]',
  'paths: "{{ work }}/tree", recurse: true, patterns: "^[a-c]\\\\.", use_regex: true',
  'paths: "{{ work }}/tree", recurse: true, contains: "needle"',
  'paths: "{{ work }}/tree", recurse: true, size: "2k"',
  'paths: "{{ work }}/tree", recurse: true, size: "-10"',
  'paths: "{{ work }}/tree", recurse: true, file_type: directory',
  'paths: "{{ work }}/tree", recurse: true, file_type: any, hidden: true',
  'paths: ["{{ work }}/tree/sub", "{{ work }}/nope"], recurse: true',
];

describe('find: parity with ansible-playbook', () => {
  test('same matches and examined counts', async () => {
    const tasks = QUERIES.map((q, i) => `    - find: { ${q} }
      register: r
    - copy:
        dest: "{{ work }}/out-${i}"
        content: "{{ (r.files | map(attribute='path') | sort | join(',')) | replace(work, 'W') }} matched={{ r.matched }} examined={{ r.examined }} {{ r.msg }}"
`).join('');
    const { ansible, tsible } = await ansibleParity(tasks, TREE);
    expect(Object.keys(ansible.files).filter((k) => k.startsWith('out-'))).toHaveLength(QUERIES.length);
    expect(ansible.files['out-6']).toBe('W/tree/a.txt,W/tree/sub/deep/d.txt matched=2 examined=10 All paths examined');
    expect(tsible.files).toEqual(ansible.files);
    expect(tsible.failed).toEqual(ansible.failed);
  }, 400_000);
});

describe.each(TARGETS)('find over %s', (target) => {
  test('stat fields, checksum, age and bad arguments', async () => {
    const t = targetDir(target);
    try {
      mkdirSync(join(t.dir, 'd'));
      writeFileSync(join(t.dir, 'd/old'), 'old\n');
      writeFileSync(join(t.dir, 'd/new'), 'new\n');
      utimesSync(join(t.dir, 'd/old'), new Date('2001-01-01'), new Date('2001-01-01'));
      symlinkSync('new', join(t.dir, 'd/link'));
      t.own();
      const run = await runTasks(target, `
    - name: old
      find: { paths: "{{ work }}/d", age: 4w, get_checksum: true }
    - name: young
      find: { paths: "{{ work }}/d", age: -1d }
    - name: links
      find: { paths: "{{ work }}/d", file_type: link }
    - name: bad age
      find: { paths: "{{ work }}/d", age: soon }
      ignore_errors: true
`, { extraVars: { work: t.dir } });
      const old = run.task('old').result;
      expect(old).toMatchObject({ changed: false, matched: 1, examined: 3, msg: 'All paths examined' });
      expect((old.files as Array<Record<string, unknown>>)[0]).toMatchObject({ path: `${t.dir}/d/old`, isreg: true, size: 4, mode: '0644',
        checksum: createHash('sha1').update('old\n').digest('hex') });
      expect((run.task('young').result.files as Array<{ path: string }>).map((f) => f.path)).toEqual([`${t.dir}/d/new`]);
      expect(run.task('links').result).toMatchObject({ matched: 1, files: [{ path: `${t.dir}/d/link`, islnk: true }] });
      expect(run.task('bad age').result).toMatchObject({ failed: true, msg: 'failed to process age' });
    } finally {
      t.cleanup();
    }
  });
});
