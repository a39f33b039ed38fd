import { chmodSync } from 'node:fs';
import { createKernel } from 'tsible';
import { runPlaybook } from '../../../core/api/run-playbook';
import { cleanEnv, tempProject } from '../../helpers/tmp';
import { moduleStyle, rewriteShebang } from '../../../core/executor/script-module';

describe("users' non-JS modules in library/", () => {
  test('WANT_JSON, old-style key=value and shebang rewriting run as in Ansible', async () => {
    const p = tempProject({
      'library/json_echo.sh': '#!/bin/sh\n# WANT_JSON\nargs=$(cat "$1")\nprintf \'{"changed": true, "got": %s}\' "$args"\n',
      'library/kv_echo': '#!/bin/sh\n. "$1"\nprintf \'{"changed": false, "name": "%s", "count": "%s"}\' "$name" "$count"\n',
      'library/broken.sh': '#!/bin/sh\necho not json; exit 3\n',
      'play.yml': `- hosts: localhost
  connection: local
  gather_facts: false
  tasks:
    - json_echo: { a: 1, b: [x, y] }
      register: j
    - kv_echo: name="two words" count=3
      register: kv
    - broken:
      register: b
      ignore_errors: true
    - set_fact:
        out: { j: "{{ j.got }}", kv: "{{ kv.name }}/{{ kv.count }}", b: "{{ b.msg }}" }
`,
    });
    for (const f of ['json_echo.sh', 'kv_echo', 'broken.sh']) chmodSync(`${p.dir}/library/${f}`, 0o755);
    try {
      const kernel = await createKernel({ cwd: p.dir, env: cleanEnv(), configFile: false });
      let out: Record<string, unknown> | undefined;
      const result = await runPlaybook({ playbooks: ['play.yml'], cwd: p.dir, kernel, inventory: ['localhost,'],
        onRun: (run) => run.hooks.runnerOk.tap('t', (e) => { if (e.task.action === 'set_fact') out = e.result.ansible_facts as never; }) });
      expect(result.exitCode).toBe(0);
      expect(result.stats.hosts.localhost).toMatchObject({ ok: 4, changed: 1, ignored: 1 });
      expect(out?.out).toEqual({ j: { a: 1, b: ['x', 'y'], _ansible_check_mode: false, _ansible_diff: false },
        kv: 'two words/3', b: 'MODULE FAILURE\nSee stdout/stderr for the exact error' });
    } finally {
      p.cleanup();
    }
  });

  test('style detection and interpreter override', () => {
    expect(moduleStyle(Buffer.from('#!/bin/sh\n# WANT_JSON\n'))).toBe('want_json');
    expect(moduleStyle(Buffer.from('#!/bin/sh\necho\n'))).toBe('old');
    expect(moduleStyle(Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0, 1]))).toBe('binary');
    expect(rewriteShebang(Buffer.from('#!/usr/bin/env perl\nprint 1;\n'), { ansible_perl_interpreter: '/opt/perl/bin/perl' }).toString())
      .toBe('#!/opt/perl/bin/perl\nprint 1;\n');
  });
});
