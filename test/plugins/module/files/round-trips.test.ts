import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
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
        'file directory': 1, 'file same': 1, find: 1, slurp: 1,
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

describe('first deployments', () => {
  test.each(['ssh', 'local'] as const)('a path that does not exist yet is created by the probe\'s own script (%s)', async (target) => {
    const t = targetDir(target);
    const mode = (p: string) => (statSync(join(t.dir, p)).mode & 0o7777).toString(8);
    try {
      const run = await runTasks(target, `
    - name: dir
      file: { path: "{{ work }}/new", state: directory, mode: "0750" }
    - name: tree
      file: { path: "{{ work }}/new/a//b/c/", state: directory, mode: "0710" }
    - name: copy
      copy: { content: "x\\n", dest: "{{ work }}/new/c", mode: "0640" }
    - name: under a file
      file: { path: "{{ work }}/new/c/x", state: directory }
      ignore_errors: true
    - name: copy without mode
      copy: { content: "y\\n", dest: "{{ work }}/new/d" }
    - name: template
      template: { src: t.j2, dest: "{{ work }}/new/t", mode: "u=rw,g=r,o=" }
    - name: line
      lineinfile: { path: "{{ work }}/new/l", line: "a", create: true }
    - name: copy again
      copy: { content: "x\\n", dest: "{{ work }}/new/c", mode: "0640" }
    - name: missing parent
      copy: { content: "x\\n", dest: "{{ work }}/nowhere/c" }
      ignore_errors: true
`, { extraVars: { work: t.dir }, files: { 'templates/t.j2': '{{ 6 * 7 }}\n' } });
      expect(run.commands).toEqual({ dir: 1, tree: 1, 'under a file': 1, copy: 1, 'copy without mode': 1, template: 1, line: 1,
        'copy again': 1, 'missing parent': 1 });
      // Each directory of a new tree gets the mode (as in Ansible), the existing parent keeps its own.
      expect(run.task('tree').result).toMatchObject({ changed: true, state: 'directory', mode: '0710' });
      expect([mode('new'), mode('new/a'), mode('new/a/b'), mode('new/a/b/c')]).toEqual(['750', '710', '710', '710']);
      expect(run.task('under a file').result).toMatchObject({ failed: true, msg: expect.stringMatching(/Not a directory|File exists/) });
      expect(run.task('dir').result).toMatchObject({ changed: true, path: `${t.dir}/new`, state: 'directory', mode: '0750' });
      expect(run.task('copy').result).toMatchObject({ changed: true, dest: `${t.dir}/new/c`, mode: '0640', size: 2, state: 'file',
        checksum: '6fcf9dfbd479ed82697fee719b9f8c610a11ff2a', md5sum: expect.any(String) });
      expect(run.task('copy again').changed).toBe(false);
      expect(run.task('missing parent').result).toMatchObject({ failed: true, msg: `Destination directory ${t.dir}/nowhere does not exist` });
      const umask = process.umask();
      expect([mode('new'), mode('new/c'), mode('new/d'), mode('new/t'), mode('new/l')])
        .toEqual(['750', '640', (0o666 & ~umask).toString(8), '640', (0o666 & ~umask).toString(8)]);
      expect([readFileSync(join(t.dir, 'new/t'), 'utf8'), readFileSync(join(t.dir, 'new/l'), 'utf8')]).toEqual(['42\n', 'a\n']);
      expect(run.task('line').result).toMatchObject({ changed: true, msg: 'line added' });
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
    // Text with everything a shell could trip on, and no final newline.
    const text = Buffer.from("it's \"quoted\" $HOME `id` \\n %s %% \\ \t tab\r\nünïcødé ✓ '' ''' $(false)\n\n-- end");
    const quoteful = Buffer.from("'".repeat(300));
    try {
      const run = await runTasks(target, `
    - name: small
      copy: { src: small.bin, dest: "{{ work }}/small.bin" }
    - name: large
      copy: { src: large.bin, dest: "{{ work }}/large.bin" }
    - name: edit
      lineinfile: { path: "{{ work }}/text", line: "appended", create: true }
    - name: text
      copy: { src: text.txt, dest: "{{ work }}/text.txt" }
    - name: quoteful
      copy: { src: quotes.txt, dest: "{{ work }}/quotes.txt" }
    - name: text again
      copy: { src: text.txt, dest: "{{ work }}/text.txt", mode: "0600" }
`, { extraVars: { work: t.dir }, files: { 'files/small.bin': small, 'files/large.bin': large, 'files/text.txt': text, 'files/quotes.txt': quoteful } });
      expect(run.exitCode).toBe(0);
      expect(readFileSync(join(t.dir, 'small.bin'))).toEqual(small);
      expect(readFileSync(join(t.dir, 'large.bin'))).toEqual(large);
      expect(readFileSync(join(t.dir, 'text'), 'utf8')).toBe('appended\n');
      expect(readFileSync(join(t.dir, 'text.txt'))).toEqual(text);
      expect(readFileSync(join(t.dir, 'quotes.txt'))).toEqual(quoteful);
      // Binary and quote-heavy contents travel as base64, other text is written by the shell's printf.
      const how = (task: string) => {
        const lines = run.commandLines.filter((c) => c.task === task).map((c) => c.command);
        if (lines.some((c) => c.includes("<<'TSIBLE_EOF'"))) return 'base64';
        return lines.some((c) => c.includes(`printf '%s' `)) ? 'text' : 'stdin';
      };
      expect(['small', 'large', 'edit', 'text', 'quoteful'].map(how)).toEqual(['base64', 'stdin', 'text', 'text', 'base64']);
      expect(run.task('text').result).toMatchObject({ changed: true, size: text.length });
      expect(run.task('text again')).toMatchObject({ changed: true });
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
