import { execSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { becomePassword, runPlay, sshHost } from './harness';

const U = 'tsible_bu1';
const cleanup = () => execSync(`userdel -r ${U} 2>/dev/null; groupdel ${U}g 2>/dev/null; rm -rf /home/${U} /etc/cron.d/tsible-become-test; true`, { shell: '/bin/sh' });
beforeAll(cleanup);
afterAll(cleanup);

describe('system modules over ssh as the sudo user through become (password)', () => {
  test('group, user, cron_file, authorized_key, apt check mode and facts as root', async () => {
    const inventory = `${sshHost('h1', 0, { ansible_become_password: becomePassword() })}\n`;
    const out = await runPlay(`
- hosts: all
  gather_facts: false
  become: true
  tasks:
    - { name: group, group: { name: ${U}g } }
    - { name: user, user: { name: ${U}, group: ${U}g, shell: /bin/sh } }
    - { name: user again, user: { name: ${U}, group: ${U}g, shell: /bin/sh } }
    - { name: password, user: { name: ${U}, password: "$6$salt$IxDD3jeSOb5eB1CX5LBsqZFVkJdido3OUILO5Ifz5iwMuTS4XMS130MTSuDDl3aCI6WouIL9AjRbLCelDCy.g." } }
    - { name: script, script: "whoami.sh arg1" }
    - { name: key, authorized_key: { user: ${U}, key: "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIFyYG7khQ0fle8VPHmwQ+bDCsGktr1tghrjEAfuAV3bW t@x" } }
    - { name: cron, cron: { name: nightly, hour: "3", minute: "0", user: ${U}, job: /bin/true, cron_file: tsible-become-test } }
    - { name: apt, apt: { name: sl }, check_mode: true }
    - { name: facts, setup: { gather_subset: ["!all"] } }
    - { name: not root, setup: { gather_subset: ["!all"], filter: [ansible_user_id] }, become: false }
`, { inventory, files: { 'files/whoami.sh': '#!/bin/sh\necho "$(id -un) $1"\n' } });
    expect({ task: 'group', ...out.r('group') }).toMatchObject({ task: 'group',  changed: true, name: `${U}g` });
    expect({ task: 'user', ...out.r('user') }).toMatchObject({ task: 'user',  changed: true, name: U, shell: '/bin/sh', home: `/home/${U}` });
    expect({ task: 'user again', ...out.r('user again') }).toMatchObject({ task: 'user again',  changed: false });
    expect({ task: 'password', ...out.r('password') }).toMatchObject({ task: 'password', changed: true });
    expect(execSync(`getent shadow ${U} | cut -d: -f2`).toString().trim()).toMatch(/^\$6\$salt\$IxDD3/);
    expect({ task: 'script', ...out.r('script') }).toMatchObject({ task: 'script', changed: true, rc: 0, stdout: 'root arg1\n' });
    expect({ task: 'key', ...out.r('key') }).toMatchObject({ task: 'key',  changed: true, keyfile: `/home/${U}/.ssh/authorized_keys` });
    expect(execSync(`stat -c '%U %a' /home/${U}/.ssh /home/${U}/.ssh/authorized_keys`).toString()).toBe(`${U} 700\n${U} 600\n`);
    expect({ task: 'cron', ...out.r('cron') }).toMatchObject({ task: 'cron',  changed: true, jobs: ['nightly'] });
    expect(readFileSync('/etc/cron.d/tsible-become-test', 'utf8')).toBe(`#Ansible: nightly\n0 3 * * * ${U} /bin/true\n`);
    expect({ task: 'apt', ...out.r('apt') }).toMatchObject({ task: 'apt',  changed: true });
    expect((out.r('facts').ansible_facts as Record<string, unknown>).ansible_user_id).toBe('root');
    expect((out.r('not root').ansible_facts as Record<string, unknown>).ansible_user_id).not.toBe('root');
  }, 120000);
});
