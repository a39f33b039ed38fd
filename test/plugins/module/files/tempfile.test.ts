import { existsSync, rmSync, statSync } from 'node:fs';
import { runTasks, targetDir, TARGETS } from './_harness';

describe.each(TARGETS)('tempfile over %s', (target) => {
  test('file and directory with prefix/suffix, skipped in check mode, missing parent', async () => {
    const t = targetDir(target);
    try {
      const run = await runTasks(target, `
    - name: file
      tempfile: { path: "{{ work }}", prefix: pre., suffix: .conf }
    - name: dir
      tempfile: { path: "{{ work }}", state: directory }
    - name: default place
      tempfile: {}
    - name: check
      tempfile: { path: "{{ work }}" }
      check_mode: true
    - name: missing
      tempfile: { path: "{{ work }}/none" }
      ignore_errors: true
`, { extraVars: { work: t.dir } });
      const file = run.task('file').result;
      expect(String(file.path)).toMatch(new RegExp(`^${t.dir}/pre\\.[a-z0-9_]{8}\\.conf$`));
      expect(file).toMatchObject({ changed: true, state: 'file', mode: '0600', size: 0 });
      const dir = run.task('dir').result;
      expect(dir).toMatchObject({ changed: true, state: 'directory', mode: '0700' });
      expect(statSync(dir.path as string).isDirectory()).toBe(true);
      const elsewhere = String(run.task('default place').result.path);
      expect(elsewhere).toMatch(/^\/tmp\/ansible\.[a-z0-9_]{8}$/);
      expect(existsSync(elsewhere)).toBe(true);
      expect(run.task('check').status).toBe('skipped');
      expect(run.task('missing').result).toMatchObject({ failed: true, msg: `No such file or directory: ${t.dir}/none` });
      rmSync(elsewhere, { force: true });
    } finally {
      t.cleanup();
    }
  });
});
