import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ansibleParity, runTasks, targetDir, TARGETS } from './_harness';

const TEMPLATE = `# {{ ansible_managed }}
# from {{ template_path }} ({{ template_fullpath | basename }}) to {{ template_destpath }}
{% for u in users %}
user {{ u.name }}{% if u.admin %} admin{% endif %}

{% endfor %}
    {% if flag %}
indented
    {% endif %}
{# a comment #}
year ok: {{ template_run_date.year > 2000 }}
`;
const USERS = '[{"name": "ann", "admin": true}, {"name": "bob", "admin": false}]';

function tasks(lstrip: boolean): string {
  return `
    - name: render
      template: { src: conf.j2, dest: "{{ work }}/conf", mode: "0640", lstrip_blocks: ${lstrip} }
      vars: { users: ${USERS}, flag: true }
    - name: render again
      template: { src: conf.j2, dest: "{{ work }}/conf", mode: "0640", lstrip_blocks: ${lstrip} }
      vars: { users: ${USERS}, flag: true }
    - name: crlf
      template: { src: conf.j2, dest: "{{ work }}/crlf", newline_sequence: "\\r\\n", trim_blocks: false }
      vars: { users: [], flag: false }
`;
}

describe.each(TARGETS)('template over %s', (target) => {
  test('renders with Ansible template vars, trim_blocks, idempotent, diff and check mode, errors', async () => {
    const t = targetDir(target);
    try {
      const run = await runTasks(target, `${tasks(false)}
    - name: changed vars in check mode with diff
      template: { src: conf.j2, dest: "{{ work }}/conf" }
      vars: { users: [], flag: false }
      check_mode: true
      diff: true
    - name: missing template
      template: { src: nope.j2, dest: "{{ work }}/x" }
      ignore_errors: true
    - name: undefined variable
      template: { src: conf.j2, dest: "{{ work }}/x" }
      ignore_errors: true
`, { extraVars: { work: t.dir }, files: { 'templates/conf.j2': TEMPLATE } });
      const conf = readFileSync(join(t.dir, 'conf'), 'utf8');
      expect(conf).toBe(`# Ansible managed\n# from conf.j2 (conf.j2) to ${t.dir}/conf\nuser ann admin\nuser bob\n    indented\n    year ok: True\n`);
      expect(run.task('render')).toMatchObject({ changed: true, result: { mode: '0640' } });
      expect(run.task('render again').changed).toBe(false);
      expect(readFileSync(join(t.dir, 'crlf'), 'utf8')).toContain('\r\n\r\n    \r\n');
      const diff = run.task('changed vars in check mode with diff').result;
      expect(diff).toMatchObject({ changed: true, diff: [{ before: conf }] });
      expect(readFileSync(join(t.dir, 'conf'), 'utf8')).toBe(conf);
      expect(run.task('missing template').result.msg).toContain("Could not find or access 'nope.j2'");
      expect(run.task('undefined variable').result).toMatchObject({ failed: true });
      expect(String(run.task('undefined variable').result.msg)).toContain('users');
    } finally {
      t.cleanup();
    }
  });
});

describe('template parity with ansible-playbook', () => {
  // Ansible renders the same template on localhost with:
  //   ansible-playbook -i localhost, -c local play.yml -e work=<dir>   (play.yml = the tasks below)
  // and the files it leaves must be byte-identical to tsible's.
  test.each([false, true])('lstrip_blocks=%s gives the same bytes and changed flags', async (lstrip) => {
    const ours = targetDir('local');
    const theirs = targetDir('local');
    const project = mkdtempSync(join(tmpdir(), 'tsible-ansible-'));
    try {
      mkdirSync(join(project, 'templates'));
      writeFileSync(join(project, 'templates/conf.j2'), TEMPLATE.replace(' to {{ template_destpath }}', ''));
      writeFileSync(join(project, 'play.yml'), `- hosts: all\n  gather_facts: false\n  tasks:\n${tasks(lstrip)}`);
      const out = execFileSync('ansible-playbook', ['-i', 'localhost,', '-c', 'local', 'play.yml', '-e', `work=${theirs.dir}`], {
        cwd: project, encoding: 'utf8', env: { ...process.env, ANSIBLE_NOCOLOR: '1', ANSIBLE_PYTHON_INTERPRETER: '/usr/bin/python3' },
      });
      expect(out).toMatch(/ok=3 +changed=2/);
      const run = await runTasks('local', tasks(lstrip), { extraVars: { work: ours.dir },
        files: { 'templates/conf.j2': TEMPLATE.replace(' to {{ template_destpath }}', '') } });
      expect(run.outcomes.map((o) => o.changed)).toEqual([true, false, true]);
      for (const f of ['conf', 'crlf']) expect(readFileSync(join(ours.dir, f), 'utf8')).toBe(readFileSync(join(theirs.dir, f), 'utf8'));
    } finally {
      ours.cleanup();
      theirs.cleanup();
      rmSync(project, { recursive: true, force: true });
    }
  });
});

describe('template: parity with ansible-playbook', () => {
  test('includes and imports, a lone expression with its trailing newline, escapes in string literals', async () => {
    const files = {
      'templates/main.j2': "head\n{% include 'part.j2' %}\nmid {% include \"part.j2\" %} tail\n{% from 'macros.j2' import greet %}\n{{ greet('x') }}\n{%- include 'part.j2' -%}\n  end\n{% include 'sub/inner.j2' %}\n",
      'templates/part.j2': 'part {{ v }}\n',
      'templates/macros.j2': '{% macro greet(n) %}hi {{ n }}{% endmacro %}\n',
      'templates/sub/inner.j2': "inner {% include 'sub/leaf.j2' %}\n",
      'templates/sub/leaf.j2': 'leaf',
      'templates/lone.j2': '{{ 6 * 7 }}\n',
      'templates/dict.j2': '{{ d }}\n\n',
      'templates/escape.j2': "{{ 'a\\tb' }}|{{ \"c\\nd\" }}|{{ 'e\\\\f' }}\n",
    };
    const task = ['main', 'lone', 'dict', 'escape']
      .map((n) => `    - template: { src: ${n}.j2, dest: "{{ work }}/${n}" }\n      vars: { v: 7, d: { k: [1, 'two'] } }\n`).join('');
    const { ansible, tsible } = await ansibleParity(task, {}, { files });
    expect(ansible.files.main).toContain('part 7');
    expect(ansible.files.lone).toBe('42\n');
    expect(ansible.files.escape).toContain('a\tb');
    expect(tsible.files).toEqual(ansible.files);
  }, 400_000);
});
