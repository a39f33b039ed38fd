import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fixtureInventoryIni, sshFixture } from '../../helpers/sshd';

const hasAnsible = spawnSync('ansible', ['--version']).status === 0;

/** The fixture itself, checked with the OpenSSH client so that plugin bugs cannot hide fixture bugs. */
describe('sshd test fixture', () => {
  const fx = sshFixture();
  const ssh = (host: string, port: number, command: string, extra: string[] = []): string => execFileSync('ssh', [
    '-F', 'none', '-o', 'BatchMode=yes', '-o', `UserKnownHostsFile=${fx.knownHosts}`, '-o', 'StrictHostKeyChecking=yes',
    '-i', fx.keys.ed25519, '-p', String(port), ...extra, `${fx.user}@${host}`, command,
  ], { encoding: 'utf8', env: { ...process.env, SSH_AUTH_SOCK: '' } });

  it('serves every host address with the key in known_hosts', () => {
    expect(fx.hosts.length).toBeGreaterThanOrEqual(10);
    expect(ssh(fx.hosts[0]!, fx.port, 'id -un')).toBe(`${fx.user}\n`);
    expect(ssh(fx.hosts[fx.hosts.length - 1]!, fx.port, 'echo $SSH_CONNECTION')).toContain(fx.hosts[fx.hosts.length - 1]);
  });

  it('runs a jump host that forwards to the main sshd', () => {
    const out = ssh(fx.hosts[1]!, fx.port, 'echo via-jump', ['-o', `ProxyCommand=ssh -F none -o BatchMode=yes -o UserKnownHostsFile=${fx.knownHosts} -i ${fx.keys.ed25519} -W %h:%p -p ${fx.jump.port} ${fx.user}@${fx.jump.host}`]);
    expect(out).toBe('via-jump\n');
  });

  it('lets the user sudo only with its password, and become nobody without one', () => {
    expect(ssh(fx.hosts[0]!, fx.port, 'sudo -n true 2>&1; echo rc=$?')).toMatch(/password is required[\s\S]*rc=1/);
    expect(ssh(fx.hosts[0]!, fx.port, `echo '${fx.password}' | sudo -S -p '' id -u`)).toBe('0\n');
    expect(ssh(fx.hosts[0]!, fx.port, 'sudo -n -u nobody id -un')).toBe('nobody\n');
  });

  it('has an agent that holds a key whose file is gone', () => {
    const listed = execFileSync('ssh-add', ['-L'], { encoding: 'utf8', env: { ...process.env, SSH_AUTH_SOCK: fx.agentSocket } });
    expect(listed.trim().split(' ').slice(0, 2)).toEqual(fx.keys.agentPublic.split(' ').slice(0, 2));
    expect(readFileSync(fx.knownHosts, 'utf8')).toContain(fx.hostPublicKey);
    expect(fx.hostKeyFingerprint).toMatch(/^SHA256:/);
  });

  (hasAnsible ? it : it.skip)('is reachable by real Ansible through fixtureInventoryIni, with become', () => {
    const inventory = join(fx.dir, `inventory-${process.pid}.ini`);
    writeFileSync(inventory, fixtureInventoryIni(3));
    const out = execFileSync('ansible', ['-i', inventory, 'fixture', '-b', '-m', 'raw', '-a', 'id -un'], {
      encoding: 'utf8', env: { ...process.env, ANSIBLE_HOST_KEY_CHECKING: 'True', ANSIBLE_NOCOLOR: '1' },
    });
    expect(out.match(/^host\d \| CHANGED \| rc=0 >>$/gm)).toHaveLength(3);
    expect(out.match(/^root\r?$/gm)).toHaveLength(3); // raw with become runs on a tty: \r\n line ends
  });
});
