import { execSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runPlay, sshHost } from './harness';

let dir = '';
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'tsible-tools-'));
  chmodSync(dir, 0o777);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Always runs inside the test's own temp dir (never the repository the tests live in). */
const sh = (cmd: string, cwd = dir) => execSync(cmd, { cwd, shell: '/bin/sh', env: { ...process.env, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@x', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@x' } }).toString().trim();

describe('git (real git, local repository as the remote)', () => {
  test('clone, idempotent, check mode, update, tag, local modifications, force, bad version, missing git', async () => {
    const src = join(dir, 'src');
    const dest = join(dir, 'checkout');
    sh(`git init -q -b main ${src}`);
    sh('echo one > a.txt && git add a.txt && git commit -q -m one && git tag v1', src);
    const sha1 = sh('git rev-parse HEAD', src);
    const first = await runPlay(`
- hosts: localhost
  gather_facts: false
  tasks:
    - { name: clone, git: { repo: "${src}", dest: "${dest}" } }
    - { name: again, git: { repo: "${src}", dest: "${dest}" } }
    - { name: bad version, git: { repo: "${src}", dest: "${dest}", version: nope }, ignore_errors: true }
    - { name: missing git, git: { repo: "${src}", dest: "${dest}" }, environment: { PATH: /nonexistent }, ignore_errors: true }
`);
    expect(first.r('clone')).toMatchObject({ changed: true, before: null, after: sha1 });
    expect(first.r('again')).toMatchObject({ changed: false, before: sha1, after: sha1 });
    expect(first.r('bad version')).toMatchObject({ _status: 'failed', msg: `Failed to find version nope in ${src}` });
    expect(String(first.r('missing git').msg)).toBe('Failed to find required executable "git" in paths: /nonexistent:/usr/local/sbin:/usr/sbin:/sbin');
    sh('echo two > a.txt && git commit -q -am two', src);
    const sha2 = sh('git rev-parse HEAD', src);
    const tagSha = sh('git rev-parse v1^{}', src);
    const second = await runPlay(`
- hosts: localhost
  gather_facts: false
  tasks:
    - { name: check, git: { repo: "${src}", dest: "${dest}" }, check_mode: true }
    - { name: update, git: { repo: "${src}", dest: "${dest}" } }
    - { name: tag, git: { repo: "${src}", dest: "${dest}", version: v1 } }
    - { name: dirty, shell: "echo local >> ${dest}/a.txt" }
    - { name: refuse, git: { repo: "${src}", dest: "${dest}", version: main }, ignore_errors: true }
    - { name: force, git: { repo: "${src}", dest: "${dest}", version: main, force: true } }
`);
    expect(second.r('check')).toMatchObject({ changed: true, before: sha1, after: sha2 });
    expect(second.r('update')).toMatchObject({ changed: true, before: sha1, after: sha2 });
    expect(second.r('tag')).toMatchObject({ changed: true, before: sha2, after: tagSha });
    expect(second.r('refuse')).toMatchObject({ _status: 'failed', msg: `Local modifications exist in the destination: ${dest} (force=no).` });
    expect(second.r('force')).toMatchObject({ changed: true, after: sha2 });
    expect(readFileSync(join(dest, 'a.txt'), 'utf8')).toBe('two\n');
  });
});

describe('pip (real pip in a venv, a local wheel, no network)', () => {
  test('creates the venv, installs, is idempotent, pins versions, uninstalls, check mode', async () => {
    const wheelDir = join(dir, 'wheels');
    sh(`mkdir -p ${wheelDir} && /usr/bin/python3 - <<'PY'
import zipfile
w = zipfile.ZipFile('${wheelDir}/tsible_demo-0.1-py3-none-any.whl', 'w')
files = {
  'tsible_demo/__init__.py': 'X = 1\\n',
  'tsible_demo-0.1.dist-info/METADATA': 'Metadata-Version: 2.1\\nName: tsible-demo\\nVersion: 0.1\\n',
  'tsible_demo-0.1.dist-info/WHEEL': 'Wheel-Version: 1.0\\nGenerator: t\\nRoot-Is-Purelib: true\\nTag: py3-none-any\\n',
}
for k, v in files.items(): w.writestr(k, v)
w.writestr('tsible_demo-0.1.dist-info/RECORD', ''.join(k + ',,\\n' for k in list(files) + ['tsible_demo-0.1.dist-info/RECORD']))
w.close()
PY`);
    const venv = join(dir, 'venv');
    const venvArgs = `virtualenv: "${venv}", virtualenv_command: "/usr/bin/python3 -m venv"`;
    const common = `${venvArgs}, extra_args: "--no-index --find-links ${wheelDir}"`;
    const out = await runPlay(`
- hosts: localhost
  gather_facts: false
  tasks:
    - { name: check, pip: { name: tsible-demo, ${common} }, check_mode: true }
    - { name: install, pip: { name: tsible-demo, ${common} } }
    - { name: again, pip: { name: tsible_demo, ${common} } }
    - { name: pinned, pip: { name: tsible-demo, version: "0.1", ${common} } }
    - { name: remove, pip: { name: tsible-demo, state: absent, ${venvArgs} } }
    - { name: remove again, pip: { name: tsible-demo, state: absent, ${venvArgs} } }
    - { name: missing version, pip: { name: tsible-demo, version: "9.9", ${common} }, ignore_errors: true }
`);
    expect(out.r('check')).toMatchObject({ changed: true, virtualenv: venv, state: 'present' });
    expect(out.r('install')).toMatchObject({ changed: true, name: ['tsible-demo'] });
    expect(String(out.r('install').stdout)).toMatch(/Successfully installed tsible-demo-0\.1/);
    expect(out.r('again')).toMatchObject({ changed: false });
    expect(out.r('pinned')).toMatchObject({ changed: false, version: '0.1' });
    expect(out.r('remove')).toMatchObject({ changed: true });
    expect(out.r('remove again')).toMatchObject({ changed: false });
    expect(out.r('missing version')._status).toBe('failed');
  }, 120000);
});

