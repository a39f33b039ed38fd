import { execSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runPlay, sshHost } from './harness';
import { sshFixture } from '../../../helpers/sshd';

let scratch = '';
beforeAll(() => {
  scratch = mkdtempSync(join(tmpdir(), 'tsible-sysfiles-'));
  chmodSync(scratch, 0o777);
});
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const KEY1 = 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIFyYG7khQ0fle8VPHmwQ+bDCsGktr1tghrjEAfuAV3bW one@x';
const KEY2 = 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIBbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb two@y';

describe('cron', () => {
  test('cron_file jobs and env: add, idempotent, update, disable, special time, remove (file removed when empty)', async () => {
    const file = join(scratch, 'cron.d-test');
    const out = await runPlay(`
- hosts: localhost
  gather_facts: false
  tasks:
    - { name: add, cron: { name: backup, minute: "5", hour: "2", user: root, job: /usr/bin/backup.sh, cron_file: "${file}" } }
    - { name: again, cron: { name: backup, minute: "5", hour: "2", user: root, job: /usr/bin/backup.sh, cron_file: "${file}" } }
    - { name: env, cron: { name: PATH, env: true, job: /usr/bin:/bin, user: root, cron_file: "${file}" } }
    - { name: update, cron: { name: backup, minute: "10", hour: "2", user: root, job: /usr/bin/backup.sh, cron_file: "${file}" } }
    - { name: reboot, cron: { name: boot, special_time: reboot, user: root, job: /bin/true, disabled: true, cron_file: "${file}" } }
    - { name: check remove, cron: { name: boot, state: absent, cron_file: "${file}" }, check_mode: true, diff: true }
    - { name: remove, cron: { name: boot, state: absent, cron_file: "${file}" } }
    - { name: bad, cron: { name: x, job: y, special_time: daily, minute: "1", cron_file: "${file}", user: root }, ignore_errors: true }
`);
    expect(out.r('add')).toMatchObject({ changed: true, jobs: ['backup'], envs: [], cron_file: file });
    expect(out.r('again')).toMatchObject({ changed: false });
    expect(out.r('env')).toMatchObject({ changed: true, envs: ['PATH'] });
    expect(out.r('update')).toMatchObject({ changed: true });
    expect(out.r('reboot')).toMatchObject({ changed: true, jobs: ['backup', 'boot'] });
    expect(out.r('check remove')).toMatchObject({ changed: true, jobs: ['backup'] });
    expect((out.r('check remove').diff as Record<string, string>).after).not.toContain('boot');
    expect(out.r('bad')).toMatchObject({ _status: 'failed', msg: 'You must specify time and date fields or special time.' });
    expect(readFileSync(file, 'utf8')).toBe('PATH="/usr/bin:/bin"\n#Ansible: backup\n10 2 * * * root /usr/bin/backup.sh\n');
    const gone = await runPlay(`
- hosts: localhost
  gather_facts: false
  tasks:
    - { name: rm backup, cron: { name: backup, state: absent, cron_file: "${file}" } }
    - { name: rm env, cron: { name: PATH, env: true, state: absent, cron_file: "${file}" } }
`);
    expect(gone.r('rm backup')).toMatchObject({ changed: true, jobs: [], envs: ['PATH'] });
    expect(gone.r('rm env')).toMatchObject({ changed: true, jobs: [], envs: [] });
    expect(readFileSync(file, 'utf8')).toBe('');
  });

  test('a user crontab without the crontab tool fails with a clear message', async () => {
    const out = await runPlay(`
- hosts: localhost
  gather_facts: false
  tasks:
    - { name: c, cron: { name: x, job: /bin/true }, ignore_errors: true, environment: { PATH: /nonexistent } }
`);
    const r = out.r('c');
    if (execSync('command -v crontab || true', { shell: '/bin/sh' }).toString().trim()) {
      expect(r._status).toBe('ok');
    } else {
      expect(String(r.msg)).toMatch(/^Failed to find required executable "crontab" in paths: /);
    }
  });
});

