import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sshFixture } from '../../../helpers/sshd';
import { runTasks, targetDir, TARGETS } from './_harness';

const sha1 = (s: string | Buffer) => createHash('sha1').update(s).digest('hex');

describe.each(TARGETS)('fetch and slurp over %s', (target) => {
  test('host layout, flat, idempotence, check mode, missing and directory sources', async () => {
    const t = targetDir(target);
    const local = mkdtempSync(join(tmpdir(), 'tsible-fetched-'));
    try {
      writeFileSync(join(t.dir, 'data.bin'), Buffer.from([0, 1, 2, 255, 10]));
      t.own();
      const run = await runTasks(target, `
    - name: slurp
      slurp: { src: "{{ work }}/data.bin" }
    - name: slurp missing
      slurp: { src: "{{ work }}/nope" }
      ignore_errors: true
    - name: fetch check
      fetch: { src: "{{ work }}/data.bin", dest: "{{ local }}/check" }
      check_mode: true
    - name: fetch
      fetch: { src: "{{ work }}/data.bin", dest: "{{ local }}" }
    - name: fetch again
      fetch: { src: "{{ work }}/data.bin", dest: "{{ local }}" }
    - name: flat
      fetch: { src: "{{ work }}/data.bin", dest: "{{ local }}/flat/", flat: true }
    - name: flat onto a directory
      fetch: { src: "{{ work }}/data.bin", dest: "{{ local }}/flat", flat: true }
      ignore_errors: true
    - name: missing tolerated
      fetch: { src: "{{ work }}/nope", dest: "{{ local }}", fail_on_missing: false }
    - name: missing
      fetch: { src: "{{ work }}/nope", dest: "{{ local }}" }
      ignore_errors: true
    - name: directory
      fetch: { src: "{{ work }}", dest: "{{ local }}" }
      ignore_errors: true
`, { extraVars: { work: t.dir, local } });
      expect(run.task('slurp').result).toMatchObject({ changed: false, content: 'AAEC/wo=', encoding: 'base64', source: `${t.dir}/data.bin` });
      expect(run.task('slurp missing').result).toMatchObject({ failed: true, msg: `file not found: ${t.dir}/nope` });
      expect(run.task('fetch check').changed).toBe(true);
      expect(existsSync(join(local, 'check'))).toBe(false);
      const dest = join(local, 'target', t.dir, 'data.bin');
      expect(run.task('fetch').result).toMatchObject({ changed: true, dest, checksum: sha1(Buffer.from([0, 1, 2, 255, 10])) });
      expect(readFileSync(dest)).toEqual(Buffer.from([0, 1, 2, 255, 10]));
      expect(run.task('fetch again').changed).toBe(false);
      expect(readFileSync(join(local, 'flat', 'data.bin'))).toEqual(Buffer.from([0, 1, 2, 255, 10]));
      expect(run.task('flat onto a directory').result.msg).toBe('dest is an existing directory, use a trailing slash if you want to fetch src into that directory');
      expect(run.task('missing tolerated')).toMatchObject({ status: 'ok', changed: false, result: { msg: 'the remote file does not exist, not transferring, ignored' } });
      expect(run.task('missing').status).toBe('failed');
      expect(run.task('directory').result.msg).toBe('remote file is a directory, fetch cannot work on directories');
    } finally {
      t.cleanup();
      rmSync(local, { recursive: true, force: true });
    }
  });
});

describe('fetch and slurp with become over ssh', () => {
  test('a root-only file is read through sudo', async () => {
    const t = targetDir('ssh');
    const local = mkdtempSync(join(tmpdir(), 'tsible-fetched-'));
    try {
      writeFileSync(join(t.dir, 'secret'), 'root only\n');
      chmodSync(join(t.dir, 'secret'), 0o600);
      const run = await runTasks('ssh', `
    - name: without become
      slurp: { src: "{{ work }}/secret" }
      ignore_errors: true
    - name: slurp
      slurp: { src: "{{ work }}/secret" }
      become: true
    - name: fetch
      fetch: { src: "{{ work }}/secret", dest: "{{ local }}/", flat: true }
      become: true
`, { extraVars: { work: t.dir, local }, hostVars: { ansible_become_password: sshFixture().password } });
      expect(run.task('without become').result).toMatchObject({ failed: true, msg: `file is not readable: ${t.dir}/secret` });
      expect(Buffer.from(run.task('slurp').result.content as string, 'base64').toString()).toBe('root only\n');
      expect(run.task('fetch').changed).toBe(true);
      expect(readFileSync(join(local, 'secret'), 'utf8')).toBe('root only\n');
    } finally {
      t.cleanup();
      rmSync(local, { recursive: true, force: true });
    }
  });
});
