import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, readlinkSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { sshFixture } from '../../../helpers/sshd';
import { runTasks, targetDir } from './_harness';

describe('paths with spaces, quotes and dollar signs (over ssh)', () => {
  test('every kind of step quotes them', async () => {
    const t = targetDir('ssh');
    const odd = join(t.dir, `it's a $dir "x"`);
    try {
      const run = await runTasks('ssh', `
    - name: dir
      file: { path: "{{ odd }}/sub", state: directory }
    - name: copy
      copy: { content: "a\\n", dest: "{{ odd }}/sub/f g.txt", backup: true, validate: "test -s %s" }
    - name: tree
      copy: { src: "tree/", dest: "{{ odd }}/tree/" }
    - name: link
      file: { src: "f g.txt", dest: "{{ odd }}/sub/l n", state: link }
    - name: edit
      lineinfile: { path: "{{ odd }}/sub/f g.txt", line: "b", backup: true }
    - name: stat
      stat: { path: "{{ odd }}/sub/l n", follow: true }
    - name: find
      find: { paths: "{{ odd }}", recurse: true, patterns: "* *", excludes: "*~" }
    - name: archive
      archive: { path: "{{ odd }}/sub", dest: "{{ odd }}/a b.tgz" }
`, { extraVars: { odd }, files: { "files/tree/x y'z.txt": 'q\n' } });
      expect(run.exitCode).toBe(0);
      expect(readFileSync(join(odd, 'sub/f g.txt'), 'utf8')).toBe('a\nb\n');
      expect(readFileSync(join(odd, "tree/x y'z.txt"), 'utf8')).toBe('q\n');
      expect(readlinkSync(join(odd, 'sub/l n'))).toBe('f g.txt');
      expect(run.task('stat').result.stat).toMatchObject({ exists: true, isreg: true, size: 4 });
      expect((run.task('find').result.files as Array<{ path: string }>).map((f) => f.path).sort())
        .toEqual([join(odd, 'sub/f g.txt'), join(odd, "tree/x y'z.txt")]);
      expect(existsSync(join(odd, 'a b.tgz'))).toBe(true);
    } finally {
      t.cleanup();
    }
  });
});

describe('~ in path arguments (over ssh)', () => {
  test('expands to the login user\'s home on the target', async () => {
    const name = `tsible-tilde-${process.pid}`;
    const home = execFileSync('sh', ['-c', `getent passwd ${sshFixture().user} | cut -d: -f6`], { encoding: 'utf8' }).trim();
    try {
      const run = await runTasks('ssh', `
    - name: copy
      copy: { content: "t\\n", dest: "~/${name}" }
    - name: stat
      stat: { path: "~${sshFixture().user}/${name}" }
    - name: lineinfile
      lineinfile: { path: "~/${name}", line: u }
`);
      expect(run.task('copy').result.dest).toBe(`${home}/${name}`);
      expect(run.task('stat').result.stat).toMatchObject({ exists: true, path: `${home}/${name}` });
      expect(readFileSync(join(home, name), 'utf8')).toBe('t\nu\n');
    } finally {
      rmSync(join(home, name), { force: true });
    }
  });
});