describe('sysctl, hostname', () => {
  test('sysctl edits its file idempotently, removes entries, and sets a live value only when it differs', async () => {
    const file = join(scratch, 'sysctl.conf');
    writeFileSync(file, '# comment\nnet.ipv4.ip_forward = 0\n');
    const swappiness = readFileSync('/proc/sys/vm/swappiness', 'utf8').trim();
    const out = await runPlay(`
- hosts: localhost
  gather_facts: false
  tasks:
    - { name: set, sysctl: { name: net.ipv4.ip_forward, value: "1", sysctl_file: "${file}", reload: false } }
    - { name: again, sysctl: { name: net.ipv4.ip_forward, value: "1", sysctl_file: "${file}", reload: false } }
    - { name: add, sysctl: { name: vm.swappiness, value: "${swappiness}", sysctl_file: "${file}", sysctl_set: true } }
    - { name: live same, sysctl: { name: vm.swappiness, value: "${swappiness}", sysctl_file: "${file}", sysctl_set: true } }
    - { name: live check, sysctl: { name: vm.swappiness, value: "${Number(swappiness) === 1 ? 2 : 1}", sysctl_file: "${file}", sysctl_set: true }, check_mode: true }
    - { name: remove, sysctl: { name: net.ipv4.ip_forward, state: absent, sysctl_file: "${file}", reload: false } }
`);
    expect(out.r('set')).toMatchObject({ changed: true });
    expect(out.r('again')).toMatchObject({ changed: false });
    expect(out.r('add')).toMatchObject({ changed: true });
    expect(out.r('live same')).toMatchObject({ changed: false });
    expect(out.r('live check')).toMatchObject({ changed: true });
    expect(out.r('remove')).toMatchObject({ changed: true });
    expect(readFileSync(file, 'utf8')).toBe(`# comment\nvm.swappiness=${swappiness}\n`);
    expect(readFileSync('/proc/sys/vm/swappiness', 'utf8').trim()).toBe(swappiness);
  });

  test('hostname: same name is unchanged; a new name in check mode reports the change and facts without applying', async () => {
    const current = execSync('hostname').toString().trim();
    const out = await runPlay(`
- hosts: localhost
  gather_facts: false
  tasks:
    - { name: same, hostname: { name: "${current}" }, when: false }
    - { name: new, hostname: { name: tsible-new.example.com }, check_mode: true, diff: true }
`);
    expect(out.r('new')).toMatchObject({ changed: true, name: 'tsible-new.example.com',
      ansible_facts: { hostname: 'tsible-new', nodename: 'tsible-new.example.com', domain: 'example.com' },
      diff: { before: `hostname = ${current}\n`, after: 'hostname = tsible-new.example.com\n' } });
    expect(execSync('hostname').toString().trim()).toBe(current);
  });
});

describe('known_hosts and authorized_key over ssh (as the fixture user)', () => {
  test('known_hosts: add, idempotent, replace, hashed, remove', async () => {
    const fx = sshFixture();
    const file = join(scratch, `kh-${fx.user}`);
    const out = await runPlay(`
- hosts: all
  gather_facts: false
  tasks:
    - { name: add, known_hosts: { name: host1.example, key: "host1.example ${KEY1.split(' ').slice(0, 2).join(' ')}", path: "${file}" } }
    - { name: again, known_hosts: { name: host1.example, key: "host1.example ${KEY1.split(' ').slice(0, 2).join(' ')}", path: "${file}" } }
    - { name: replace, known_hosts: { name: host1.example, key: "host1.example ${KEY2.split(' ').slice(0, 2).join(' ')}", path: "${file}" } }
    - { name: hashed, known_hosts: { name: "[h2]:2222", key: "[h2]:2222 ${KEY1.split(' ').slice(0, 2).join(' ')}", path: "${file}", hash_host: true } }
    - { name: hashed again, known_hosts: { name: "[h2]:2222", key: "[h2]:2222 ${KEY1.split(' ').slice(0, 2).join(' ')}", path: "${file}", hash_host: true } }
    - { name: mismatch, known_hosts: { name: other, key: "host1.example ${KEY1.split(' ').slice(0, 2).join(' ')}", path: "${file}" }, ignore_errors: true }
    - { name: remove, known_hosts: { name: host1.example, state: absent, path: "${file}" } }
`, { inventory: `${sshHost('h1')}\n` });
    expect(out.r('add')).toMatchObject({ changed: true, name: 'host1.example', path: file, state: 'file', mode: '0644', diff: { before_header: '/dev/null', after_header: file } });
    expect(out.r('again')).toMatchObject({ changed: false });
    expect(out.r('replace')).toMatchObject({ changed: true });
    expect(out.r('hashed')).toMatchObject({ changed: true });
    expect(out.r('hashed again')).toMatchObject({ changed: false });
    expect(out.r('mismatch')).toMatchObject({ _status: 'failed', msg: 'Host parameter does not match host in supplied key' });
    expect(out.r('remove')).toMatchObject({ changed: true });
    const content = readFileSync(file, 'utf8');
    expect(content).toMatch(/^\|1\|[^|]+\|\S+ ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIFyYG7khQ0fle8VPHmwQ\+bDCsGktr1tghrjEAfuAV3bW\n$/);
    expect(execSync(`ssh-keygen -F '[h2]:2222' -f ${file}`).toString()).toContain('ssh-ed25519');
  });

  test('authorized_key: add with options, idempotent, exclusive, absent, diff, unknown user', async () => {
    const fx = sshFixture();
    const file = join(scratch, `ak-${fx.user}`);
    const out = await runPlay(`
- hosts: all
  gather_facts: false
  tasks:
    - { name: add, authorized_key: { user: "${fx.user}", key: "${KEY1}", path: "${file}", manage_dir: false } }
    - { name: again, authorized_key: { user: "${fx.user}", key: "${KEY1}", path: "${file}", manage_dir: false } }
    - { name: options, authorized_key: { user: "${fx.user}", key: "${KEY1}", key_options: 'no-pty,from="10.0.0.1"', path: "${file}", manage_dir: false } }
    - { name: second, authorized_key: { user: "${fx.user}", key: "${KEY2}", path: "${file}", manage_dir: false } }
    - { name: exclusive, authorized_key: { user: "${fx.user}", key: "${KEY2}", exclusive: true, path: "${file}", manage_dir: false }, diff: true }
    - { name: absent, authorized_key: { user: "${fx.user}", key: "${KEY2}", state: absent, path: "${file}", manage_dir: false } }
    - { name: nouser, authorized_key: { user: no_such_user_zz, key: "${KEY2}" }, ignore_errors: true }
`, { inventory: `${sshHost('h1')}\n` });
    expect(out.r('add')).toMatchObject({ changed: true, keyfile: file, user: fx.user, exclusive: false, state: 'present' });
    expect(out.r('again')).toMatchObject({ changed: false });
    expect(out.r('options')).toMatchObject({ changed: true });
    expect(out.r('second')).toMatchObject({ changed: true });
    expect(out.r('exclusive')).toMatchObject({ changed: true });
    expect((out.r('exclusive').diff as Record<string, string>).before).toContain('no-pty,from="10.0.0.1" ssh-ed25519');
    expect(out.r('absent')).toMatchObject({ changed: true });
    expect(out.r('nouser')).toMatchObject({ _status: 'failed', msg: 'Failed to lookup user no_such_user_zz: user not found' });
    expect(readFileSync(file, 'utf8')).toBe('');
  });
});

