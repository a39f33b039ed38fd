/** templateVars() against Ansible's own generate_ansible_template_vars, run on the same file. */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { templateVars } from 'tsible';
import { Templar } from '../../../core/template/templar.js';

function ansiblePython(): string {
  const script = execFileSync('sh', ['-c', 'command -v ansible'], { encoding: 'utf8' }).trim();
  return readFileSync(script, 'utf8').split('\n')[0].slice(2).trim().split(/\s+/)[0];
}

describe('template variables', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tsible-template-vars-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  test('match Ansible for the same file and ansible_managed setting', () => {
    const file = join(dir, 'motd.j2');
    writeFileSync(file, 'hello\n');
    utimesSync(file, new Date('2024-03-05T06:07:08Z'), new Date('2024-03-05T06:07:08Z'));
    const managed = 'Managed: {file} by {uid} on {host}, %Y-%m-%d %H:%M';
    const script = [
      'import json, sys',
      'from ansible import constants as C',
      'C.DEFAULT_MANAGED_STR = sys.argv[2]',
      'from ansible.template import generate_ansible_template_vars',
      'v = generate_ansible_template_vars("motd.j2", sys.argv[1], "/etc/motd")',
      'print(json.dumps({k: str(x) if k in ("template_mtime",) else x for k, x in v.items() if k != "template_run_date"}))',
    ].join('\n');
    const expected = JSON.parse(execFileSync(ansiblePython(), ['-c', script, file, managed], { encoding: 'utf8', env: { ...process.env, TZ: 'UTC' } }));
    const prevTz = process.env.TZ;
    process.env.TZ = 'UTC';
    try {
      const got = templateVars('motd.j2', { fullpath: file, destPath: '/etc/motd', managedStr: managed });
      expect({ ...got, template_mtime: String(got.template_mtime), template_run_date: undefined })
        .toEqual({ ...expected, template_run_date: undefined });
    } finally {
      process.env.TZ = prevTz;
    }
  });

  test('now() gives the current time, formatted with fmt=', async () => {
    const t = new Templar({ filters: {}, tests: {} });
    const year = new Date().getFullYear();
    expect(await t.template("{{ now(fmt='%Y') }}", {})).toBe(String(year));
    expect(await t.template('{{ now().year }}', {})).toBe(year);
  });
});
