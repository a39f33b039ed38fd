import ssh from '../../../plugins/connection/ssh';
import { connectionContext } from '../../helpers/ssh-context';
import { fixtureHostVars, sshFixture } from '../../helpers/sshd';

describe('ssh connection: many hosts at once', () => {
  // The timeout is generous: this checks that sshd's MaxStartups and the client cope with 100
  // simultaneous handshakes, not how fast a loaded 2-core CI machine does them.
  it('opens 100 connections in parallel, one per fixture address, and runs a command on each', async () => {
    const fx = sshFixture();
    const runCache = new Map<string, unknown>();
    const conns = fx.hosts.slice(0, 100).map((_, i) => ssh.create({ ...connectionContext(`h${i}`, fixtureHostVars(i), { timeout: 60 }), runCache }));
    try {
      const results = await Promise.all(conns.map((c) => c.exec('echo $SSH_CONNECTION')));
      expect(results.map((r) => r.stdout.split(' ')[2])).toEqual(fx.hosts.slice(0, 100));
      // known_hosts and the key were parsed once for the whole run, not once per host.
      expect([...runCache.keys()].filter((k) => k.startsWith(`known_hosts\0${fx.knownHosts}\0`))).toHaveLength(1);
      expect([...runCache.keys()].filter((k) => k.startsWith('ssh-identity'))).toHaveLength(1);
    } finally {
      await Promise.all(conns.map((c) => c.close()));
    }
  }, 120_000);

  it('runs at most ssh_max_startups handshakes at once against one server, and frees every slot', async () => {
    const fx = sshFixture();
    const runCache = new Map<string, unknown>();
    const conns = Array.from({ length: 12 }, (_, i) => ssh.create({
      ...connectionContext(`same${i}`, fixtureHostVars(3), { timeout: 60, ssh_max_startups: 2 }), runCache }));
    try {
      const sem = () => runCache.get(`ssh:startups:${fx.hosts[3]}:${fx.port}`) as { inUse: number } | undefined;
      let peak = 0;
      const watch = setInterval(() => { peak = Math.max(peak, sem()?.inUse ?? 0); }, 1);
      const results = await Promise.all(conns.map((c) => c.exec('echo ok')));
      clearInterval(watch);
      expect(results.map((r) => r.stdout.trim())).toEqual(Array(12).fill('ok'));
      expect(peak).toBeLessThanOrEqual(2);
      expect(peak).toBeGreaterThan(0);
      expect(sem()?.inUse).toBe(0);
    } finally {
      await Promise.all(conns.map((c) => c.close()));
    }
  }, 120_000);
});