describe('mount (as root, local connection)', () => {
  test('tmpfs: mounted, idempotent, fstab entry, unmounted, absent', async () => {
    const point = join(scratch, 'mnt point');
    const fstab = join(scratch, 'fstab');
    writeFileSync(fstab, '# test fstab\n');
    try {
      const out = await runPlay(`
- hosts: localhost
  gather_facts: false
  tasks:
    - { name: check, mount: { path: "${point}", src: tmpfs, fstype: tmpfs, opts: size=1m, state: mounted, fstab: "${fstab}" }, check_mode: true }
    - { name: mount, mount: { path: "${point}", src: tmpfs, fstype: tmpfs, opts: size=1m, state: mounted, fstab: "${fstab}" } }
    - { name: again, mount: { path: "${point}", src: tmpfs, fstype: tmpfs, opts: size=1m, state: mounted, fstab: "${fstab}" } }
    - { name: mounts, command: "cat /proc/mounts" }
    - { name: unmount, mount: { path: "${point}", state: unmounted, fstab: "${fstab}" } }
    - { name: unmount again, mount: { path: "${point}", state: unmounted, fstab: "${fstab}" } }
    - { name: absent, mount: { path: "${point}", state: absent, fstab: "${fstab}" } }
    - { name: missing spec, mount: { path: "${point}", state: present, fstab: "${fstab}" }, ignore_errors: true }
`);
      expect(out.r('check')).toMatchObject({ changed: true });
      expect(out.r('mount')).toMatchObject({ changed: true, name: point, src: 'tmpfs', fstype: 'tmpfs', opts: 'size=1m', dump: '0', passno: '0', fstab });
      expect(out.r('again')).toMatchObject({ changed: false });
      expect(String(out.r('mounts').stdout)).toContain(`${point.replace(/ /g, '\\040')} tmpfs`);
      expect(out.r('unmount')).toMatchObject({ changed: true });
      expect(out.r('unmount again')).toMatchObject({ changed: false });
      expect(out.r('absent')).toMatchObject({ changed: true });
      expect(out.r('missing spec')._status).toBe('failed');
      expect(readFileSync(fstab, 'utf8')).toBe('# test fstab\n');
      expect(existsSync(point)).toBe(false);
    } finally {
      execSync(`umount '${point}' 2>/dev/null || true`, { shell: '/bin/sh' });
    }
  });
});
