import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync, chmodSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isTsibleError, type Connection } from 'tsible';
import local from '../../../plugins/connection/local';
import { connectionContext } from '../../helpers/ssh-context';

describe('local connection', () => {
  let dir: string;
  let conn: Connection;

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'tsible-local-'));
    conn = local.create(connectionContext('localhost'));
    await conn.connect();
  });
  afterEach(async () => {
    await conn.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('is a connection definition named local', () => {
    expect(local.kind).toBe('connection');
    expect(local.name).toBe('local');
    expect(conn.transport).toBe('local');
  });

  it('runs through /bin/sh and returns rc, stdout and stderr', async () => {
    const result = await conn.exec('echo out; echo "err $((1+2))" >&2; exit 7');
    expect(result).toEqual({ rc: 7, stdout: 'out\n', stderr: 'err 3\n' });
  });

  it('feeds stdin and closes it', async () => {
    const result = await conn.exec('wc -c; cat', { stdin: 'hello\n' });
    expect(result.stdout).toBe('6\n');
    const bin = randomBytes(4096);
    const hashed = await conn.exec('sha256sum | cut -d" " -f1', { stdin: bin });
    expect(hashed.stdout.trim()).toBe(createHash('sha256').update(bin).digest('hex'));
  });

  it('closes stdin when none is given, so readers do not hang', async () => {
    const result = await conn.exec('cat; echo done');
    expect(result).toEqual({ rc: 0, stdout: 'done\n', stderr: '' });
  });

  it('keeps multi-byte characters intact across chunks', async () => {
    const result = await conn.exec(`i=0; while [ $i -lt 3000 ]; do printf 'ü€'; i=$((i+1)); done`);
    expect(result.stdout).toBe('ü€'.repeat(3000));
  });

  it('kills the command and its children on timeout, with rc -1', async () => {
    const marker = join(dir, 'child-survived');
    const started = Date.now();
    const result = await conn.exec(`(sleep 2; touch ${marker}) & sleep 30`, { timeoutSeconds: 0.5 });
    expect(Date.now() - started).toBeLessThan(5000);
    expect(result.rc).toBe(-1);
    expect(result.stderr).toMatch(/timed out after 0.5s/);
    await new Promise((r) => setTimeout(r, 2500));
    expect(existsSync(marker)).toBe(false);
  });

  it('stops on an abort signal with an AbortedError', async () => {
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 200);
    const error = await conn.exec('sleep 30', { signal: controller.signal }).catch((e: unknown) => e);
    expect(isTsibleError(error)).toBe(true);
    expect((error as { code: string }).code).toBe('TSIBLE_ABORTED');
  });

  it('runs many commands at once', async () => {
    const results = await Promise.all(Array.from({ length: 30 }, (_, i) => conn.exec(`echo ${i}`)));
    expect(results.map((r) => r.stdout.trim())).toEqual(Array.from({ length: 30 }, (_, i) => String(i)));
  });

  it('puts a buffer atomically with a mode, leaving no temp file', async () => {
    const target = join(dir, 'file.txt');
    await conn.put(Buffer.from('content\n'), target, { mode: 0o640 });
    expect(readFileSync(target, 'utf8')).toBe('content\n');
    expect(statSync(target).mode & 0o777).toBe(0o640);
    expect(readdirSync(dir)).toEqual(['file.txt']);
  });

  it('keeps the mode of a replaced file when no mode is given', async () => {
    const target = join(dir, 'script.sh');
    writeFileSync(target, 'old');
    chmodSync(target, 0o751);
    await conn.put(Buffer.from('new'), target);
    expect(readFileSync(target, 'utf8')).toBe('new');
    expect(statSync(target).mode & 0o777).toBe(0o751);
  });

  it('replaces by rename: a reader holding the old file keeps the old inode', async () => {
    const target = join(dir, 'f');
    writeFileSync(target, 'old');
    const before = statSync(target).ino;
    await conn.put(Buffer.from('new'), target);
    expect(statSync(target).ino).not.toBe(before);
    await conn.put(Buffer.from('direct'), target, { atomic: false });
    expect(readFileSync(target, 'utf8')).toBe('direct');
  });

  it('puts a local file and fetches it back', async () => {
    const source = join(dir, 'source.bin');
    const data = randomBytes(3 * 1024 * 1024 + 17);
    writeFileSync(source, data);
    await conn.put({ localPath: source }, join(dir, 'copy.bin'), { mode: 0o600 });
    await conn.fetch(join(dir, 'copy.bin'), join(dir, 'fetched', 'back.bin'));
    expect(readFileSync(join(dir, 'fetched', 'back.bin')).equals(data)).toBe(true);
  });

  it('sets owner and group', async () => {
    if (process.getuid?.() !== 0) return;
    const target = join(dir, 'owned');
    await conn.put(Buffer.from('x'), target, { owner: 'nobody', group: 'nogroup' });
    const nobody = Number((await conn.exec('id -u nobody')).stdout.trim());
    expect(statSync(target).uid).toBe(nobody);
  });

  it('reports a failed put as a TsibleError naming the path', async () => {
    const error = await conn.put(Buffer.from('x'), join(dir, 'missing', 'dir', 'f')).catch((e: unknown) => e);
    expect(isTsibleError(error)).toBe(true);
    expect((error as Error).message).toContain(join(dir, 'missing', 'dir', 'f'));
    const fetchError = await conn.fetch(join(dir, 'nope'), join(dir, 'x')).catch((e: unknown) => e);
    expect((fetchError as { code: string }).code).toBe('TSIBLE_CONNECTION');
  });
});
