import { writeFileSync } from 'node:fs';
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
