import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { parseSshArgs, shellWords } from '../../../plugins/connection/ssh/ssh-args';
import { matchesPatternList, readSshConfig } from '../../../plugins/connection/ssh/ssh-config';
import { resolveRoute } from '../../../plugins/connection/ssh/target';
import { connectionContext } from '../../helpers/ssh-context';

describe('ssh options: arguments, ssh config and precedence', () => {
  let dir: string;
  let config: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'tsible-ssh-opts-'));
    config = join(dir, 'config');
    writeFileSync(config, [
      '# comment',
      'Host bastion', '  HostName 10.0.0.1', '  User jumper', '  Port 2200',
      'Host web-* !web-skip', '  HostName %h.example.org', '  User deploy', '  IdentityFile ~/.ssh/web_key', '  ProxyJump bastion',
      'Host db', '  ProxyCommand nc -X 5 -x proxy:1080 %h %p', '  ServerAliveInterval 7', '  ConnectTimeout 3',
      'Match host *.example.org', '  Port 2222',
      'Host *', '  User fallback', '  IdentityFile ~/.ssh/all_key', '  StrictHostKeyChecking accept-new', '',
    ].join('\n'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('splits argument strings like a shell', () => {
    expect(shellWords(`-o ProxyCommand="ssh -W %h:%p -q user@jump" -o 'A=b c' x\\ y`))
      .toEqual(['-o', 'ProxyCommand=ssh -W %h:%p -q user@jump', '-o', 'A=b c', 'x y']);
    expect(() => shellWords('-o "unterminated')).toThrow(/unterminated quote/);
  });

  it('parses -o, -F, -i, -p, -l, -J and skips flags it does not use', () => {
    const args = parseSshArgs('-C -o ControlMaster=auto -o ControlPersist=60s -oStrictHostKeyChecking=no', '-F /x/cfg -i k1 -p 2022 -l bob -J a,b -L 80:x:80 -o "User alice"');
    expect(args.configFile).toBe('/x/cfg');
    expect(args.options.get('stricthostkeychecking')).toEqual(['no']);
    expect(args.options.get('identityfile')).toEqual(['k1']);
    expect(args.options.get('port')).toEqual(['2022']);
    expect(args.options.get('user')).toEqual(['bob', 'alice']);
    expect(args.options.get('proxyjump')).toEqual(['a,b']);
    expect(args.options.has('localforward')).toBe(false);
  });

  it('reads ssh config with patterns, negation, Match host and first-value-wins', () => {
    const web = readSshConfig('web-1', [config]);
    expect(web.get('hostname')).toEqual(['%h.example.org']);
    expect(web.get('user')).toEqual(['deploy']);
    expect(web.get('port')).toEqual(['2222']);
    expect(web.get('identityfile')).toEqual(['~/.ssh/web_key', '~/.ssh/all_key']);
    expect(readSshConfig('web-skip', [config]).get('user')).toEqual(['fallback']);
    expect(readSshConfig('db', [config]).get('proxycommand')).toEqual(['nc -X 5 -x proxy:1080 %h %p']);
    expect(matchesPatternList('10.1.2.3', ['10.*', '!10.9.*'])).toBe(true);
    expect(matchesPatternList('10.9.2.3', ['10.*', '!10.9.*'])).toBe(false);
  });

  it('resolves a route: ansible_* variables beat settings, which beat ssh args and config', () => {
    const ctx = connectionContext('web-1', {
      ansible_ssh_common_args: `-F ${config} -o User=from-args -o Port=1`,
      ansible_port: 2201, ansible_ssh_private_key_file: '/keys/explicit',
    }, { remote_user: 'from-settings', remote_port: 2202, timeout: 4, private_key_file: '/keys/settings' });
    const { target, jumps } = resolveRoute(ctx);
    expect(target).toMatchObject({ alias: 'web-1', host: 'web-1.example.org', port: 2201, user: 'from-settings', connectTimeoutMs: 4000, strict: 'accept-new' });
    expect(target.identityFiles[0]).toBe('/keys/explicit');
    expect(target.identityFiles.some((f) => f.endsWith('/.ssh/web_key'))).toBe(true);
    expect(jumps).toHaveLength(1);
    expect(jumps[0]).toMatchObject({ alias: 'bastion', host: '10.0.0.1', port: 2200, user: 'jumper' });
  });

  it('falls back to ssh args, then config, then defaults', () => {
    const fromArgs = resolveRoute(connectionContext('h', { ansible_host: 'db', ansible_ssh_extra_args: `-F ${config} -o User=argy -p 2300` }, {})).target;
    expect(fromArgs).toMatchObject({ host: 'db', user: 'argy', port: 2300, connectTimeoutMs: 3000, keepaliveIntervalMs: 7000 });
    const route = resolveRoute(connectionContext('h', { ansible_host: 'db', ansible_ssh_common_args: `-F ${config}` }, { timeout: undefined }));
    expect(route.proxyCommand).toBe(`nc -X 5 -x proxy:1080 db 22`);
    expect(route.target.connectTimeoutMs).toBe(3000);
    const bare = resolveRoute(connectionContext('plainhost', { ansible_ssh_common_args: '-F none' }, {})).target;
    expect(bare).toMatchObject({ host: 'plainhost', port: 22, user: userInfo().username, strict: 'yes' });
  });

  it('reads -F and -o options from the ssh_args setting when ansible_ssh_args is not set', () => {
    const viaSetting = resolveRoute(connectionContext('h', { ansible_host: 'bastion' }, { ssh_args: `-C -o ControlMaster=auto -F ${config}` })).target;
    expect(viaSetting).toMatchObject({ host: '10.0.0.1', port: 2200, user: 'jumper' });
    const overridden = resolveRoute(connectionContext('h', { ansible_host: 'bastion', ansible_ssh_args: '-F none' }, { ssh_args: `-F ${config}` })).target;
    expect(overridden.host).toBe('bastion');
  });

  it('turns host key checking off from settings or ansible_host_key_checking', () => {
    const off = (vars: Record<string, unknown>, settings: Record<string, unknown>) =>
      resolveRoute(connectionContext('h', { ansible_ssh_common_args: '-F none', ...vars }, settings)).target.strict;
    expect(off({}, { host_key_checking: false })).toBe('off');
    expect(off({ ansible_host_key_checking: 'no' }, { host_key_checking: true })).toBe('off');
    expect(off({ ansible_ssh_host_key_checking: false }, {})).toBe('off');
    expect(off({}, { host_key_checking: true })).toBe('yes');
  });

  it('reads passwords from ansible_password, ansible_ssh_pass and the -k password, in that order', () => {
    const pw = (vars: Record<string, unknown>, connPass?: string) =>
      resolveRoute(connectionContext('h', { ansible_ssh_common_args: '-F none', ...vars }, {}, { connPass })).target.password;
    expect(pw({ ansible_password: 'a', ansible_ssh_pass: 'b' }, 'c')).toBe('a');
    expect(pw({ ansible_ssh_pass: 'b' }, 'c')).toBe('b');
    expect(pw({}, 'c')).toBe('c');
  });
});
