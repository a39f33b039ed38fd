import { execSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runPlay } from './harness';

const installed = (p: string) => execSync(`dpkg-query -W -f='\${Status}' ${p} 2>/dev/null || true`, { shell: '/bin/sh' }).toString().includes('install ok installed');

describe('apt (real apt-get on this Debian machine)', () => {
  afterAll(() => { if (installed('sl')) execSync('apt-get -y -q remove sl >/dev/null 2>&1 || true', { shell: '/bin/sh' }); });

  test('check mode simulates; install sl, idempotent, remove; unknown package; package dispatches to apt', async () => {
    if (installed('sl')) execSync('apt-get -y -q remove sl >/dev/null');
    const debDir = mkdtempSync(join(tmpdir(), 'tsible-deb-'));
    execSync('apt-get download sl >/dev/null 2>&1', { cwd: debDir });
    const deb = join(debDir, readdirSync(debDir).find((f) => f.endsWith('.deb')) as string);
    const out = await runPlay(`
- hosts: localhost
  gather_facts: false
  tasks:
    - { name: check, apt: { name: sl }, check_mode: true }
    - { name: present already, apt: { name: coreutils } }
    - { name: deb check, apt: { deb: "${deb}" }, check_mode: true }
    - { name: install, apt: { deb: "${deb}" } }
    - { name: deb again, apt: { deb: "${deb}" } }
    - { name: install again, package: { name: sl, state: present } }
    - { name: missing deb, apt: { deb: /nonexistent.deb }, ignore_errors: true }
    - { name: remove, apt: { name: sl, state: absent } }
    - { name: remove again, apt: { name: sl, state: absent } }
    - { name: unknown, apt: { name: no-such-package-tsible }, ignore_errors: true }
    - { name: latest noop, apt: { name: coreutils, state: latest }, check_mode: true }
    - { name: cache valid, apt: { update_cache: true, cache_valid_time: 999999999 } }
`);
    expect(out.r('check')).toMatchObject({ changed: true, cache_updated: false });
    expect(String(out.r('check').stdout)).toMatch(/^Inst sl /m);
    expect(typeof out.r('check').cache_update_time).toBe('number');
    expect(out.r('present already')).toMatchObject({ changed: false, cache_updated: false, cache_update_time: out.r('check').cache_update_time, _status: 'ok' });
    expect(out.r('present already')).not.toHaveProperty('stdout');
    expect(out.r('deb check')).toMatchObject({ changed: true });
    expect(out.r('install')).toMatchObject({ changed: true });
    expect(String(out.r('install').stdout)).toMatch(/Setting up sl/);
    expect(out.r('deb again')).toMatchObject({ changed: false, _status: 'ok' });
    expect(out.r('deb again')).not.toHaveProperty('stdout');
    expect(out.r('missing deb')).toMatchObject({ _status: 'failed', msg: 'Unable to install package: /nonexistent.deb does not exist' });
    rmSync(debDir, { recursive: true, force: true });
    expect(out.r('install again')).toMatchObject({ changed: false });
    expect(out.r('remove')).toMatchObject({ changed: true });
    expect(out.r('remove again')).toMatchObject({ changed: false });
    expect(out.r('unknown')).toMatchObject({ _status: 'failed', msg: "No package matching 'no-such-package-tsible' is available" });
    expect(out.r('cache valid')).toMatchObject({ changed: false, cache_updated: false });
    expect(installed('sl')).toBe(false);
  }, 180000);
});

describe('dnf / yum (through stand-in rpm and dnf: this machine is Debian)', () => {
  let dir = '';
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'tsible-dnf-'));
    writeFileSync(join(dir, 'rpm'), `#!/bin/sh\n# rpm -q --qf FMT names...\nshift 3\nfor p in "$@"; do if grep -qx "$p" ${dir}/db; then echo "$p"; else echo "package $p is not installed"; fi; done\n`);
    writeFileSync(join(dir, 'dnf'), `#!/bin/sh\necho "$*" >> ${dir}/log\ncase " $* " in *" check-update "*) [ -f ${dir}/updates ] && { cat ${dir}/updates; exit 100; }; exit 0;; esac\nverb=; for a in "$@"; do case "$a" in -*) ;; install|remove|upgrade) verb=$a ;; *) [ -n "$verb" ] && { if [ $verb = remove ]; then grep -vx "$a" ${dir}/db > ${dir}/db.n; mv ${dir}/db.n ${dir}/db; else echo "$a" >> ${dir}/db; fi; } ;; esac; done\necho Complete!\n`);
    writeFileSync(join(dir, 'db'), 'bash\n');
    writeFileSync(join(dir, 'updates'), 'bash.x86_64   5.2-1.fc39   updates\n');
    for (const f of ['rpm', 'dnf']) chmodSync(join(dir, f), 0o755);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  test('install, idempotent, latest, remove, check mode, and yum missing', async () => {
    const env = `environment: { PATH: "${dir}:/usr/bin:/bin" }`;
    const out = await runPlay(`
- hosts: localhost
  gather_facts: false
  tasks:
    - { name: check, dnf: { name: [nginx, bash] }, check_mode: true, ${env} }
    - { name: install, dnf: { name: [nginx, bash], disablerepo: [x] }, ${env} }
    - { name: again, dnf: { name: [nginx, bash] }, ${env} }
    - { name: latest, dnf: { name: bash, state: latest }, ${env} }
    - { name: remove, dnf: { name: nginx, state: absent }, ${env} }
    - { name: package dnf, package: { name: nginx, state: absent, use: dnf }, ${env} }
    - { name: yum missing, yum: { name: nginx }, ignore_errors: true, ${env} }
`);
    expect(out.r('check')).toMatchObject({ changed: true, results: ['Installed: nginx'] });
    expect(out.r('install')).toMatchObject({ changed: true, rc: 0, results: ['Installed: nginx'] });
    expect(out.r('again')).toMatchObject({ changed: false, msg: 'Nothing to do' });
    expect(out.r('latest')).toMatchObject({ changed: true, results: ['Upgraded: bash'] });
    expect(out.r('remove')).toMatchObject({ changed: true, results: ['Removed: nginx'] });
    expect(out.r('package dnf')).toMatchObject({ changed: false });
    expect(String(out.r('yum missing').msg)).toMatch(/^Failed to find required executable "yum" in paths: /);
    const log = readFileSync(join(dir, 'log'), 'utf8').split('\n').filter((l) => l && !l.includes('check-update'));
    expect(log).toEqual(['-y --disablerepo=x install nginx', '-y upgrade bash', '-y remove nginx']);
  });
});
