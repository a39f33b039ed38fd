import { existsSync, lstatSync, mkdirSync, readlinkSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runTasks, targetDir, TARGETS } from './_harness';

const mode = (p: string) => (statSync(p).mode & 0o7777).toString(8);

describe.each(TARGETS)('file over %s', (target) => {
  test('directory, touch, file attributes, absent; idempotent; check mode and diff', async () => {
    const t = targetDir(target);
    const work = t.dir;
    try {
      const run = await runTasks(target, `
    - name: dir check
      file: { path: "{{ work }}/c/d", state: directory }
      check_mode: true
    - name: dir
      file: { path: "{{ work }}/a/b/c", state: directory, mode: "0750" }
    - name: dir again
      file: { path: "{{ work }}/a/b/c", state: directory, mode: "u=rwx,g=rx" }
    - name: touch
      file: { path: "{{ work }}/a/t.txt", state: touch, mode: "0600" }
    - name: touch preserve
      file: { path: "{{ work }}/a/t.txt", state: touch, modification_time: preserve, access_time: preserve }
    - name: chmod symbolic
      file: { path: "{{ work }}/a/t.txt", mode: "g+r,o+r" }
      diff: true
    - name: chmod symbolic again
      file: { path: "{{ work }}/a/t.txt", mode: "g+r,o+r" }
    - name: mtime
      file: { path: "{{ work }}/a/t.txt", state: file, modification_time: "202001021030.15", access_time: preserve }
    - name: missing file
      file: { path: "{{ work }}/none", state: file }
      ignore_errors: true
    - name: file over dir
      file: { path: "{{ work }}/a", state: file }
      ignore_errors: true
    - name: recurse check
      file: { path: "{{ work }}/a", state: directory, recurse: true, mode: "u+rwX,g+rX,o-rwx" }
      check_mode: true
    - name: recurse
      file: { path: "{{ work }}/a", state: directory, recurse: true, mode: "u+rwX,g+rX,o-rwx" }
    - name: recurse check again
      file: { path: "{{ work }}/a", state: directory, recurse: true, mode: "u+rwX,g+rX,o-rwx" }
      check_mode: true
    - name: recurse again
      file: { path: "{{ work }}/a", state: directory, recurse: true, mode: "u+rwX,g+rX,o-rwx" }
    - name: absent
      file: { path: "{{ work }}/a", state: absent }
      diff: true
    - name: absent again
      file: { path: "{{ work }}/a", state: absent }
`, { extraVars: { work } });
      expect(run.task('dir check')).toMatchObject({ changed: true });
      expect(existsSync(join(work, 'c'))).toBe(false);
      expect(run.task('dir')).toMatchObject({ changed: true, result: { path: `${work}/a/b/c`, state: 'directory', mode: '0750' } });
      expect(run.task('dir again').changed).toBe(false);
      expect(run.task('touch')).toMatchObject({ changed: true, result: { state: 'file', mode: '0600', size: 0 } });
      expect(run.task('touch preserve').changed).toBe(false);
      expect(run.task('chmod symbolic')).toMatchObject({ changed: true, result: { mode: '0644',
        diff: { before: { path: `${work}/a/t.txt`, state: 'file', mode: '0600' }, after: { path: `${work}/a/t.txt`, state: 'file', mode: '0644' } } } });
      expect(run.task('chmod symbolic again').changed).toBe(false);
      expect(run.task('mtime').changed).toBe(true);
      expect(run.task('missing file').result.msg).toBe(`file (${work}/none) is absent, cannot continue`);
      expect(run.task('file over dir').result.msg).toBe(`file (${work}/a) is directory, cannot continue`);
      expect(run.task('recurse check').changed).toBe(true);
      expect(run.task('recurse').changed).toBe(true);
      expect(run.task('recurse check again').changed).toBe(false);
      expect(run.task('recurse again').changed).toBe(false);
      expect(run.task('absent')).toMatchObject({ changed: true, result: { path: `${work}/a`, state: 'absent',
        diff: { before: { path: `${work}/a`, state: 'directory' }, after: { path: `${work}/a`, state: 'absent' } } } });
      expect(run.task('absent again').changed).toBe(false);
      expect(existsSync(join(work, 'a'))).toBe(false);
    } finally {
      t.cleanup();
    }
  });

  test('every directory a nested state=directory creates gets the mode, whatever the slashes', async () => {
    const t = targetDir(target);
    try {
      const work = t.dir;
      const run = await runTasks(target, `
    - name: nested
      file: { path: "{{ work }}//n1/n2//n3/", state: directory, mode: "0705" }
    - name: nested again
      file: { path: "{{ work }}/n1/n2/n3", state: directory, mode: "0705" }
`, { extraVars: { work } });
      expect(run.exitCode).toBe(0);
      expect(run.task('nested').changed).toBe(true);
      expect(run.task('nested again').changed).toBe(false);
      for (const dir of ['n1', 'n1/n2', 'n1/n2/n3']) expect(mode(join(work, dir))).toBe('705');
      expect(mode(work)).not.toBe('705');
    } finally {
      t.cleanup();
    }
  });

  test('links: symbolic, hard, relink, refusing to replace a file, force', async () => {
    const t = targetDir(target);
    const work = t.dir;
    try {
      writeFileSync(join(work, 'target.txt'), 'x');
      writeFileSync(join(work, 'other.txt'), 'y');
      writeFileSync(join(work, 'plain'), 'p');
      mkdirSync(join(work, 'emptydir'));
      t.own();
      const run = await runTasks(target, `
    - name: link
      file: { src: target.txt, dest: "{{ work }}/l", state: link }
    - name: link again
      file: { src: target.txt, dest: "{{ work }}/l", state: link }
    - name: relink
      file: { src: other.txt, dest: "{{ work }}/l", state: link }
    - name: link over file
      file: { src: target.txt, dest: "{{ work }}/plain", state: link }
      ignore_errors: true
    - name: link over file forced
      file: { src: target.txt, dest: "{{ work }}/plain", state: link, force: true }
    - name: dangling
      file: { src: nowhere, dest: "{{ work }}/dangling", state: link }
      ignore_errors: true
    - name: dangling forced
      file: { src: nowhere, dest: "{{ work }}/dangling", state: link, force: true }
    - name: over empty dir
      file: { src: target.txt, dest: "{{ work }}/emptydir", state: link, force: true }
    - name: hard
      file: { src: "{{ work }}/target.txt", dest: "{{ work }}/h", state: hard }
    - name: hard again
      file: { src: "{{ work }}/target.txt", dest: "{{ work }}/h", state: hard }
`, { extraVars: { work } });
      expect(run.task('link')).toMatchObject({ changed: true, result: { dest: `${work}/l`, src: 'target.txt', state: 'link' } });
      expect(run.task('link again').changed).toBe(false);
      expect(run.task('relink').changed).toBe(true);
      expect(readlinkSync(join(work, 'l'))).toBe('other.txt');
      expect(run.task('link over file').result.msg).toBe(`refusing to convert from file to symlink for ${work}/plain`);
      expect(run.task('link over file forced').changed).toBe(true);
      expect(lstatSync(join(work, 'plain')).isSymbolicLink()).toBe(true);
      expect(run.task('dangling').result.msg).toBe(`src file does not exist, use "force=yes" if you really want to create the link: ${work}/nowhere`);
      expect(readlinkSync(join(work, 'dangling'))).toBe('nowhere');
      expect(lstatSync(join(work, 'emptydir')).isSymbolicLink()).toBe(true);
      expect(run.task('hard')).toMatchObject({ changed: true, result: { state: 'hard' } });
      expect(run.task('hard again').changed).toBe(false);
      expect(statSync(join(work, 'h')).ino).toBe(statSync(join(work, 'target.txt')).ino);
      expect(mode(join(work, 'h'))).toBe(mode(join(work, 'target.txt')));
    } finally {
      t.cleanup();
    }
  });
});
