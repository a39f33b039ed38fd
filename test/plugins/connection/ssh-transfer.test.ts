import { createHash, randomBytes } from 'node:crypto';
import { createWriteStream, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isTsibleError, type Connection } from 'tsible';
import ssh from '../../../plugins/connection/ssh';
import { connectionContext } from '../../helpers/ssh-context';
import { fixtureHostVars, sshFixture } from '../../helpers/sshd';

/**
 * Size of the streamed put. The issue asks for 1 GB; the default run uses 200 MB to keep CI fast.
 * Set TSIBLE_TEST_BIG_PUT_MB=1024 for the full check.
 */
const BIG_PUT_MB = Number(process.env.TSIBLE_TEST_BIG_PUT_MB ?? 200);

describe('ssh connection: file transfer', () => {
  const fx = sshFixture();
  let local: string;
  let remote: string;
  let conn: Connection;

  beforeAll(async () => {
    local = mkdtempSync(join(tmpdir(), 'tsible-ssh-xfer-'));
    conn = ssh.create(connectionContext('files', fixtureHostVars(12)));
    remote = (await conn.exec('mktemp -d')).stdout.trim();
  });
  afterAll(async () => {
    await conn.exec(`rm -rf ${remote}`);
    await conn.close();
    rmSync(local, { recursive: true, force: true });
  });

  const remoteLs = async (): Promise<string[]> => (await conn.exec(`ls -A ${remote}`)).stdout.split('\n').filter(Boolean);
  const remoteStat = async (path: string): Promise<string> => (await conn.exec(`stat -c '%a %U %G %s' ${path}`)).stdout.trim();

  it('puts bytes atomically with a mode and leaves no temp file behind', async () => {
    await conn.put(Buffer.from('hello\n'), `${remote}/a.txt`, { mode: 0o640 });
    expect((await conn.exec(`cat ${remote}/a.txt`)).stdout).toBe('hello\n');
    expect(await remoteStat(`${remote}/a.txt`)).toBe(`640 ${fx.user} ${fx.user} 6`);
    expect(await remoteLs()).toEqual(['a.txt']);
  });

  it('replaces a file by rename and keeps its mode when none is given', async () => {
    await conn.exec(`printf old > ${remote}/keep.sh && chmod 750 ${remote}/keep.sh`);
    const inode = (await conn.exec(`stat -c %i ${remote}/keep.sh`)).stdout;
    await conn.put(Buffer.from('new'), `${remote}/keep.sh`);
    expect((await conn.exec(`cat ${remote}/keep.sh`)).stdout).toBe('new');
    expect(await remoteStat(`${remote}/keep.sh`)).toBe(`750 ${fx.user} ${fx.user} 3`);
    expect((await conn.exec(`stat -c %i ${remote}/keep.sh`)).stdout).not.toBe(inode);
    await conn.put(Buffer.from('in place'), `${remote}/keep.sh`, { atomic: false });
    expect((await conn.exec(`stat -c %i ${remote}/keep.sh`)).stdout).not.toBe(inode);
    expect((await conn.exec(`cat ${remote}/keep.sh`)).stdout).toBe('in place');
  });

  it('sets the group (and owner) through chown', async () => {
    await conn.put(Buffer.from('g'), `${remote}/grp`, { group: fx.user, owner: fx.user, mode: 0o600 });
    expect(await remoteStat(`${remote}/grp`)).toBe(`600 ${fx.user} ${fx.user} 1`);
    const error = await conn.put(Buffer.from('x'), `${remote}/root-owned`, { owner: 'root' }).catch((e: unknown) => e as Error);
    expect(isTsibleError(error) && error.code).toBe('TSIBLE_CONNECTION');
    expect((error as Error).message).toMatch(/chown|Operation not permitted/);
    expect(await remoteLs()).not.toContain('root-owned');
  });

  it('puts a local file and fetches it back byte for byte', async () => {
    const data = randomBytes(5 * 1024 * 1024 + 3);
    writeFileSync(join(local, 'src.bin'), data);
    await conn.put({ localPath: join(local, 'src.bin') }, `${remote}/copy.bin`);
    await conn.fetch(`${remote}/copy.bin`, join(local, 'nested', 'back.bin'));
    expect(readFileSync(join(local, 'nested', 'back.bin')).equals(data)).toBe(true);
  });

  it('reports a missing directory or file clearly', async () => {
    const put = await conn.put(Buffer.from('x'), `${remote}/no/such/dir/f`).catch((e: unknown) => e as Error);
    expect(isTsibleError(put) && put.code).toBe('TSIBLE_CONNECTION');
    expect((put as Error).message).toContain(`${remote}/no/such/dir/f`);
    const fetched = await conn.fetch(`${remote}/missing`, join(local, 'missing')).catch((e: unknown) => e as Error);
    expect((fetched as Error).message).toMatch(/fetch of .*missing failed/);
  });

  it(`streams a ${BIG_PUT_MB} MB file with flat memory, checked by hash`, async () => {
    const source = join(local, 'big.bin');
    const hash = createHash('sha256');
    await new Promise<void>((resolve, reject) => {
      const out = createWriteStream(source);
      out.on('error', reject);
      const block = randomBytes(1024 * 1024);
      let written = 0;
      const write = (): void => {
        while (written < BIG_PUT_MB) {
          block.writeUInt32BE(written, 0); // every MiB differs
          hash.update(block);
          written++;
          if (!out.write(Buffer.from(block))) return void out.once('drain', write);
        }
        out.end(resolve);
      };
      write();
    });
    global.gc?.();
    const baseline = process.memoryUsage().rss;
    let peak = baseline;
    const sampler = setInterval(() => { peak = Math.max(peak, process.memoryUsage().rss); }, 20);
    try {
      await conn.put({ localPath: source }, `${remote}/big.bin`, { mode: 0o600 });
    } finally {
      clearInterval(sampler);
    }
    rmSync(source);
    const remoteHash = (await conn.exec(`sha256sum ${remote}/big.bin`)).stdout.split(' ')[0];
    expect(remoteHash).toBe(hash.digest('hex'));
    expect((peak - baseline) / 1024 / 1024).toBeLessThan(64);
    await conn.exec(`rm -f ${remote}/big.bin`);
  }, 180_000);
});

