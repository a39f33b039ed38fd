import { execFileSync } from 'node:child_process';
import doas from '../../../plugins/become/doas';
import su from '../../../plugins/become/su';
import sudo from '../../../plugins/become/sudo';

const id = 'abc123';

describe('become plugins: the command lines they build', () => {
  it('sudo without a password is non-interactive and prints the marker first', () => {
    const req = sudo.wrap('echo hi', { user: 'root', id });
    expect(req.command).toBe(`sudo -H -S -n -u root /bin/sh -c 'echo BECOME-SUCCESS-${id}; echo hi'`);
    expect(req.successMarker).toBe(`BECOME-SUCCESS-${id}`);
    expect(req.prompt).toBeUndefined();
    expect(req.tty).toBeFalsy();
  });

  it('sudo with a password drops -n, keeps -S, and puts the id in the prompt, not the password', () => {
    const req = sudo.wrap("echo 'quoted'", { user: 'app', id, password: 's3cret' });
    expect(req.command).toBe(`sudo -H -S -p '[sudo via tsible, key=${id}] password:' -u app /bin/sh -c 'echo BECOME-SUCCESS-${id}; echo '"'"'quoted'"'"''`);
    expect(req.command).not.toContain('s3cret');
    expect(req.password).toBe('s3cret');
    expect(req.prompt).toBe(`[sudo via tsible, key=${id}] password:`);
    expect(sudo.wrap('x', { user: 'root', id, password: 'p', flags: '-Hn -E' }).command).toMatch(/^sudo -H -E -S -p /);
    expect(sudo.wrap('x', { user: 'root', id, exe: '/usr/local/bin/sudo', flags: '-i' }).command).toMatch(/^\/usr\/local\/bin\/sudo -i -u root /);
  });

  it('su runs the command through the target user shell on a terminal', () => {
    const req = su.wrap('id -u', { user: 'postgres', id, password: 'pw' });
    expect(req.command).toBe(`su postgres -c '/bin/sh -c '"'"'echo BECOME-SUCCESS-${id}; id -u'"'"''`);
    expect(req.tty).toBe(true);
    expect(new RegExp(req.promptPattern!, 'i').test('Password: ')).toBe(true);
    expect(new RegExp(req.promptPattern!, 'i').test("root's Passwort: ")).toBe(true);
    expect(req.command).not.toContain('pw ');
  });

  it('doas uses -n only without a password', () => {
    expect(doas.wrap('true', { user: 'root', id }).command).toBe(`doas -n -u root /bin/sh -c 'echo BECOME-SUCCESS-${id}; true'`);
    const req = doas.wrap('true', { user: 'www', id, password: 'x' });
    expect(req.command).toBe(`doas -u www /bin/sh -c 'echo BECOME-SUCCESS-${id}; true'`);
    expect(new RegExp(req.promptPattern!, 'i').test('doas (tsible@web1) password: ')).toBe(true);
  });

  it('produces command lines a POSIX shell parses back to the original command', () => {
    const tricky = `printf '%s\\n' "a b" 'c'"'"'d' $HOME \\$x`;
    const req = sudo.wrap(tricky, { user: 'root', id });
    const inner = req.command.slice(req.command.indexOf('/bin/sh -c ') + '/bin/sh -c '.length);
    const parsed = execFileSync('/bin/sh', ['-c', `printf '%s' ${inner}`], { encoding: 'utf8' });
    expect(parsed).toBe(`echo BECOME-SUCCESS-${id}; ${tricky}`);
  });
});
