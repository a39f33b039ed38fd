import { randomBytes } from 'node:crypto';
import { isTsibleError, type BecomeDefinition, type Connection } from 'tsible';
import doas from '../../../plugins/become/doas';
import su from '../../../plugins/become/su';
import sudo from '../../../plugins/become/sudo';
import ssh from '../../../plugins/connection/ssh';
import { connectionContext } from '../../helpers/ssh-context';
import { fixtureHostVars, sshFixture } from '../../helpers/sshd';

const newId = (): string => randomBytes(8).toString('hex');

describe('become over ssh against the real sshd', () => {
  const fx = sshFixture();
  let conn: Connection;
  let ctx: ReturnType<typeof connectionContext>;
  beforeAll(() => {
    ctx = connectionContext('becomer', fixtureHostVars(18), { timeout: 10 });
    conn = ssh.create(ctx);
  });
  afterAll(async () => { await conn.close(); });

  const run = (plugin: BecomeDefinition, command: string, opts: { user?: string; password?: string; exe?: string; stdin?: string } = {}) =>
    conn.exec('ignored', {
      stdin: opts.stdin,
      become: plugin.wrap(command, { user: opts.user ?? 'root', password: opts.password, exe: opts.exe, id: newId() }),
    });
  const failure = (promise: Promise<unknown>): Promise<Error> => promise.then(() => { throw new Error('expected a failure'); }, (e: unknown) => e as Error);

  it('sudo with the password: runs as root, marker and prompt stripped, stdin delivered after the password', async () => {
    expect(await run(sudo, 'id -u', { password: fx.password })).toEqual({ rc: 0, stdout: '0\n', stderr: '' });
    const piped = await run(sudo, 'cat; id -un', { password: fx.password, stdin: 'data for root\n' });
    expect(piped).toEqual({ rc: 0, stdout: 'data for root\nroot\n', stderr: '' });
    expect(ctx.log.lines.join('\n')).not.toContain(fx.password);
  });

  it('sudo without a password where the rule allows it (NOPASSWD)', async () => {
    expect(await run(sudo, 'id -un; exit 4', { user: fx.nopassBecomeUser })).toEqual({ rc: 4, stdout: `${fx.nopassBecomeUser}\n`, stderr: '' });
  });

  it('sudo needing a password that was not given fails clearly', async () => {
    const error = await failure(run(sudo, 'id -u'));
    expect(isTsibleError(error) && error.code).toBe('TSIBLE_BECOME');
    expect(error.message).toMatch(/a become password is required/);
  });

  it('sudo with a wrong password fails with "incorrect become password", not a hang', async () => {
    const started = Date.now();
    const error = await failure(run(sudo, 'id -u', { password: 'not-the-password' }));
    expect(isTsibleError(error) && error.code).toBe('TSIBLE_BECOME');
    expect(error.message).toMatch(/incorrect become password/);
    expect(error.message).not.toContain('not-the-password');
    expect(Date.now() - started).toBeLessThan(8000);
  });

  it('a become tool that never prompts nor succeeds times out with a clear message', async () => {
    const quick = ssh.create(connectionContext('slow', fixtureHostVars(18), { timeout: 1 }));
    try {
      const started = Date.now();
      const error = await failure(quick.exec('x', { become: sudo.wrap('id', { user: 'root', password: 'pw', exe: 'sleep 20;', id: newId() }) }));
      expect(error.message).toMatch(/timed out after 1s waiting for the become prompt or success marker/);
      expect(Date.now() - started).toBeLessThan(4000);
    } finally {
      await quick.close();
    }
  });

  it('su on a terminal with the target user password, and a wrong one', async () => {
    expect(await run(su, 'id -un; echo err >&2', { user: fx.user, password: fx.password })).toEqual({ rc: 0, stdout: `${fx.user}\nerr\n`, stderr: '' });
    const error = await failure(run(su, 'id -un', { user: fx.user, password: 'wrong' }));
    expect(error.message).toMatch(/incorrect become password/);
  });

  it('doas with a password, without one where permitted, and refused without one', async () => {
    expect((await run(doas, 'id -u', { password: fx.password })).stdout).toBe('0\n');
    expect((await run(doas, 'id -un', { user: fx.nopassBecomeUser })).stdout).toBe(`${fx.nopassBecomeUser}\n`);
    const error = await failure(run(doas, 'id -u'));
    expect(isTsibleError(error) && error.code).toBe('TSIBLE_BECOME');
    expect(error.message).toMatch(/a become password is required/);
  });

  it('puts a file as root with sudo (streamed) and with su (staged through a private temp file)', async () => {
    const dir = (await conn.exec('mktemp -d')).stdout.trim();
    await conn.exec(`chmod 777 ${dir}`);
    const wrapper = (plugin: BecomeDefinition, user: string) => (command: string) => plugin.wrap(command, { user, password: fx.password, id: newId() });
    await conn.put(Buffer.from('as root\n'), `${dir}/root.txt`, { mode: 0o600, become: wrapper(sudo, 'root') });
    const check = await run(sudo, `stat -c '%U %a' ${dir}/root.txt; cat ${dir}/root.txt; ls -A ${dir}`, { password: fx.password });
    expect(check.stdout).toBe('root 600\nas root\nroot.txt\n');
    const binary = randomBytes(40_000);
    await conn.put(binary, `${dir}/su.bin`, { become: wrapper(su, fx.user), mode: 0o640 });
    const sum = (await conn.exec(`sha256sum < ${dir}/su.bin; stat -c %a ${dir}/su.bin; ls /tmp | grep -c tsible-stage || true`)).stdout.split('\n');
    expect(sum[0]!.split(' ')[0]).toBe(require('node:crypto').createHash('sha256').update(binary).digest('hex'));
    expect(sum[1]).toBe('640');
    expect(sum[2]).toBe('0'); // the staged copy is gone
    const missing = await conn.put(Buffer.from('x'), '/nonexistent-dir/f', { become: wrapper(sudo, 'root') }).catch((e: unknown) => e as Error);
    expect(isTsibleError(missing) && missing.code).toBe('TSIBLE_CONNECTION');
    expect((missing as Error).message).toMatch(/put to .*\/nonexistent-dir\/f \(with become\)? ?failed|nonexistent-dir/);
    await run(sudo, `rm -rf ${dir}`, { password: fx.password });
  });
});
