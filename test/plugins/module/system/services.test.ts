import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { execSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runPlay } from './harness';

const SVC = 'tsible-fake-svc';
const INIT = `/etc/init.d/${SVC}`;
let dir = '';

/** A real SysV init script: state is a pid file; every call is logged. */
const initScript = (d: string) => `#!/bin/sh
### BEGIN INIT INFO
# Provides:          ${SVC}
# Required-Start:
# Required-Stop:
# Default-Start:     2 3 4 5
# Default-Stop:      0 1 6
# Short-Description: tsible test service
### END INIT INFO
echo "$1" >> ${d}/calls
if [ "$2" = fail ]; then echo boom >&2; exit 1; fi
case "$1" in
  start) touch ${d}/running ;;
  stop) rm -f ${d}/running ;;
  reload) touch ${d}/reloaded ;;
  status) [ -f ${d}/running ] ;;
  *) exit 3 ;;
esac
`;

/** A stand-in systemctl (this machine has no running systemd) that keeps unit state in files. */
const fakeSystemctl = (d: string) => `#!/bin/sh
while case "$1" in --*) true ;; *) false ;; esac; do shift; done
echo "$*" >> ${d}/systemctl.log
case "$1" in
  show)
    if [ "$2" = missing.service ]; then echo LoadState=not-found; echo ActiveState=inactive; echo UnitFileState=; exit 0; fi
    echo "Id=$2"; echo LoadState=$(cat ${d}/load 2>/dev/null || echo loaded); echo "ActiveState=$(cat ${d}/active 2>/dev/null || echo inactive)"; echo "UnitFileState=x" ;;
  is-enabled) if [ -f ${d}/enabled ]; then echo enabled; exit 0; fi; echo disabled; exit 1 ;;
  start|restart) echo active > ${d}/active ;;
  reload) echo reloaded >> ${d}/reloads ;;
  stop) echo inactive > ${d}/active ;;
  enable) touch ${d}/enabled ;;
  disable) rm -f ${d}/enabled ;;
  mask) echo masked > ${d}/load ;;
  unmask) echo loaded > ${d}/load ;;
  daemon-reload) ;;
  *) exit 1 ;;
esac
`;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'tsible-svc-'));
  writeFileSync(INIT, initScript(dir));
  chmodSync(INIT, 0o755);
  writeFileSync(join(dir, 'systemctl'), fakeSystemctl(dir));
  chmodSync(join(dir, 'systemctl'), 0o755);
});

afterAll(() => {
  execSync(`update-rc.d -f ${SVC} remove >/dev/null 2>&1 || true`, { shell: '/bin/sh' });
  rmSync(INIT, { force: true });
  rmSync(dir, { recursive: true, force: true });
});

