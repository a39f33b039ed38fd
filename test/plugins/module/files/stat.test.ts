import { chmodSync, mkdirSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { runTasks, targetDir, TARGETS } from './_harness';

describe.each(TARGETS)('stat over %s', (target) => {
  test('regular file, directory, link, missing path and checksum algorithms', async () => {
    const t = targetDir(target);
    try {
      writeFileSync(join(t.dir, 'f.txt'), 'hello\n');
      chmodSync(join(t.dir, 'f.txt'), 0o640);
      mkdirSync(join(t.dir, 'd'));
      symlinkSync('f.txt', join(t.dir, 'l'));
      t.own();
      const run = await runTasks(target, `
    - name: file
      stat: { path: "{{ work }}/f.txt" }
    - name: sha256
      stat: { path: "{{ work }}/f.txt", checksum_algorithm: sha256, get_mime: false }
    - name: dir
      stat: { path: "{{ work }}/d" }
    - name: link
      stat: { path: "{{ work }}/l" }
    - name: link followed
      stat: { path: "{{ work }}/l", follow: true }
    - name: missing
      stat: { path: "{{ work }}/nope" }
`, { extraVars: { work: t.dir }, hostIndex: 0 });
      expect(run.exitCode).toBe(0);
      const file = run.task('file').result.stat as Record<string, unknown>;
      expect(file).toMatchObject({ exists: true, isreg: true, isdir: false, islnk: false, mode: '0640', size: 6,
        rusr: true, wusr: true, rgrp: true, woth: false, path: join(t.dir, 'f.txt'),
        checksum: createHash('sha1').update('hello\n').digest('hex'), mimetype: 'text/plain', charset: 'us-ascii' });
      expect(file).toMatchObject({ blocks: expect.any(Number), block_size: expect.any(Number), device_type: 0 });
      if (file.attr_flags !== undefined) expect(file.attributes).toEqual(expect.any(Array));
      expect(file.mtime).toBeCloseTo(statSync(join(t.dir, 'f.txt')).mtimeMs / 1000, 3);
      expect(file.pw_name).toBe(target === 'ssh' ? 'tsible' : 'root');
      expect(run.task('file').changed).toBe(false);
      expect((run.task('sha256').result.stat as Record<string, unknown>).checksum).toBe(createHash('sha256').update('hello\n').digest('hex'));
      expect(run.task('dir').result.stat).toMatchObject({ exists: true, isdir: true, isreg: false });
      expect(run.task('link').result.stat).toMatchObject({ exists: true, islnk: true, lnk_target: 'f.txt', lnk_source: join(t.dir, 'f.txt') });
      expect(run.task('link').result.stat).not.toHaveProperty('checksum');
      expect(run.task('link followed').result.stat).toMatchObject({ exists: true, islnk: false, isreg: true, size: 6 });
      expect(run.task('missing').result.stat).toEqual({ exists: false });
    } finally {
      t.cleanup();
    }
  });
});
