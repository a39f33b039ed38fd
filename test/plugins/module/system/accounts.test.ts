import { execSync } from 'node:child_process';
import { runPlay, sshHost } from './harness';

const U = 'tsible_tu1';
const G = 'tsible_tg1';
const cleanup = () => execSync(`userdel -r ${U} 2>/dev/null; groupdel ${G} 2>/dev/null; groupdel ${G}b 2>/dev/null; true`, { shell: '/bin/sh' });

beforeAll(cleanup);
afterAll(cleanup);

describe('group and user (as root, local connection)', () => {
  test('group: create, idempotent, change gid, check mode, remove', async () => {
    const out = await runPlay(`
- hosts: localhost
  gather_facts: false
  tasks:
    - { name: check create, group: { name: ${G}, gid: 45451 }, check_mode: true }
    - { name: create, group: { name: ${G}, gid: 45451 } }
    - { name: again, group: { name: ${G}, gid: 45451 } }
    - { name: regid, group: { name: ${G}, gid: 45452 } }
    - { name: remove, group: { name: ${G}, state: absent } }
    - { name: remove again, group: { name: ${G}, state: absent } }
`);
    expect(out.r('check create')).toMatchObject({ changed: true, gid: 45451, name: G, state: 'present', system: false });
    expect(out.r('create')).toEqual(expect.objectContaining({ changed: true, gid: 45451, name: G, state: 'present', system: false }));
    expect(out.r('again')).toMatchObject({ changed: false, gid: 45451 });
    expect(out.r('regid')).toMatchObject({ changed: true, gid: 45452 });
    expect(out.r('remove')).toMatchObject({ changed: true, name: G, state: 'absent' });
    expect(out.r('remove again')).toMatchObject({ changed: false, name: G, state: 'absent' });
  });

  test('user: create with groups, idempotent, modify, password, ssh key, append, remove', async () => {
    execSync(`groupadd ${G} && groupadd ${G}b`);
    const hash = '$6$salt$IxDD3jeSOb5eB1CX5LBsqZFVkJdido3OUILO5Ifz5iwMuTS4XMS130MTSuDDl3aCI6WouIL9AjRbLCelDCy.g.';
    const out = await runPlay(`
- hosts: localhost
  gather_facts: false
  tasks:
    - { name: check create, user: { name: ${U}, comment: hi }, check_mode: true }
    - { name: create, user: { name: ${U}, comment: hi, shell: /bin/sh, groups: [${G}] } }
    - { name: again, user: { name: ${U}, comment: hi, shell: /bin/sh, groups: [${G}] } }
    - { name: modify, user: { name: ${U}, comment: bye, uid: 45453 } }
    - { name: append, user: { name: ${U}, groups: [${G}b], append: true } }
    - { name: ids1, command: "id -Gn ${U}" }
    - { name: exact groups, user: { name: ${U}, groups: [${G}b] } }
    - { name: ids2, command: "id -Gn ${U}" }
    - { name: password, user: { name: ${U}, password: "${hash}" } }
    - { name: password again, user: { name: ${U}, password: "${hash}" } }
    - { name: key, user: { name: ${U}, generate_ssh_key: true, ssh_key_type: ed25519, ssh_key_file: .ssh/id_ed25519, ssh_key_comment: test } }
    - { name: key again, user: { name: ${U}, generate_ssh_key: true, ssh_key_type: ed25519, ssh_key_file: .ssh/id_ed25519 } }
    - { name: missing group, user: { name: ${U}, group: no_such_group_x }, ignore_errors: true }
    - { name: remove, user: { name: ${U}, state: absent, remove: true } }
    - { name: remove again, user: { name: ${U}, state: absent } }
`);
    expect(out.r('check create')).toMatchObject({ changed: true, name: U, state: 'present' });
    expect(out.r('create')).toMatchObject({ changed: true, comment: 'hi', create_home: true, home: `/home/${U}`, shell: '/bin/sh', groups: G, system: false, state: 'present' });
    expect(typeof out.r('create').uid).toBe('number');
    expect(out.r('again')).toMatchObject({ changed: false, append: false, move_home: false, comment: 'hi' });
    expect(out.r('modify')).toMatchObject({ changed: true, comment: 'bye', uid: 45453 });
    expect(out.r('append')).toMatchObject({ changed: true });
    expect(String(out.r('ids1').stdout).split(' ').sort()).toEqual([U, G, `${G}b`].sort());
    expect(out.r('exact groups')).toMatchObject({ changed: true });
    expect(String(out.r('ids2').stdout).split(' ').sort()).toEqual([U, `${G}b`].sort());
    expect(out.r('password')).toMatchObject({ changed: true, password: 'NOT_LOGGING_PASSWORD' });
    expect(out.r('password again')).toMatchObject({ changed: false });
    expect(out.r('key')).toMatchObject({ changed: true, ssh_key_file: `/home/${U}/.ssh/id_ed25519` });
    expect(String(out.r('key').ssh_public_key)).toMatch(/^ssh-ed25519 \S+ test$/);
    expect(String(out.r('key').ssh_fingerprint)).toMatch(/^256 SHA256:/);
    expect(out.r('key again')).toMatchObject({ changed: false, ssh_public_key: out.r('key').ssh_public_key });
    expect(out.r('missing group')).toMatchObject({ _status: 'failed', msg: 'Group no_such_group_x does not exist' });
    expect(out.r('remove')).toMatchObject({ changed: true, force: false, remove: true, state: 'absent' });
    expect(out.r('remove again')).toMatchObject({ changed: false, name: U, state: 'absent' });
  });

  test('over ssh as a non-root user without become: a clear permission failure, and lookups still work', async () => {
    const out = await runPlay(`
- hosts: all
  gather_facts: false
  tasks:
    - { name: root exists, user: { name: root }, check_mode: true }
    - { name: create, group: { name: ${G}c }, ignore_errors: true }
`, { inventory: `${sshHost('h1')}\n` });
    expect(out.r('root exists')).toMatchObject({ changed: false, uid: 0, home: '/root' });
    expect(out.r('create')._status).toBe('failed');
    expect(String(out.r('create').msg)).toMatch(/^groupadd failed: .*(Permission denied|only root|cannot lock)/is);
  });
});