describe('raw, script, reboot, wait_for_connection, async_status', () => {
  test('raw and script over ssh; script creates/removes guards and check mode', async () => {
    const out = await runPlay(`
- hosts: all
  gather_facts: false
  tasks:
    - { name: raw, raw: "echo hi; echo err >&2" }
    - { name: raw exe, raw: "echo $0", args: { executable: /bin/sh } }
    - { name: raw fail, raw: "exit 3", ignore_errors: true }
    - { name: script, script: "files/hello.sh one 'two words'" }
    - { name: script creates, script: "hello.sh", args: { creates: /etc/passwd } }
    - { name: script check, script: "hello.sh", check_mode: true }
    - { name: script missing, script: "nope.sh", ignore_errors: true }
`, { inventory: `${sshHost('h1')}\n`, files: { 'files/hello.sh': '#!/bin/sh\necho "args:$#:$1:$2"; id -un\n' } });
    expect(out.r('raw')).toMatchObject({ changed: true, rc: 0, stdout: 'hi\n', stderr: 'err\n' });
    expect(out.r('raw exe').stdout).toBe('/bin/sh\n');
    expect(out.r('raw fail')).toMatchObject({ _status: 'failed', rc: 3, msg: 'non-zero return code' });
    expect(out.r('script')).toMatchObject({ changed: true, rc: 0 });
    expect(String(out.r('script').stdout)).toMatch(/^args:2:one:two words\n/);
    expect(out.r('script creates')).toMatchObject({ changed: false, skipped: true, msg: '/etc/passwd exists, matching creates option' });
    expect(out.r('script check')).toMatchObject({ skipped: true, msg: 'Check mode is not supported for this task.' });
    expect(out.r('script missing')._status).toBe('failed');
  });

  test('reboot with a fake reboot command (boot id in a file), check mode, and wait_for_connection', async () => {
    const boot = join(dir, 'boot_id');
    writeFileSync(boot, 'first\n');
    chmodSync(boot, 0o666);
    const fake = join(dir, 'fake-reboot');
    writeFileSync(fake, `#!/bin/sh\n( sleep 1; echo second > ${boot} ) >/dev/null 2>&1 &\nexit 0\n`);
    chmodSync(fake, 0o755);
    const out = await runPlay(`
- hosts: all
  gather_facts: false
  tasks:
    - { name: check, reboot: {}, check_mode: true }
    - { name: reboot, reboot: { reboot_command: "${fake}", boot_time_command: "cat ${boot}", reboot_timeout: 20 } }
    - { name: never, reboot: { reboot_command: "true", boot_time_command: "cat ${boot}", reboot_timeout: 2 }, ignore_errors: true }
    - { name: wfc, wait_for_connection: { timeout: 10 } }
`, { inventory: `${sshHost('h1')}\n` });
    expect(out.r('check')).toMatchObject({ changed: true, elapsed: 0, rebooted: true });
    expect(out.r('reboot')).toMatchObject({ changed: true, rebooted: true });
    expect(readFileSync(boot, 'utf8')).toBe('second\n');
    expect(out.r('never')).toMatchObject({ _status: 'failed' });
    expect(String(out.r('never').msg)).toMatch(/^Timed out waiting for last boot time check \(timeout=2\)/);
    expect(out.r('wfc')).toMatchObject({ changed: false, elapsed: 0 });
  }, 60000);

  test('async_status reads the engine job file; cleanup removes it; unknown job fails', async () => {
    const out = await runPlay(`
- hosts: all
  gather_facts: false
  tasks:
    - { name: job, command: "sleep 1", async: 20, poll: 0, register: job }
    - { name: status, async_status: { jid: "{{ job.ansible_job_id }}" }, register: st, until: st.finished, retries: 20, delay: 1 }
    - { name: cleanup, async_status: { jid: "{{ job.ansible_job_id }}", mode: cleanup } }
    - { name: unknown, async_status: { jid: "nope.1" }, ignore_errors: true }
`, { inventory: `${sshHost('h1')}\n` });
    expect(out.r('status')).toMatchObject({ finished: 1, started: 1, rc: 0, cmd: ['sleep', '1'] });
    expect(String(out.r('status').results_file)).toMatch(/^\/.*\/\.ansible_async\/j\d+\.\d+$/);
    expect(String(out.r('cleanup').erased)).toBe(out.r('status').results_file);
    expect(out.r('unknown')).toMatchObject({ _status: 'failed', msg: 'could not find job', ansible_job_id: 'nope.1' });
  });
});
