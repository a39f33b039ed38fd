import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ansibleParity, runTasks, targetDir, TARGETS } from './_harness';

const INI = 'top = 1\n[main]\n# comment\nname = old\nmulti = a\nmulti = b\n;disabled = x\n\n[other]\nkey=v\n';

const PARITY_TASKS = [
  'ini_file: { path: "{{ work }}/a.ini", section: main, option: name, value: new }',
  'ini_file: { path: "{{ work }}/a.ini", section: main, option: added, value: "1" }',
  'ini_file: { path: "{{ work }}/a.ini", section: main, option: disabled, value: "y" }',
  'ini_file: { path: "{{ work }}/a.ini", section: main, option: multi, values: [b, c] }',
  'ini_file: { path: "{{ work }}/a.ini", section: other, option: key, value: w, no_extra_spaces: true }',
  'ini_file: { path: "{{ work }}/a.ini", section: fresh, option: k, value: v }',
  'ini_file: { path: "{{ work }}/a.ini", section: null, option: top, value: "2" }',
  'ini_file: { path: "{{ work }}/a.ini", section: main, option: flag, allow_no_value: true }',
  'ini_file: { path: "{{ work }}/a.ini", section: main, option: added, state: absent }',
  'ini_file: { path: "{{ work }}/a.ini", section: other, state: absent }',
  'ini_file: { path: "{{ work }}/a.ini", section: empty }',
  'ini_file: { path: "{{ work }}/sub/new.ini", section: s, option: o, value: v }',
  'ini_file: { path: "{{ work }}/none.ini", section: s, option: o, value: v, create: false }',
];

describe('ini_file: parity with ansible-playbook (community.general.ini_file)', () => {
  test('same files and changed flags, each task run twice', async () => {
    const tasks = PARITY_TASKS.flatMap((t) => [t, t]).map((t) => `    - ${t}\n      ignore_errors: true\n`).join('');
    const { ansible, tsible } = await ansibleParity(tasks, { 'a.ini': INI });
    expect(tsible.files).toEqual(ansible.files);
    expect(tsible.changed).toEqual(ansible.changed);
    expect(tsible.failed).toEqual(ansible.failed);
  }, 400_000);
});

describe.each(TARGETS)('ini_file over %s', (target) => {
  test('check mode, diff, backup, messages', async () => {
    const t = targetDir(target);
    try {
      writeFileSync(join(t.dir, 'a.ini'), INI);
      t.own();
      const run = await runTasks(target, `
    - name: check
      ini_file: { path: "{{ work }}/a.ini", section: main, option: name, value: new }
      check_mode: true
      diff: true
    - name: change
      ini_file: { path: "{{ work }}/a.ini", section: main, option: name, value: new, backup: true }
    - name: again
      ini_file: { path: "{{ work }}/a.ini", section: main, option: name, value: new }
    - name: no value
      ini_file: { path: "{{ work }}/a.ini", section: main, option: name }
      ignore_errors: true
`, { extraVars: { work: t.dir } });
      expect(run.task('check')).toMatchObject({ changed: true, result: { msg: 'option changed', path: `${t.dir}/a.ini`,
        diff: { before: INI, after: INI.replace('name = old', 'name = new'), before_header: `${t.dir}/a.ini (content)` } } });
      expect(run.task('change').changed).toBe(true);
      expect(readFileSync(run.task('change').result.backup_file as string, 'utf8')).toBe(INI);
      expect(run.task('again')).toMatchObject({ changed: false, result: { msg: 'OK' } });
      expect(run.task('no value').result.msg).toBe("Parameter 'value(s)' must be defined if state=present and allow_no_value=False.");
      expect(readFileSync(join(t.dir, 'a.ini'), 'utf8')).toBe(INI.replace('name = old', 'name = new'));
    } finally {
      t.cleanup();
    }
  });
});
