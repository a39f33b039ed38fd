import { existsSync, mkdirSync, readFileSync, readdirSync, readlinkSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { runTasks, targetDir, TARGETS } from './_harness';

const sha1 = (s: string | Buffer) => createHash('sha1').update(s).digest('hex');
const mode = (p: string) => (statSync(p).mode & 0o7777).toString(8);
const repo = join(__dirname, '..', '..', '..', '..');

describe.each(TARGETS)('copy over %s', (target) => {
  test('content: create, idempotent second run, attributes, backup, diff and check mode', async () => {
    const t = targetDir(target);
    const work = t.dir;
    try {
      const tasks = `
    - name: check only
      copy: { content: "one\\n", dest: "{{ work }}/checked.txt" }
      check_mode: true
    - name: create
      copy: { content: "one\\n", dest: "{{ work }}/a.txt", mode: "u=rw,g=r,o=" }
    - name: again
      copy: { content: "one\\n", dest: "{{ work }}/a.txt", mode: "0640" }
    - name: chmod only
      copy: { content: "one\\n", dest: "{{ work }}/a.txt", mode: "0600" }
    - name: replace with backup
      copy: { content: "two\\n", dest: "{{ work }}/a.txt", backup: true }
      diff: true
    - name: second backup
      copy: { content: "two and a half\\n", dest: "{{ work }}/a.txt", backup: true }
    - name: back again
      copy: { content: "two\\n", dest: "{{ work }}/a.txt", backup: true }
    - name: force false
      copy: { content: "three\\n", dest: "{{ work }}/a.txt", force: false }
    - name: big diff
      copy: { content: "small\n", dest: "{{ work }}/big.txt" }
      diff: true
    - name: into a dir
      copy: { content: "x", dest: "{{ work }}" }
      ignore_errors: true
    - name: missing parent
      copy: { content: "x", dest: "{{ work }}/no/such/file" }
      ignore_errors: true
`;
      writeFileSync(join(work, 'big.txt'), 'x'.repeat(200_000));
      t.own();
      const run = await runTasks(target, tasks, { extraVars: { work } });
      expect(run.task('big diff').result).toMatchObject({ changed: true, diff: [{ dst_larger: 104448 }] });
      expect(run.task('check only')).toMatchObject({ status: 'ok', changed: true });
      expect(existsSync(join(work, 'checked.txt'))).toBe(false);
      expect(run.task('create')).toMatchObject({ changed: true, result: { dest: join(work, 'a.txt'), checksum: sha1('one\n'), mode: '0640', size: 4, state: 'file' } });
      expect(run.task('again').changed).toBe(false);
      expect(run.task('chmod only').changed).toBe(true);
      const backup = run.task('replace with backup').result;
      expect(backup).toMatchObject({ changed: true, checksum: sha1('two\n'), mode: '0600' });
      expect(backup.diff).toEqual([{ before: 'one\n', after: 'two\n', before_header: join(work, 'a.txt'), after_header: join(work, 'a.txt') }]);
      expect(readFileSync(backup.backup_file as string, 'utf8')).toBe('one\n');
      expect(String(backup.backup_file)).toMatch(/a\.txt\.\d+\.\d{4}-\d\d-\d\d@\d\d:\d\d:\d\d~$/);
      // Backups made within the same second on one connection keep distinct names: none is lost.
      const backups = ['replace with backup', 'second backup', 'back again'].map((n) => String(run.task(n).result.backup_file));
      expect(new Set(backups).size).toBe(3);
      expect(backups.map((b) => readFileSync(b, 'utf8'))).toEqual(['one\n', 'two\n', 'two and a half\n']);
      expect(run.task('force false').changed).toBe(false);
      expect(readFileSync(join(work, 'a.txt'), 'utf8')).toBe('two\n');
      expect(mode(join(work, 'a.txt'))).toBe('600');
      expect(run.task('into a dir').result).toMatchObject({ failed: true, msg: 'can not use content with a dir as dest' });
      expect(run.task('missing parent').result).toMatchObject({ failed: true, msg: `Destination directory ${work}/no/such does not exist` });
      expect(readdirSync(work).filter((f) => f.includes('tsible-tmp'))).toEqual([]);
    } finally {
      t.cleanup();
    }
  });

  test('src file, vaulted src, validate, trees with and without trailing slash', async () => {
    const t = targetDir(target);
    const work = t.dir;
    try {
      const files = {
        'files/plain.txt': 'plain\n',
        'files/secret.bin': readFileSync(join(repo, 'test/fixtures/vault/binary.vault')),
        'files/tree/a.txt': 'A\n', 'files/tree/sub/b.txt': 'B\n', 'files/tree/sub/deeper/c.txt': 'C\n',
      };
      const tasks = `
    - name: file
      copy: { src: plain.txt, dest: "{{ work }}/" }
    - name: vaulted
      copy: { src: secret.bin, dest: "{{ work }}/secret.bin", mode: "0600" }
    - name: validate fails
      copy: { content: "bad\\n", dest: "{{ work }}/validated", validate: "grep -q good %s" }
      ignore_errors: true
    - name: validate passes
      copy: { content: "good\\n", dest: "{{ work }}/validated", validate: "grep -q good %s" }
    - name: tree
      copy: { src: tree, dest: "{{ work }}/t1", directory_mode: "0750" }
    - name: tree contents
      copy: { src: tree/, dest: "{{ work }}/t2/" }
    - name: tree again
      copy: { src: tree/, dest: "{{ work }}/t2/" }
    - name: into a linked directory
      copy: { src: plain.txt, dest: "{{ work }}/linked" }
    - name: dest dir made for file
      copy: { src: plain.txt, dest: "{{ work }}/new/dir/" }
`;
      mkdirSync(join(work, 'real'));
      symlinkSync('real', join(work, 'linked'));
      t.own();
      const run = await runTasks(target, tasks, { extraVars: { work }, files, vaultPassword: readFileSync(join(repo, 'test/fixtures/vault/pass-default'), 'utf8').trim() });
      expect(run.task('file')).toMatchObject({ changed: true, result: { dest: join(work, 'plain.txt') } });
      expect(readFileSync(join(work, 'plain.txt'), 'utf8')).toBe('plain\n');
      expect(readFileSync(join(work, 'secret.bin'))).toEqual(readFileSync(join(repo, 'test/fixtures/vault/binary.plain')));
      expect(run.task('validate fails').result).toMatchObject({ failed: true, msg: 'failed to validate', exit_status: 1 });
      expect(run.task('validate passes').changed).toBe(true);
      expect(readFileSync(join(work, 't1/tree/sub/deeper/c.txt'), 'utf8')).toBe('C\n');
      expect(mode(join(work, 't1/tree/sub'))).toBe('750');
      expect(readFileSync(join(work, 't2/sub/b.txt'), 'utf8')).toBe('B\n');
      expect(run.task('tree contents').changed).toBe(true);
      expect(run.task('tree again').changed).toBe(false);
      expect(readFileSync(join(work, 'new/dir/plain.txt'), 'utf8')).toBe('plain\n');
      expect(run.task('into a linked directory').result.dest).toBe(join(work, 'linked/plain.txt'));
      expect(readFileSync(join(work, 'real/plain.txt'), 'utf8')).toBe('plain\n');
    } finally {
      t.cleanup();
    }
  });

  test('tree diff in check mode and local_follow false keeping symlinks', async () => {
    const t = targetDir(target);
    const src = targetDir('local');
    try {
      mkdirSync(join(src.dir, 'tree'));
      writeFileSync(join(src.dir, 'tree/a.txt'), 'new\n');
      symlinkSync('a.txt', join(src.dir, 'tree/link'));
      mkdirSync(join(t.dir, 'out'));
      writeFileSync(join(t.dir, 'out/a.txt'), 'old\n');
      t.own();
      const run = await runTasks(target, `
    - name: preview
      copy: { src: "{{ src }}/tree/", dest: "{{ work }}/out/" }
      check_mode: true
      diff: true
    - name: links kept
      copy: { src: "{{ src }}/tree/", dest: "{{ work }}/out/", local_follow: false }
    - name: links kept again
      copy: { src: "{{ src }}/tree/", dest: "{{ work }}/out/", local_follow: false }
`, { extraVars: { work: t.dir, src: src.dir } });
      // local_follow (default) copies the link's target as a file.
      expect(run.task('preview').result).toMatchObject({ changed: true, diff: [{ before: 'old\n', after: 'new\n', before_header: join(t.dir, 'out/a.txt') },
        { before: '', after: 'new\n', before_header: join(t.dir, 'out/link') }] });
      expect(run.task('links kept').changed).toBe(true);
      expect(readlinkSync(join(t.dir, 'out/link'))).toBe('a.txt');
      expect(readFileSync(join(t.dir, 'out/a.txt'), 'utf8')).toBe('new\n');
      expect(run.task('links kept again').changed).toBe(false);
    } finally {
      t.cleanup();
      src.cleanup();
    }
  });

  test('remote_src file and directory', async () => {
    const t = targetDir(target);
    const work = t.dir;
    try {
      mkdirSync(join(work, 'srcdir/inner'), { recursive: true });
      writeFileSync(join(work, 'srcdir/inner/x'), 'x\n');
      writeFileSync(join(work, 'orig'), 'orig\n');
      t.own();
      const tasks = `
    - name: file
      copy: { src: "{{ work }}/orig", dest: "{{ work }}/copy", remote_src: true, mode: preserve }
    - name: file again
      copy: { src: "{{ work }}/orig", dest: "{{ work }}/copy", remote_src: true }
    - name: dir
      copy: { src: "{{ work }}/srcdir", dest: "{{ work }}/out", remote_src: true }
    - name: dir again
      copy: { src: "{{ work }}/srcdir", dest: "{{ work }}/out", remote_src: true }
    - name: missing
      copy: { src: "{{ work }}/nope", dest: "{{ work }}/out", remote_src: true }
      ignore_errors: true
`;
      const run = await runTasks(target, tasks, { extraVars: { work } });
      expect(run.task('file')).toMatchObject({ changed: true, result: { checksum: sha1('orig\n') } });
      expect(run.task('file again').changed).toBe(false);
      expect(readFileSync(join(work, 'out/srcdir/inner/x'), 'utf8')).toBe('x\n');
      expect(run.task('dir').changed).toBe(true);
      expect(run.task('dir again').changed).toBe(false);
      expect(run.task('missing').result).toMatchObject({ failed: true, msg: `Source ${work}/nope not found` });
    } finally {
      t.cleanup();
    }
  });
});
