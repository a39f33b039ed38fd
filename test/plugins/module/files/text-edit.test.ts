import { chmodSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { sshFixture } from '../../../helpers/sshd';
import { ansibleParity, runTasks, targetDir, TARGETS } from './_harness';

const CONF = '# settings\nPort 22\n#PermitRootLogin yes\nListenAddress 0.0.0.0\n\n[section]\nkey = old\nlast line without newline';

// Each task runs twice in the playbook, so the parity check also covers idempotence.
const PARITY_TASKS = [
  'lineinfile: { path: "{{ work }}/conf", regexp: "^Port ", line: "Port 2222" }',
  'lineinfile: { path: "{{ work }}/conf", regexp: "^#?PermitRootLogin", line: "PermitRootLogin no" }',
  'lineinfile: { path: "{{ work }}/conf", line: "AddedAtEnd yes" }',
  'lineinfile: { path: "{{ work }}/conf", line: "AfterListen 1", insertafter: "^ListenAddress" }',
  'lineinfile: { path: "{{ work }}/conf", line: "# first", insertbefore: BOF }',
  'lineinfile: { path: "{{ work }}/conf", line: "BeforeSection x", insertbefore: "^\\\\[section\\\\]", firstmatch: true }',
  'lineinfile: { path: "{{ work }}/conf", regexp: "^key = (\\\\w+)", line: "key = new-\\\\1", backrefs: true }',
  'lineinfile: { path: "{{ work }}/conf", regexp: "^nomatch(.*)", line: "x\\\\1", backrefs: true }',
  'lineinfile: { path: "{{ work }}/conf", search_string: "0.0.0.0", line: "ListenAddress 127.0.0.1" }',
  'lineinfile: { path: "{{ work }}/conf", regexp: "^#", state: absent }',
  'lineinfile: { path: "{{ work }}/new/created", line: "hello", create: true }',
  'lineinfile: { path: "{{ work }}/missing", line: "x" }',
  'blockinfile: { path: "{{ work }}/conf", block: "a = 1\\nb = 2" }',
  'blockinfile: { path: "{{ work }}/conf", block: "top", marker: "// {mark} top", insertbefore: BOF }',
  'blockinfile: { path: "{{ work }}/conf", block: "mid", marker: "# {mark} mid", insertafter: "^Port" }',
  'blockinfile: { path: "{{ work }}/conf", block: "a = 1\\nb = 3" }',
  'blockinfile: { path: "{{ work }}/conf", marker: "# {mark} mid", state: absent }',
  'blockinfile: { path: "{{ work }}/b2", block: "x", create: true, marker_begin: START, marker_end: STOP }',
  'replace: { path: "{{ work }}/rep", regexp: "(\\\\w+)@example\\\\.com", replace: "\\\\1@example.org" }',
  'replace: { path: "{{ work }}/rep", regexp: "^#.*$", replace: "", after: "BEGIN", before: "END" }',
  'replace: { path: "{{ work }}/rep", regexp: "(?P<k>\\\\w+)=(?P<v>\\\\d+)", replace: "\\\\g<v>=\\\\g<k>" }',
  'replace: { path: "{{ work }}/rep", regexp: "never", replace: "x", after: "NOPE" }',
];

describe('lineinfile, blockinfile and replace: parity with ansible-playbook', () => {
  test('same files and changed flags, each task run twice', async () => {
    const tasks = PARITY_TASKS.flatMap((t) => [t, t]).map((t) => `    - ${t}\n      ignore_errors: true\n`).join('');
    const { ansible, tsible } = await ansibleParity(tasks, {
      conf: CONF, rep: 'ann@example.com bob@example.com\n# c1\nBEGIN\n# c2\nx=1\nEND\n# c3\n',
    });
    expect(tsible.files).toEqual(ansible.files);
    expect(tsible.changed).toEqual(ansible.changed);
    expect(tsible.failed).toEqual(ansible.failed);
    // Second runs are ok except where Ansible itself changes again (both sides are compared above).
    expect(tsible.changed.filter((c, i) => i % 2 === 1 && c).length).toBeLessThanOrEqual(1);
  }, 400_000);
});

describe.each(TARGETS)('text editing over %s', (target) => {
  test('check mode, diff, backup, validate, attributes and errors', async () => {
    const t = targetDir(target);
    try {
      writeFileSync(join(t.dir, 'f'), 'a\nb\n');
      t.own();
      const run = await runTasks(target, `
    - name: check
      lineinfile: { path: "{{ work }}/f", line: c }
      check_mode: true
      diff: true
    - name: add with backup
      lineinfile: { path: "{{ work }}/f", line: c, backup: true, mode: "0600" }
    - name: validate
      lineinfile: { path: "{{ work }}/f", line: d, validate: "grep -q nothing %s" }
      ignore_errors: true
    - name: attrs only
      blockinfile: { path: "{{ work }}/f", block: "", mode: "0644" }
    - name: replace diff
      replace: { path: "{{ work }}/f", regexp: "^b$", replace: B }
      diff: true
    - name: dir
      lineinfile: { path: "{{ work }}", line: x }
      ignore_errors: true
    - name: bad regex
      replace: { path: "{{ work }}/f", regexp: "(", replace: x }
      ignore_errors: true
`, { extraVars: { work: t.dir } });
      const f = join(t.dir, 'f');
      expect(run.task('check')).toMatchObject({ changed: true, result: { msg: 'line added',
        diff: [{ before: 'a\nb\n', after: 'a\nb\nc\n', before_header: `${f} (content)` }, { before_header: `${f} (file attributes)` }] } });
      const added = run.task('add with backup').result;
      expect(added).toMatchObject({ changed: true, msg: 'line added and ownership, perms or SE linux context changed' });
      expect(readFileSync(added.backup as string, 'utf8')).toBe('a\nb\n');
      expect(run.task('validate').result.msg).toMatch(/^failed to validate: rc:1 error:/);
      expect(run.task('attrs only')).toMatchObject({ changed: true, result: { msg: 'ownership, perms or SE linux context changed' } });
      expect(statSync(f).mode & 0o777).toBe(0o644);
      expect(run.task('replace diff').result).toMatchObject({ changed: true, msg: '1 replacements made', diff: { before: 'a\nb\nc\n', after: 'a\nB\nc\n', before_header: f } });
      expect(run.task('dir').result).toMatchObject({ failed: true, rc: 256, msg: `Path ${t.dir} is a directory !` });
      expect(run.task('bad regex').result.failed).toBe(true);
      expect(readFileSync(f, 'utf8')).toBe('a\nB\nc\n');
    } finally {
      t.cleanup();
    }
  });
});

describe('text editing with become over ssh', () => {
  test('the sudo user edits a root-owned 0600 file and keeps its owner and mode', async () => {
    const t = targetDir('ssh');
    try {
      const f = join(t.dir, 'root.conf');
      writeFileSync(f, 'x=1\n');
      chmodSync(f, 0o600);
      const run = await runTasks('ssh', `
    - name: no become
      lineinfile: { path: "{{ work }}/root.conf", line: "y=2" }
      ignore_errors: true
    - name: become
      lineinfile: { path: "{{ work }}/root.conf", line: "y=2" }
      become: true
    - name: become again
      lineinfile: { path: "{{ work }}/root.conf", line: "y=2" }
      become: true
`, { extraVars: { work: t.dir }, hostVars: { ansible_become_password: sshFixture().password } });
      expect(run.task('no become').result.msg).toBe(`${f} is not readable (become may be needed)`);
      expect(run.task('become').changed).toBe(true);
      expect(run.task('become again').changed).toBe(false);
      expect(readFileSync(f, 'utf8')).toBe('x=1\ny=2\n');
      expect(statSync(f)).toMatchObject({ uid: 0, gid: 0 });
      expect(statSync(f).mode & 0o777).toBe(0o600);
    } finally {
      t.cleanup();
    }
  });
});
