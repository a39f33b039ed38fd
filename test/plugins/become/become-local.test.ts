import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, chmodSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isTsibleError, type Connection } from 'tsible';
import su from '../../../plugins/become/su';
import sudo from '../../../plugins/become/sudo';
import local from '../../../plugins/connection/local';
import { connectionContext } from '../../helpers/ssh-context';
import { sshFixture } from '../../helpers/sshd';

const newId = (): string => randomBytes(8).toString('hex');
const asRoot = process.getuid?.() === 0;

/** The local connection runs as the test process (root in CI), becoming the fixture's users. */
(asRoot ? describe : describe.skip)('become with the local connection', () => {
  const fx = sshFixture();
  let conn: Connection;
  let dir: string;
  beforeAll(() => {
    conn = local.create(connectionContext('localhost', {}, { timeout: 5 }));
    dir = mkdtempSync(join(tmpdir(), 'tsible-become-local-'));
    chmodSync(dir, 0o777);
  });
  afterAll(async () => {
    await conn.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('sudo to another user, with stdin, marker stripped', async () => {
    const result = await conn.exec('', { stdin: 'in\n', become: sudo.wrap('cat; id -un', { user: fx.nopassBecomeUser, id: newId() }) });
    expect(result).toEqual({ rc: 0, stdout: `in\n${fx.nopassBecomeUser}\n`, stderr: '' });
  });

  it('su on a pseudo-terminal (script) to another user', async () => {
    const result = await conn.exec('', { become: su.wrap('id -un; echo e >&2; exit 2', { user: fx.user, id: newId() }) });
    expect(result).toEqual({ rc: 2, stdout: `${fx.user}\ne\n`, stderr: '' });
  });

  it('a become tool that hangs fails after the timeout instead of hanging', async () => {
    const quick = local.create(connectionContext('localhost', {}, { timeout: 1 }));
    const started = Date.now();
    const error = await quick.exec('', { become: sudo.wrap('id', { user: 'root', password: 'x', exe: 'sleep 20;', id: newId() }) })
      .catch((e: unknown) => e as Error);
    expect(isTsibleError(error) && error.code).toBe('TSIBLE_BECOME');
    expect(Date.now() - started).toBeLessThan(4000);
  });

  it('puts files as another user with sudo (streamed) and su (staged)', async () => {
    await conn.put(Buffer.from('by sudo'), join(dir, 'a'), { mode: 0o640, become: (c) => sudo.wrap(c, { user: fx.nopassBecomeUser, id: newId() }) });
    const uid = Number((await conn.exec(`id -u ${fx.nopassBecomeUser}`)).stdout);
    expect(statSync(join(dir, 'a')).uid).toBe(uid);
    expect(statSync(join(dir, 'a')).mode & 0o777).toBe(0o640);
    const data = randomBytes(20_000);
    await conn.put(data, join(dir, 'b'), { become: (c) => su.wrap(c, { user: 'root', id: newId() }) });
    expect(readFileSync(join(dir, 'b')).equals(data)).toBe(true);
  });
});
