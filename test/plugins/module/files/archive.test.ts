import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ansibleParity, runTasks, targetDir, TARGETS } from './_harness';

const SOURCES = { 'src/a.txt': 'A\n', 'src/sub/b.txt': 'B\n', 'src/skip.log': 'L\n', 'single.txt': 'single\n' };

// Every task twice (idempotence), then the archives are removed so only extracted trees are compared.
const PARITY_TASKS = [
  'file: { path: "{{ work }}/x1", state: directory }',
  'file: { path: "{{ work }}/x2", state: directory }',
  'archive: { path: "{{ work }}/src", dest: "{{ work }}/out.tar.gz" }',
  'archive: { path: "{{ work }}/src", dest: "{{ work }}/out.zip", format: zip }',
  'archive: { path: "{{ work }}/single.txt", format: xz }',
  'archive: { path: ["{{ work }}/src/a.txt", "{{ work }}/src/sub"], dest: "{{ work }}/two.tar", format: tar }',
  'unarchive: { src: "{{ work }}/out.tar.gz", dest: "{{ work }}/x1", remote_src: true }',
  'unarchive: { src: "{{ work }}/out.zip", dest: "{{ work }}/x2", remote_src: true }',
  'unarchive: { src: "{{ work }}/two.tar", dest: "{{ work }}/x1", remote_src: true, exclude: ["sub/b.txt"] }',
  'unarchive: { src: "{{ work }}/nope.tar", dest: "{{ work }}/x1", remote_src: true }',
];

describe('archive and unarchive: parity with ansible-playbook', () => {
  test('same changed flags and extracted files', async () => {
    const tasks = PARITY_TASKS.flatMap((t) => [t, t]).map((t) => `    - ${t}\n      ignore_errors: true\n`).join('')
      + '    - shell: rm -f {{ work }}/out.tar.gz {{ work }}/out.zip {{ work }}/two.tar {{ work }}/single.txt.xz\n';
    const { ansible, tsible } = await ansibleParity(tasks, SOURCES);
    expect(ansible.files['x1/src/sub/b.txt']).toBe('B\n');
    expect(tsible.files).toEqual(ansible.files);
    expect(tsible.changed).toEqual(ansible.changed);
    expect(tsible.failed).toEqual(ansible.failed);
  }, 400_000);
});

