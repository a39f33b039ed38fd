import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createKernel, type Kernel } from 'tsible';
import { recordingLogger } from '../../helpers/ssh-context';
import { fixtureHostVars, sshFixture } from '../../helpers/sshd';

/** The path the engine takes: resolve the built-in plugins by name, create with the kernel's settings. */
describe('connection and become plugins through the kernel', () => {
  let dir: string;
  let kernel: Kernel;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'tsible-kernel-conn-'));
    kernel = await createKernel({ cwd: dir });
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('resolves local, ssh, sudo, su and doas by name', async () => {
    for (const name of ['local', 'ssh']) expect((await kernel.resolve('connection', name)).name).toBe(name);
    for (const name of ['sudo', 'su', 'doas']) expect((await kernel.resolve('become', name)).name).toBe(name);
  });

  it('runs a become task over ssh with the default settings', async () => {
    const fx = sshFixture();
    const ssh = await kernel.resolve('connection', 'ssh');
    const sudo = await kernel.resolve('become', 'sudo');
    const conn = ssh.create({ host: 'web1', vars: fixtureHostVars(19), settings: kernel.settings, passwords: { becomePass: fx.password }, log: recordingLogger() });
    try {
      await conn.connect();
      const result = await conn.exec('', { become: sudo.wrap('whoami', { user: 'root', password: fx.password, id: 'k1' }) });
      expect(result).toEqual({ rc: 0, stdout: 'root\n', stderr: '' });
    } finally {
      await conn.close();
    }
  });
});
