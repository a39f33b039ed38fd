import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runTasks, targetDir } from './_harness';

describe('round trips of the file modules (remote commands per task, over ssh)', () => {
  test('one script to inspect, one more only when something changes', async () => {
    const t = targetDir('ssh');
    try {
      writeFileSync(join(t.dir, 'f'), 'a\n');
      t.own();
      const run = await runTasks('ssh', `
    - name: copy new
      copy: { content: "x\\n", dest: "{{ work }}/c", mode: "0600", backup: true, validate: "test -s %s" }
    - name: copy same
      copy: { content: "x\\n", dest: "{{ work }}/c", mode: "0600" }
    - name: stat
      stat: { path: "{{ work }}/c" }
    - name: lineinfile change
      lineinfile: { path: "{{ work }}/f", line: b }
    - name: lineinfile same
      lineinfile: { path: "{{ work }}/f", line: b }
    - name: file directory
      file: { path: "{{ work }}/d/e", state: directory, mode: "0700" }
    - name: file same
      file: { path: "{{ work }}/d/e", state: directory, mode: "0700" }
    - name: find
      find: { paths: "{{ work }}", recurse: true }
    - name: slurp
      slurp: { src: "{{ work }}/f" }
`, { extraVars: { work: t.dir } });
      expect(run.exitCode).toBe(0);
      expect(run.commands).toEqual({
        'copy new': 2, 'copy same': 1, stat: 1, 'lineinfile change': 2, 'lineinfile same': 1,
        'file directory': 2, 'file same': 1, find: 1, slurp: 1,
      });
    } finally {
      t.cleanup();
    }
  });
});

describe('what the file modules learn about a target', () => {
  const DIALECT_PROBE = 'stat -c %.9Y /';

  test.each(['ssh', 'local'] as const)('the stat dialect is asked once per connection (%s), again after reset_connection', async (target) => {
    const t = targetDir(target);
    try {
      const run = await runTasks(target, `
    - name: first
      file: { path: "{{ work }}/d", state: directory }
    - name: second
      copy: { content: "x\\n", dest: "{{ work }}/d/c" }
    - name: third
      stat: { path: "{{ work }}/d/c" }
    - meta: reset_connection
    - name: after reset
      stat: { path: "{{ work }}/d/c" }
`, { extraVars: { work: t.dir } });
      expect(run.exitCode).toBe(0);
      const asked = run.commandLines.filter((c) => c.command.includes(DIALECT_PROBE)).map((c) => c.task);
      expect(asked).toEqual(['first', 'after reset']);
      // Told, not asked: the later scripts still set the GNU format (nanosecond times).
      expect(run.commandLines.find((c) => c.task === 'third')?.command).toContain("TSIBLE_STAT_FMT='%a|%u|%g|%U|%G|%s|%.9X");
      expect(run.task('third').result.stat).toMatchObject({ exists: true, size: 2, isreg: true, block_size: 4096 });
      expect(typeof (run.task('after reset').result.stat as { blocks?: unknown }).blocks).toBe('number');
    } finally {
      t.cleanup();
    }
  });
});

describe('how content travels', () => {
  test.each(['ssh', 'local'] as const)('small files inside the script, large ones on stdin, both byte for byte (%s)', async (target) => {
    const t = targetDir(target);
    const small = Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7 + 3) % 256));
    const large = Buffer.from(Array.from({ length: 40_000 }, (_, i) => (i * 13 + 5) % 256));
    try {
      const run = await runTasks(target, `
    - name: small
      copy: { src: small.bin, dest: "{{ work }}/small.bin" }
    - name: large
      copy: { src: large.bin, dest: "{{ work }}/large.bin" }
    - name: edit
      lineinfile: { path: "{{ work }}/text", line: "appended", create: true }
`, { extraVars: { work: t.dir }, files: { 'files/small.bin': small, 'files/large.bin': large } });
      expect(run.exitCode).toBe(0);
      expect(readFileSync(join(t.dir, 'small.bin'))).toEqual(small);
      expect(readFileSync(join(t.dir, 'large.bin'))).toEqual(large);
      expect(readFileSync(join(t.dir, 'text'), 'utf8')).toBe('appended\n');
      const inline = (task: string) => run.commandLines.filter((c) => c.task === task).some((c) => c.command.includes("<<'TSIBLE_EOF'"));
      expect([inline('small'), inline('large'), inline('edit')]).toEqual([true, false, true]);
      expect(run.task('small').result).toMatchObject({ changed: true, size: 4096 });
    } finally {
      t.cleanup();
    }
  });
});

describe('a tree too large for one command line', () => {
  test('copies 400 files (the script goes through a temp file, the bytes on stdin)', async () => {
    const t = targetDir('ssh');
    const files: Record<string, string> = {};
    for (let i = 0; i < 400; i++) files[`files/many/d${i % 7}/file-${i}.txt`] = `content ${i}\n`;
    try {
      const run = await runTasks('ssh', `
    - name: many
      copy: { src: many/, dest: "{{ work }}/out/", mode: "0640" }
    - name: many again
      copy: { src: many/, dest: "{{ work }}/out/", mode: "0640" }
`, { extraVars: { work: t.dir }, files });
      expect(run.task('many').changed).toBe(true);
      expect(run.task('many again').changed).toBe(false);
      expect(readFileSync(join(t.dir, 'out/d3/file-199.txt'), 'utf8')).toBe('content 199\n');
      expect(readdirSync(join(t.dir, 'out/d0'))).toHaveLength(58);
      expect(run.commands).toEqual({ many: 3, 'many again': 1 });
    } finally {
      t.cleanup();
    }
  });
});
