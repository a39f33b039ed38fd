import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createKernel, type ModuleDefinition } from 'tsible';
import { renderDoc } from '../../../../core/cli/commands/doc';
import { sshFixture } from '../../../helpers/sshd';
import { cleanEnv } from '../../../helpers/tmp';
import { runTasks, targetDir } from './_harness';

const MODULES = ['copy', 'fetch', 'slurp', 'file', 'template', 'lineinfile', 'blockinfile', 'replace', 'ini_file', 'stat', 'find',
  'tempfile', 'archive', 'unarchive'];

describe('file modules with become over ssh', () => {
  test('the sudo user writes root-owned files in a root-only directory', async () => {
    const t = targetDir('ssh');
    try {
      const root = join(t.dir, 'etc');
      mkdirSync(root, { mode: 0o755 });
      writeFileSync(join(root, 'existing.conf'), 'keep=1\n', { mode: 0o600 });
      const tasks = `
    - name: denied
      copy: { content: "x\\n", dest: "{{ root }}/denied.conf" }
      ignore_errors: true
    - name: copy
      copy: { content: "a=1\\n", dest: "{{ root }}/app.conf", owner: root, group: root, mode: "0640", backup: true }
      become: true
    - name: copy again
      copy: { content: "a=1\\n", dest: "{{ root }}/app.conf", owner: root, group: root, mode: "0640" }
      become: true
    - name: template
      template: { src: t.j2, dest: "{{ root }}/existing.conf" }
      become: true
    - name: directory
      file: { path: "{{ root }}/sub/dir", state: directory, mode: "0700" }
      become: true
    - name: stat
      stat: { path: "{{ root }}/existing.conf" }
      become: true
    - name: tempfile
      tempfile: { path: "{{ root }}", suffix: .tmp }
      become: true
`;
      const run = await runTasks('ssh', tasks, { extraVars: { root }, files: { 'templates/t.j2': "rendered={{ 6 * 7 }} it's \"quoted\" $HOME `id` %s \\\\\n" },
        hostVars: { ansible_become_password: sshFixture().password } });
      expect(run.task('denied').result.failed).toBe(true);
      expect(run.task('copy')).toMatchObject({ changed: true, result: { owner: 'root', group: 'root', mode: '0640', uid: 0 } });
      expect(run.task('copy again').changed).toBe(false);
      expect(statSync(join(root, 'app.conf'))).toMatchObject({ uid: 0, gid: 0 });
      // Written by printf through sudo's sh -c: quotes, $, backquotes, % and backslashes as they are.
      expect(readFileSync(join(root, 'existing.conf'), 'utf8')).toBe("rendered=42 it's \"quoted\" $HOME `id` %s \\\\\n");
      expect(statSync(join(root, 'existing.conf')).mode & 0o777).toBe(0o600);
      expect(statSync(join(root, 'sub/dir')).uid).toBe(0);
      expect(statSync(join(root, 'sub/dir')).mode & 0o777).toBe(0o700);
      expect(run.task('stat').result.stat).toMatchObject({ exists: true, pw_name: 'root', readable: true });
      const temp = run.task('tempfile').result;
      expect(String(temp.path)).toMatch(new RegExp(`^${root}/ansible\\.[a-z0-9_]{8}\\.tmp$`));
      expect(statSync(temp.path as string)).toMatchObject({ uid: 0 });
      expect(statSync(temp.path as string).mode & 0o777).toBe(0o600);
    } finally {
      t.cleanup();
    }
  });
});

describe('file modules becoming an unprivileged user over ssh', () => {
  test('copy and lineinfile as `nobody` (sudo without password) into its private directory', async () => {
    const t = targetDir('ssh');
    try {
      const dir = join(t.dir, 'nobody');
      mkdirSync(dir, { mode: 0o700 });
      execFileSync('chown', ['nobody', dir]);
      const run = await runTasks('ssh', `
    - name: copy
      copy: { content: "n=1\\n", dest: "{{ dir }}/n.conf" }
      become: true
      become_user: nobody
    - name: edit
      lineinfile: { path: "{{ dir }}/n.conf", line: "m=2" }
      become: true
      become_user: nobody
`, { extraVars: { dir } });
      expect(run.task('copy')).toMatchObject({ changed: true, result: { owner: 'nobody' } });
      expect(run.task('edit').changed).toBe(true);
      expect(readFileSync(join(dir, 'n.conf'), 'utf8')).toBe('n=1\nm=2\n');
    } finally {
      t.cleanup();
    }
  });
});

describe('tsible doc for the file modules', () => {
  test.each(MODULES)('%s documents its options', async (name) => {
    const kernel = await createKernel({ cwd: __dirname, env: cleanEnv(), configFile: false });
    try {
      const def = (await kernel.resolve('module', name)) as ModuleDefinition;
      const text = renderDoc(def, `plugins/module/${name}.ts`);
      expect(text).toContain(`> MODULE ${name}`);
      for (const [option, spec] of Object.entries(def.options ?? {})) {
        expect(text).toContain(`${spec.required ? '=' : '-'} ${option}\n`);
        for (const alias of spec.aliases ?? []) expect(text).toContain(alias);
      }
    } finally {
      await kernel.dispose();
    }
  });
});
