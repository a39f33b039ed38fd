import { chownSync, existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
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
  const DIALECT_PROBE = '-c %.9Y /';

  /**
   * A `stat` first on the PATH that logs its arguments and runs the real one; `nanoseconds: false`
   * turns `%.9X`-style directives into whole seconds, as BusyBox and old coreutils print them.
   */
  function statWrapper(dir: string, nanoseconds: boolean): { path: string; calls(): string[] } {
    const bin = join(dir, 'bin');
    const log = join(dir, 'stat-calls');
    mkdirSync(bin, { mode: 0o755 });
    const rewrite = nanoseconds ? '' : String.raw`case $a in *%.9*) a=$(printf '%s' "$a" | sed 's/%\.9\([XYZ]\)/%\1/g') ;; esac; `;
    writeFileSync(join(bin, 'stat'), `#!/bin/sh\nprintf '%s\\n' "$*" >> '${log}'\nfor a do shift; ${rewrite}set -- "$@" "$a"; done\nexec /usr/bin/stat "$@"\n`, { mode: 0o755 });
    return { path: `${bin}:/usr/local/bin:/usr/bin:/bin`, calls: () => (existsSync(log) ? readFileSync(log, 'utf8').trim().split('\n') : []) };
  }

  const tasks = (path: string): string => `
    - name: first
      file: { path: "{{ work }}/d", state: directory }
      environment: { PATH: "${path}" }
    - name: second
      copy: { content: "x\\n", dest: "{{ work }}/d/c" }
      environment: { PATH: "${path}" }
    - name: third
      stat: { path: "{{ work }}/d/c" }
      environment: { PATH: "${path}" }
    - meta: reset_connection
    - name: after reset
      stat: { path: "{{ work }}/d/c" }
      environment: { PATH: "${path}" }
`;

  /** Runs the tasks with the wrapper first on the PATH, then `check`s what happened. */
  async function withStat(target: 'ssh' | 'local', nanoseconds: boolean,
    check: (run: Awaited<ReturnType<typeof runTasks>>, calls: string[]) => void): Promise<void> {
    const t = targetDir(target);
    try {
      const stat = statWrapper(t.dir, nanoseconds);
      t.own();
      const run = await runTasks(target, tasks(stat.path), { extraVars: { work: t.dir } });
      expect(run.exitCode).toBe(0);
      check(run, stat.calls());
    } finally {
      t.cleanup();
    }
  }

  test.each(['ssh', 'local'] as const)('GNU stat with nanosecond times is recognised from the first stat line, no probe (%s)', (target) =>
    withStat(target, true, (run, calls) => {
      expect(calls.length).toBeGreaterThan(3);
      expect(calls.filter((c) => c.includes(DIALECT_PROBE))).toEqual([]);
      // The first script of each connection learns the dialect; the later ones are told it.
      const learning = run.commandLines.filter((c) => c.command.includes('tsible_stat_learn()')).map((c) => c.task);
      expect(learning).toEqual(['first', 'after reset']);
      expect(run.commandLines.find((c) => c.task === 'third')?.command).toContain('TSIBLE_STAT_DIALECT=gnu9;');
      expect(run.task('first').result).toMatchObject({ changed: true, state: 'directory' });
      expect(run.task('third').result.stat).toMatchObject({ exists: true, size: 2, isreg: true, block_size: 4096 });
      expect(String((run.task('third').result.stat as { mtime: number }).mtime)).toMatch(/^\d+\.\d+$/);
      expect(typeof (run.task('after reset').result.stat as { blocks?: unknown }).blocks).toBe('number');
    }));

  test.each(['ssh', 'local'] as const)('a stat without nanosecond times is asked once, and the same results follow (%s)', (target) =>
    withStat(target, false, (run, calls) => {
      // One probe per connection: on the first stat line without a fraction.
      expect(calls.filter((c) => c.includes(DIALECT_PROBE))).toHaveLength(2);
      expect(run.commandLines.find((c) => c.task === 'second')?.command).toContain('TSIBLE_STAT_DIALECT=gnu;');
      expect(run.task('first').result).toMatchObject({ changed: true, state: 'directory', mode: expect.stringMatching(/^0\d{3}$/) });
      const st = run.task('third').result.stat as Record<string, unknown>;
      expect(st).toMatchObject({ exists: true, size: 2, isreg: true, block_size: 4096, blocks: expect.any(Number) });
      expect(String(st.mtime)).toMatch(/^\d+$/);
    }));
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

describe('modes and owners of written files', () => {
  test('modes without execute bits come from the umask (no chmod), the others from chmod; a replaced file keeps its owner', async () => {
    const t = targetDir('local');
    const mode = (p: string) => (statSync(join(t.dir, p)).mode & 0o7777).toString(8);
    try {
      writeFileSync(join(t.dir, 'theirs'), 'old\n');
      chownSync(join(t.dir, 'theirs'), 65534, 65534);
      writeFileSync(join(t.dir, 'mine'), 'old\n', { mode: 0o644 });
      const run = await runTasks('local', `
    - name: plain
      copy: { content: "x\\n", dest: "{{ work }}/plain", mode: "0640" }
    - name: executable
      copy: { content: "#!/bin/sh\\n", dest: "{{ work }}/exe", mode: "0755" }
    - name: setuid
      copy: { content: "y\\n", dest: "{{ work }}/suid", mode: "04644" }
    - name: symbolic
      copy: { content: "z\\n", dest: "{{ work }}/sym", mode: "u=rw,g=,o=" }
    - name: read-only dir
      file: { path: "{{ work }}/ro/inner", state: directory, mode: "0555" }
    - name: private tree
      file: { path: "{{ work }}/priv/a/b", state: directory, mode: "0700" }
    - name: theirs
      copy: { content: "new\\n", dest: "{{ work }}/theirs" }
    - name: mine
      copy: { content: "new\\n", dest: "{{ work }}/mine", mode: "0600" }
`, { extraVars: { work: t.dir } });
      expect(run.exitCode).toBe(0);
      expect([mode('plain'), mode('exe'), mode('suid'), mode('sym')]).toEqual(['640', '755', '4644', '600']);
      expect([mode('ro'), mode('ro/inner'), mode('priv'), mode('priv/a'), mode('priv/a/b')]).toEqual(['555', '555', '700', '700', '700']);
      const command = (task: string) => run.commandLines.filter((c) => c.task === task).map((c) => c.command).join('\n');
      expect(command('plain')).not.toMatch(/\bchmod\b/);
      expect(command('private tree')).not.toMatch(/\bchmod\b/);
      expect(command('executable')).toMatch(/\bchmod 0755\b/);
      expect(command('read-only dir')).toMatch(/\bchmod 0555\b/);
      expect(run.task('theirs').result).toMatchObject({ changed: true, owner: 'nobody', uid: 65534 });
      expect(statSync(join(t.dir, 'theirs')).uid).toBe(65534);
      expect(run.task('mine').result).toMatchObject({ changed: true, owner: 'root', mode: '0600' });
      expect([readFileSync(join(t.dir, 'theirs'), 'utf8'), readFileSync(join(t.dir, 'mine'), 'utf8')]).toEqual(['new\n', 'new\n']);
    } finally {
      t.cleanup();
    }
  });
});