describe('service / sysvinit against a real init script', () => {
  test('start, idempotent, enable via update-rc.d, restart, reload, stop, disable, check mode, missing service', async () => {
    const out = await runPlay(`
- hosts: localhost
  gather_facts: false
  tasks:
    - { name: check start, service: { name: ${SVC}, state: started }, check_mode: true }
    - { name: start, service: { name: ${SVC}, state: started, use: service } }
    - { name: start again, service: { name: ${SVC}, state: started, use: service } }
    - { name: enable, sysvinit: { name: ${SVC}, enabled: true } }
    - { name: enable again, sysvinit: { name: ${SVC}, enabled: true } }
    - { name: restart, sysvinit: { name: ${SVC}, state: restarted, sleep: 0 } }
    - { name: reload, service: { name: ${SVC}, state: reloaded, use: service } }
    - { name: stop, service: { name: ${SVC}, state: stopped, use: service } }
    - { name: stop again, sysvinit: { name: ${SVC}, state: stopped } }
    - { name: disable, sysvinit: { name: ${SVC}, enabled: false } }
    - { name: failing, sysvinit: { name: ${SVC}, state: started, arguments: fail }, ignore_errors: true }
    - { name: missing, service: { name: no-such-svc-zz, state: started, use: service }, ignore_errors: true }
`);
    expect(out.r('check start')).toMatchObject({ changed: true, name: SVC, state: 'started' });
    expect(out.r('start')).toMatchObject({ changed: true, name: SVC, state: 'started' });
    expect(out.r('start again')).toMatchObject({ changed: false });
    expect(out.r('enable')).toMatchObject({ changed: true, enabled: true });
    expect(out.r('enable again')).toMatchObject({ changed: false });
    expect(out.r('restart')).toMatchObject({ changed: true, status: { restarted: { changed: true, rc: 0, stderr: '' } } });
    expect(out.r('enable')).toMatchObject({ status: { enabled: { changed: true, rc: 0 } } });
    expect(out.r('enable again')).toMatchObject({ changed: false });
    expect(out.r('failing')).toMatchObject({ _status: 'failed', msg: `Unable to start service ${SVC}: boom`, status: { started: { changed: true, rc: 1, stderr: 'boom\n' } } });
    expect(out.r('reload')).toMatchObject({ changed: true });
    expect(out.r('stop')).toMatchObject({ changed: true });
    expect(out.r('stop again')).toMatchObject({ changed: false });
    expect(out.r('disable')).toMatchObject({ changed: true, enabled: false });
    expect(out.r('missing')).toMatchObject({ _status: 'failed' });
    expect(String(out.r('missing').msg)).toMatch(/could not find the requested service no-such-svc-zz/);
    const calls = readFileSync(join(dir, 'calls'), 'utf8').split('\n').filter((l) => l !== 'status');
    expect(calls.filter(Boolean)).toEqual(['start', 'stop', 'start', 'reload', 'stop', 'start']);
    expect(existsSync(join(dir, 'reloaded'))).toBe(true);
  });
});

describe('systemd (through a stand-in systemctl: no systemd runs here)', () => {
  test('command construction, idempotence, masking, daemon_reload, missing unit and a real systemctl without systemd', async () => {
    const env = `environment: { PATH: "${dir}:/usr/bin:/bin" }`;
    const out = await runPlay(`
- hosts: localhost
  gather_facts: false
  tasks:
    - { name: start, systemd: { name: web.service, state: started, enabled: true, daemon_reload: true }, ${env} }
    - { name: start again, systemd: { name: web.service, state: started, enabled: true }, ${env} }
    - { name: via service, service: { name: web.service, state: reloaded, use: systemd }, ${env} }
    - { name: check stop, systemd: { name: web.service, state: stopped }, check_mode: true, ${env} }
    - { name: mask, systemd: { name: web.service, masked: true, state: stopped, no_block: true }, ${env} }
    - { name: missing, systemd: { name: missing.service, state: started }, ignore_errors: true, ${env} }
    - { name: real systemctl, systemd: { name: ssh, state: started }, ignore_errors: true }
`);
    expect(out.r('start')).toMatchObject({ changed: true, name: 'web.service', state: 'started', enabled: true, status: { LoadState: 'loaded', ActiveState: 'inactive' } });
    expect(out.r('start again')).toMatchObject({ changed: false, status: { ActiveState: 'active' } });
    expect(out.r('via service')).toMatchObject({ changed: true, name: 'web.service', state: 'reloaded' });
    expect(out.r('check stop')).toMatchObject({ changed: true });
    expect(out.r('mask')).toMatchObject({ changed: true });
    expect(out.r('missing')).toMatchObject({ _status: 'failed', msg: 'Could not find the requested service missing.service: host' });
    expect(String(out.r('real systemctl').msg)).toMatch(/^systemctl could not talk to systemd on the target: System has not been booted with systemd/);
    const log = readFileSync(join(dir, 'systemctl.log'), 'utf8').split('\n').filter((l) => l && !l.startsWith('show') && !l.startsWith('is-enabled'));
    expect(log).toEqual(['daemon-reload', 'enable web.service', 'start web.service', 'reload web.service', 'mask web.service', 'stop web.service']);
  });
});
