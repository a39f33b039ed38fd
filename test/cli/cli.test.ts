import { spawnSync } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { tempProject, cleanEnv } from '../helpers/tmp';

const ROOT = join(__dirname, '..', '..');
const bin = (name: string) => join(ROOT, 'dist', 'core', 'cli', 'bin', `${name}.js`);

/** Runs a compiled bin as a user would (npm test builds dist/ first). */
function run(name: string, args: string[], cwd = ROOT, env: NodeJS.ProcessEnv = cleanEnv({ NO_COLOR: '1' })) {
  const r = spawnSync(process.execPath, [bin(name), ...args], { cwd, env, encoding: 'utf8', timeout: 60_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('command line', () => {
  test('every bin in package.json is built executable and runs directly (what npx runs on a fresh clone)', () => {
    const bins = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).bin as Record<string, string>;
    expect(Object.keys(bins).length).toBeGreaterThan(0);
    for (const [name, file] of Object.entries(bins)) {
      expect(statSync(join(ROOT, file)).mode & 0o111).toBe(0o111);
      const r = spawnSync(join(ROOT, file), ['--version'], { encoding: 'utf8', timeout: 60_000 });
      expect([r.status, r.stdout.startsWith(`${name} `)]).toEqual([0, true]);
    }
  });

  test.each(['tsible', 'tsible-playbook', 'tsible-doc', 'tsible-config'])('%s --version prints the version', (name) => {
    const r = run(name, ['--version']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(new RegExp(`^${name} \\d+\\.\\d+\\.\\d+\\n$`));
  });

  test('an unknown flag is a usage error with exit code 2, as argparse gives', () => {
    const r = run('tsible-playbook', ['--bogus', 'x.yml']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("tsible-playbook: error: Unknown option '--bogus'");
    expect(r.stderr).toContain('usage: tsible-playbook');
    expect(r.stderr).not.toMatch(/at .*\.js:\d+/);
  });

  test('no playbook given, and a playbook that does not exist', () => {
    expect(run('tsible-playbook', []).stderr).toContain('the following arguments are required: playbook');
    expect(run('tsible-playbook', []).code).toBe(2);
    const missing = run('tsible-playbook', ['nope.yml']);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('ERROR! the playbook: nope.yml could not be found');
  });

  test('a non-integer --forks is rejected', () => {
    const r = run('tsible', ['localhost', '-f', 'many']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("argument --forks: invalid int value: 'many'");
  });

  test('ad-hoc command against localhost through the local connection', () => {
    const r = run('tsible', ['localhost', '-c', 'local', '-m', 'command', '-a', 'echo hello ad-hoc']);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('localhost | CHANGED | rc=0 >>\nhello ad-hoc\n');
  });

  test('the hello example runs with the PLAY / TASK / PLAY RECAP layout', () => {
    const r = run('tsible-playbook', ['examples/hello.yml']);
    expect(r.stdout).toMatch(/^\nPLAY \[Hello from tsible\] \*+\n/);
    expect(r.stdout).toMatch(/\nTASK \[Say hello\] \*+\nok: \[localhost\] => \{\n {4}"msg": "Hello from /);
    expect(r.stdout).toMatch(/PLAY RECAP \*+\nlocalhost +: ok=6 +changed=0 +unreachable=0 +failed=0 +skipped=0 +rescued=0 +ignored=0/);
    expect(r.code).toBe(0);
  });

  test('a failing task exits with 2 and a syntax error with its file, line and a caret', () => {
    const p = tempProject({
      'fail.yml': '- hosts: localhost\n  gather_facts: false\n  tasks:\n    - fail: msg=boom\n',
      'broken.yml': '- hosts: localhost\n  tasks:\n    - name: x\n      shel: ls\n      debug: msg=hi\n',
    });
    try {
      const failed = run('tsible-playbook', ['fail.yml'], p.dir);
      expect(failed.code).toBe(2);
      expect(failed.stdout).toContain('fatal: [localhost]: FAILED! => {"changed": false, "msg": "boom"}');
      const broken = run('tsible-playbook', ['--syntax-check', 'broken.yml'], p.dir);
      expect(broken.code).toBe(4);
      expect(broken.stderr).toContain('conflicting action statements: shel, debug');
      expect(broken.stderr).toContain(`The error appears to be in '${p.dir}/broken.yml': line 3, column 7`);
      expect(broken.stderr).toContain('    - name: x\n      ^ here');
    } finally {
      p.cleanup();
    }
  });

  test('plugins list, plugins why, doc and config dump', () => {
    const list = run('tsible', ['plugins', 'list', '--type', 'module']);
    expect(list.code).toBe(0);
    expect(list.stdout).toMatch(/^module +ping +builtin +builtin:module\/ping/m);
    const why = run('tsible', ['plugins', 'why', 'ansible.builtin.command']);
    expect(why.stdout).toContain("module 'ansible.builtin.command':\n  * used    builtin  builtin:module/command");
    const doc = run('tsible-doc', ['command']);
    expect(doc.stdout).toContain('> MODULE command');
    expect(doc.stdout).toMatch(/- chdir\n +Change into this directory first\.\n +type: path/);
    const notFound = run('tsible-doc', ['comand']);
    expect(notFound.code).toBe(5);
    expect(notFound.stderr).toContain("no module plugin named 'comand'");
    expect(notFound.stderr).toContain("hint: did you mean 'command'");
    const p = tempProject({ 'ansible.cfg': '[defaults]\nforks = 9\n' });
    try {
      const dump = run('tsible', ['config', 'dump', '--only-changed'], p.dir, cleanEnv({ TSIBLE_TIMEOUT: '7' }));
      expect(dump.stdout).toBe(`forks(${p.dir}/ansible.cfg) = 9\ntimeout(env: TSIBLE_TIMEOUT) = 7\n`);
    } finally {
      p.cleanup();
    }
  });
});