describe.each(TARGETS)('archive and unarchive over %s', (target) => {
  test('formats, check mode, list_files, creates, controller archives, errors', async () => {
    const t = targetDir(target);
    const local = mkdtempSync(join(tmpdir(), 'tsible-pack-'));
    try {
      for (const [rel, content] of Object.entries(SOURCES)) {
        mkdirSync(join(t.dir, rel, '..'), { recursive: true });
        writeFileSync(join(t.dir, rel), content);
      }
      mkdirSync(join(t.dir, 'x'));
      mkdirSync(join(t.dir, 'y'));
      mkdirSync(join(local, 'files/pack'), { recursive: true });
      writeFileSync(join(local, 'files/pack/p.txt'), 'P\n');
      execFileSync('tar', ['-czf', join(local, 'files/pack.tgz'), '-C', join(local, 'files'), 'pack']);
      t.own();
      const run = await runTasks(target, `
    - name: check
      archive: { path: "{{ work }}/src", dest: "{{ work }}/c.tar.xz", format: xz }
      check_mode: true
    - name: xz
      archive: { path: "{{ work }}/src", dest: "{{ work }}/a.tar.xz", format: xz, exclusion_patterns: ["*.log"], mode: "0600" }
    - name: xz again
      archive: { path: "{{ work }}/src", dest: "{{ work }}/a.tar.xz", format: xz, exclusion_patterns: ["*.log"], mode: "0600" }
    - name: gz single
      archive: { path: "{{ work }}/single.txt", remove: true }
    - name: unpack check
      unarchive: { src: "{{ work }}/a.tar.xz", dest: "{{ work }}/x", remote_src: true }
      check_mode: true
    - name: unpack
      unarchive: { src: "{{ work }}/a.tar.xz", dest: "{{ work }}/x", remote_src: true, list_files: true }
    - name: unpack again
      unarchive: { src: "{{ work }}/a.tar.xz", dest: "{{ work }}/x", remote_src: true }
    - name: strip
      unarchive: { src: "{{ work }}/a.tar.xz", dest: "{{ work }}/y", remote_src: true, extra_opts: ["--strip-components=1"] }
    - name: strip again
      unarchive: { src: "{{ work }}/a.tar.xz", dest: "{{ work }}/y", remote_src: true, extra_opts: ["--strip-components=1"] }
    - name: creates
      unarchive: { src: "{{ work }}/a.tar.xz", dest: "{{ work }}/x", remote_src: true, creates: "{{ work }}/x/src" }
    - name: controller archive
      unarchive: { src: pack.tgz, dest: "{{ work }}/y" }
    - name: controller archive again
      unarchive: { src: pack.tgz, dest: "{{ work }}/y" }
    - name: not a dir
      unarchive: { src: "{{ work }}/a.tar.xz", dest: "{{ work }}/none", remote_src: true }
      ignore_errors: true
    - name: bzip2
      archive: { path: "{{ work }}/src/a.txt", format: bz2 }
      ignore_errors: true
    - name: nothing to archive
      archive: { path: "{{ work }}/missing*", dest: "{{ work }}/m.tar" }
      ignore_errors: true
`, { extraVars: { work: t.dir }, files: { 'files/pack.tgz': readFileSync(join(local, 'files/pack.tgz')) } });
      expect(run.task('check').changed).toBe(true);
      expect(existsSync(join(t.dir, 'c.tar.xz'))).toBe(false);
      expect(run.task('xz')).toMatchObject({ changed: true, result: { state: 'file', dest_state: 'archive', dest: `${t.dir}/a.tar.xz`, arcroot: `${t.dir}/`,
        archived: [`${t.dir}/src/a.txt`, `${t.dir}/src/sub/b.txt`] } });
      expect(run.task('xz again').changed).toBe(false);
      expect(run.task('gz single').result).toMatchObject({ changed: true, dest_state: 'compress', dest: `${t.dir}/single.txt.gz` });
      expect(existsSync(join(t.dir, 'single.txt'))).toBe(false);
      expect(execFileSync('gzip', ['-dc', join(t.dir, 'single.txt.gz')], { encoding: 'utf8' })).toBe('single\n');
      expect(run.task('unpack check').changed).toBe(true);
      expect(run.task('unpack').result).toMatchObject({ changed: true, handler: 'TarXzArchive' });
      expect([...run.task('unpack').result.files as string[]].sort()).toEqual(['src/', 'src/a.txt', 'src/sub/', 'src/sub/b.txt']);
      expect(readFileSync(join(t.dir, 'x/src/sub/b.txt'), 'utf8')).toBe('B\n');
      expect(existsSync(join(t.dir, 'x/src/skip.log'))).toBe(false);
      expect(run.task('unpack again').changed).toBe(false);
      expect(run.task('strip').changed).toBe(true);
      expect(readFileSync(join(t.dir, 'y/sub/b.txt'), 'utf8')).toBe('B\n');
      expect(run.task('strip again').changed).toBe(false);
      expect(run.task('creates')).toMatchObject({ status: 'skipped' });
      expect(run.task('controller archive')).toMatchObject({ changed: true, result: { handler: 'TgzArchive' } });
      expect(readFileSync(join(t.dir, 'y/pack/p.txt'), 'utf8')).toBe('P\n');
      expect(run.task('controller archive again').changed).toBe(false);
      expect(run.task('not a dir').result.msg).toBe(`dest '${t.dir}/none' must be an existing dir`);
      expect(run.task('nothing to archive').result.msg).toBe('Error, no source paths were found');
      // A missing target tool is named (this machine may or may not have bzip2).
      const hasBzip2 = spawnSync('sh', ['-c', 'command -v bzip2']).status === 0;
      if (hasBzip2) expect(run.task('bzip2').changed).toBe(true);
      else expect(run.task('bzip2').result.msg).toBe('the target has no bzip2 (needed for format=bz2)');
    } finally {
      t.cleanup();
      rmSync(local, { recursive: true, force: true });
    }
  });
});
