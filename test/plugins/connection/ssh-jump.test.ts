import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isTsibleError } from 'tsible';
import ssh from '../../../plugins/connection/ssh';
import { connectionContext } from '../../helpers/ssh-context';
import { fixtureHostVars, sshFixture } from '../../helpers/sshd';

describe('ssh connection: jump hosts and proxy commands', () => {
  const fx = sshFixture();
  let dir: string;
  beforeAll(() => { dir = mkdtempSync(join(tmpdir(), 'tsible-ssh-jump-')); });
  afterAll(() => { rmSync(dir, { recursive: true, force: true }); });

  const jumpSpec = (): string => `${fx.user}@${fx.jump.host}:${fx.jump.port}`;
  /** Lines the jump sshd logged about forwarding to `host` since `offset`. */
  const forwardsTo = (host: string, offset: number): number => readFileSync(fx.jump.log, 'utf8').slice(offset)
    .split('\n').filter((l) => l.includes('server_request_direct_tcpip') && l.includes(`target ${host} port`)).length;

  async function hostnameVia(index: number, extra: Record<string, unknown>): Promise<string | Error> {
    const conn = ssh.create(connectionContext(`jumped${index}`, fixtureHostVars(index, extra)));
    try {
      return (await conn.exec('echo $SSH_CONNECTION')).stdout.split(' ')[2]!;
    } catch (error) {
      return error as Error;
    } finally {
      await conn.close();
    }
  }

  it('goes through a jump host given as -o ProxyJump in ansible_ssh_common_args', async () => {
    const offset = readFileSync(fx.jump.log, 'utf8').length;
    const args = `-o UserKnownHostsFile=${fx.knownHosts} -o ProxyJump=${jumpSpec()}`;
    expect(await hostnameVia(13, { ansible_ssh_common_args: args })).toBe(fx.hosts[13]);
    expect(forwardsTo(fx.hosts[13]!, offset)).toBeGreaterThanOrEqual(1);
  });

  it('chains several hops (-J a,b)', async () => {
    const offset = readFileSync(fx.jump.log, 'utf8').length;
    const args = `-o UserKnownHostsFile=${fx.knownHosts} -J ${jumpSpec()},${jumpSpec()}`;
    expect(await hostnameVia(14, { ansible_ssh_common_args: args })).toBe(fx.hosts[14]);
    // The second hop is the jump host reached through itself, then the target.
    expect(forwardsTo(`${fx.jump.host}`, offset)).toBeGreaterThanOrEqual(1);
    expect(forwardsTo(fx.hosts[14]!, offset)).toBeGreaterThanOrEqual(1);
  });

  it('uses ProxyJump from the ssh config file', async () => {
    const config = join(dir, 'config');
    writeFileSync(config, `Host internal-*\n  ProxyJump ${jumpSpec()}\n  UserKnownHostsFile ${fx.knownHosts}\nHost internal-15\n  HostName ${fx.hosts[15]}\n`);
    const vars = { ...fixtureHostVars(15), ansible_host: 'internal-15', ansible_ssh_common_args: `-F ${config}` };
    const offset = readFileSync(fx.jump.log, 'utf8').length;
    expect(await hostnameVia(15, vars)).toBe(fx.hosts[15]);
    expect(forwardsTo(fx.hosts[15]!, offset)).toBeGreaterThanOrEqual(1);
  });

  it('runs a ProxyCommand with %h and %p', async () => {
    const proxy = `ssh -F none -o BatchMode=yes -o UserKnownHostsFile=${fx.knownHosts} -i ${fx.keys.ed25519} -p ${fx.jump.port} -W %h:%p ${fx.user}@${fx.jump.host}`;
    const args = `-o UserKnownHostsFile=${fx.knownHosts} -o ProxyCommand="${proxy}"`;
    const offset = readFileSync(fx.jump.log, 'utf8').length;
    expect(await hostnameVia(16, { ansible_ssh_common_args: args })).toBe(fx.hosts[16]);
    expect(forwardsTo(fx.hosts[16]!, offset)).toBeGreaterThanOrEqual(1);
  });

  it('says which hop failed', async () => {
    const args = `-o UserKnownHostsFile=${fx.knownHosts} -o ProxyJump=${fx.user}@${fx.jump.host}:1`;
    const error = await hostnameVia(17, { ansible_ssh_common_args: args });
    expect(isTsibleError(error) && error.code).toBe('TSIBLE_UNREACHABLE');
    expect((error as Error).message).toMatch(/127\.0\.0\.1 port 1: connection refused/);
    const unknownTarget = `-o UserKnownHostsFile=${fx.knownHosts} -o ProxyJump=${jumpSpec()}`;
    const refused = await hostnameVia(17, { ansible_ssh_common_args: unknownTarget, ansible_port: 1 });
    expect((refused as Error).message).toMatch(/jump host tsible@127\.0\.0\.1:\d+ could not open a connection to 127\.0\.0\.19 port 1/);
  });
});