describe('ssh connection: file transfer without an SFTP subsystem', () => {
  const fx = sshFixture();
  it('falls back to exec and cat for put and fetch', async () => {
    const local = mkdtempSync(join(tmpdir(), 'tsible-ssh-nosftp-'));
    const ctx = connectionContext('nosftp', fixtureHostVars(0, { ansible_host: fx.jump.host, ansible_port: fx.jump.port }));
    const conn = ssh.create(ctx);
    try {
      const dir = (await conn.exec('mktemp -d')).stdout.trim();
      const data = randomBytes(300_000);
      writeFileSync(join(local, 'in.bin'), data);
      await conn.put({ localPath: join(local, 'in.bin') }, `${dir}/f.bin`, { mode: 0o604 });
      await conn.put(Buffer.from('text'), `${dir}/t.txt`);
      expect((await conn.exec(`stat -c %a ${dir}/f.bin; cat ${dir}/t.txt; ls -A ${dir}`)).stdout).toBe('604\ntextf.bin\nt.txt\n');
      await conn.fetch(`${dir}/f.bin`, join(local, 'out.bin'));
      expect(readFileSync(join(local, 'out.bin')).equals(data)).toBe(true);
      expect(ctx.log.lines.some((l) => /no SFTP subsystem/.test(l))).toBe(true);
      const missing = await conn.fetch(`${dir}/nope`, join(local, 'nope')).catch((e: unknown) => e as Error);
      expect((missing as Error).message).toMatch(/No such file/);
      await conn.exec(`rm -rf ${dir}`);
    } finally {
      await conn.close();
      rmSync(local, { recursive: true, force: true });
    }
  });
});
