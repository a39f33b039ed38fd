import { execSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { connect, createServer as createTcpServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runPlay, sshHost } from './harness';

let server: Server;
let base = '';
let scratch = '';
const hits: Array<{ method: string; url: string; headers: Record<string, unknown>; body: string }> = [];

beforeAll(async () => {
  scratch = mkdtempSync(join(tmpdir(), 'tsible-net-'));
  chmodSync(scratch, 0o777);
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      hits.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body });
      if (req.url === '/file.txt' && req.headers['if-modified-since']) { res.writeHead(304); return res.end(); }
      if (req.url === '/file.txt') return res.end('hello world\n');
      if (req.url === '/SHA256SUMS') return res.end(`${sha256('other')}  other.txt\n${sha256('hello world\n')} *./file.txt\n`);
      if (req.url === '/named') { res.setHeader('Content-Disposition', 'attachment; filename="report.csv"'); return res.end('a,b\n'); }
      if (req.url === '/json') { res.setHeader('Content-Type', 'application/json'); return res.end(JSON.stringify({ ok: true, n: 3 })); }
      if (req.url === '/echo') { res.setHeader('Content-Type', 'application/json'); return res.end(JSON.stringify({ method: req.method, body, auth: req.headers.authorization ?? null, ct: req.headers['content-type'] ?? null, x: req.headers['x-test'] ?? null })); }
      if (req.url === '/redirect') { res.writeHead(302, { Location: '/json' }); return res.end(); }
      if (req.url === '/created') { res.writeHead(201, { 'X-Thing': 'yes' }); return res.end('made'); }
      res.writeHead(404);
      res.end('nope');
    });
  });
  server.on('clientError', (_err, socket) => socket.destroy());
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const addr = server.address();
  base = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}`;
});

afterAll(async () => {
  await new Promise((r) => server.close(r));
  rmSync(scratch, { recursive: true, force: true });
});

const sha1 = (s: string) => createHash('sha1').update(s).digest('hex');
const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

describe('get_url', () => {
  test('downloads once, is idempotent, verifies checksums, names files in a directory, fails on 404', async () => {
    const dest = join(scratch, 'got.txt');
    const play = `
- hosts: all
  gather_facts: false
  tasks:
    - name: dl
      get_url: { url: "${base}/file.txt", dest: "${dest}", mode: "0600" }
    - name: again
      get_url: { url: "${base}/file.txt", dest: "${dest}", mode: "0600" }
    - name: forced same content
      get_url: { url: "${base}/file.txt", dest: "${dest}", force: true }
    - name: good checksum
      get_url: { url: "${base}/file.txt", dest: "${dest}", checksum: "sha256:${sha256('hello world\n')}" }
    - name: bad checksum
      get_url: { url: "${base}/file.txt", dest: "${scratch}/bad.txt", checksum: "sha256:${'0'.repeat(64)}" }
      ignore_errors: true
    - name: checksum url
      get_url: { url: "${base}/file.txt", dest: "${scratch}/sum.txt", checksum: "sha256:${base}/SHA256SUMS" }
    - name: checksum url missing entry
      get_url: { url: "${base}/named", dest: "${scratch}/sum2.txt", checksum: "sha256:${base}/SHA256SUMS" }
      ignore_errors: true
    - name: into dir
      get_url: { url: "${base}/named", dest: "${scratch}" }
    - name: missing
      get_url: { url: "${base}/nothing", dest: "${scratch}/x" }
      ignore_errors: true
`;
    const out = await runPlay(play, { inventory: `${sshHost('h1')}\n` });
    expect(out.r('dl')).toMatchObject({ changed: true, md5sum: createHash('md5').update('hello world\n').digest('hex'), msg: 'OK (12 bytes)', status_code: 200, checksum_src: sha1('hello world\n'), checksum_dest: null, mode: '0600', size: 12, state: 'file' });
    expect(readFileSync(dest, 'utf8')).toBe('hello world\n');
    expect(statSync(dest).mode & 0o777).toBe(0o600);
    expect(out.r('again')).toMatchObject({ changed: false, msg: 'HTTP Error 304: Not Modified', status_code: 304, mode: '0600' });
    expect(hits.some((h) => h.url === '/file.txt' && typeof h.headers['if-modified-since'] === 'string')).toBe(true);
    expect(out.r('forced same content')).toMatchObject({ changed: false, checksum_dest: sha1('hello world\n') });
    expect(out.r('good checksum')).toMatchObject({ changed: false, msg: 'file already exists' });
    expect(out.r('bad checksum')).toMatchObject({ _status: 'failed' });
    expect(String(out.r('bad checksum').msg)).toMatch(/did not match 0{64}; it was [0-9a-f]{64}\.$/);
    expect(out.r('checksum url')).toMatchObject({ changed: true, msg: 'OK (12 bytes)' });
    expect(out.r('checksum url missing entry')).toMatchObject({ _status: 'failed', msg: `Unable to find a checksum for file 'named' in '${base}/SHA256SUMS'` });
    expect(out.r('into dir')).toMatchObject({ changed: true, dest: `${scratch}/report.csv` });
    expect(existsSync(join(scratch, 'report.csv'))).toBe(true);
    expect(out.r('missing')).toMatchObject({ _status: 'failed', msg: 'Request failed', status_code: 404, response: 'HTTP Error 404: Not Found' });
  });

  test('check mode reports the change without writing', async () => {
    const dest = join(scratch, 'check.txt');
    const out = await runPlay(`
- hosts: localhost
  gather_facts: false
  tasks:
    - name: dl
      get_url: { url: "${base}/file.txt", dest: "${dest}" }
`, { check: true });
    expect(out.r('dl')).toMatchObject({ changed: true });
    expect(existsSync(dest)).toBe(false);
  });
});

describe('uri', () => {
  test('GET json, POST json/form with auth and headers, redirects, status codes, dest, creates', async () => {
    writeFileSync(join(scratch, 'marker'), '');
    const out = await runPlay(`
- hosts: localhost
  gather_facts: false
  tasks:
    - name: get json
      uri: { url: "${base}/json" }
    - name: post json
      uri: { url: "${base}/echo", method: POST, body_format: json, body: { a: 1, b: [x] }, url_username: u, url_password: "p w", headers: { X-Test: "1" }, return_content: true }
    - name: post form
      uri: { url: "${base}/echo", method: POST, body_format: form-urlencoded, body: { q: "a b", n: 2 } }
    - name: multipart
      uri: { url: "${base}/echo", method: POST, body_format: form-multipart, body: { field: "v 1", up: { content: "file body", filename: fake.txt, mime_type: text/plain }, bin: { filename: "${scratch}/marker" } } }
    - name: redirect
      uri: { url: "${base}/redirect" }
    - name: no follow
      uri: { url: "${base}/redirect", follow_redirects: none, status_code: [302] }
    - name: created
      uri: { url: "${base}/created", status_code: [200, 201], return_content: true }
    - name: head
      uri: { url: "${base}/json", method: HEAD }
    - name: notfound
      uri: { url: "${base}/missing" }
      ignore_errors: true
    - name: to dest
      uri: { url: "${base}/file.txt", dest: "${scratch}/uri-dest.txt" }
    - name: creates
      uri: { url: "${base}/file.txt", creates: "${scratch}/marker" }
`);
    expect(out.r('get json')).toMatchObject({ changed: false, status: 200, json: { ok: true, n: 3 }, content_type: 'application/json', redirected: false, msg: 'OK (17 bytes)' });
    expect(out.r('get json').content).toBeUndefined();
    const echoed = out.r('post json').json as Record<string, unknown>;
    expect(echoed).toEqual({ method: 'POST', body: '{"a": 1, "b": ["x"]}', auth: `Basic ${Buffer.from('u:p w').toString('base64')}`, ct: 'application/json', x: '1' });
    expect(out.r('post json').content).toBe(JSON.stringify(echoed));
    expect((out.r('post form').json as Record<string, unknown>).body).toBe('q=a+b&n=2');
    const mp = out.r('multipart').json as Record<string, string>;
    expect(mp.ct).toMatch(/^multipart\/form-data; boundary=/);
    for (const part of ['name="field"', 'v 1', 'name="up"; filename="fake.txt"', 'Content-Type: text/plain', 'file body', 'name="bin"; filename="marker"']) expect(mp.body).toContain(part);
    expect(out.r('redirect')).toMatchObject({ status: 200, redirected: true, url: `${base}/json` });
    expect(out.r('no follow')).toMatchObject({ status: 302, location: `${base}/json` });
    expect(out.r('head')).toMatchObject({ status: 200, content_type: 'application/json' });
    expect(out.r('created')).toMatchObject({ status: 201, x_thing: 'yes', content: 'made' });
    expect(out.r('notfound')).toMatchObject({ _status: 'failed', status: 404, msg: 'Status code was 404 and not [200]: HTTP Error 404: Not Found' });
    expect(out.r('to dest')).toMatchObject({ changed: true, path: `${scratch}/uri-dest.txt` });
    expect(readFileSync(join(scratch, 'uri-dest.txt'), 'utf8')).toBe('hello world\n');
    expect(out.r('creates')).toMatchObject({ changed: false, stdout: `skipped, since '${scratch}/marker' exists` });
    expect(hits.filter((h) => h.url === '/echo').length).toBe(3);
  });
});

describe('through wget (curl hidden from PATH)', () => {
  test('get_url and uri work the same with wget', async () => {
    const bin = join(scratch, 'nocurl-bin');
    execSync(`mkdir -p '${bin}' && for f in /usr/bin/* /bin/*; do n=\${f##*/}; [ "$n" = curl ] || [ -e '${bin}'/"$n" ] || ln -s "$f" '${bin}'/"$n"; done`, { shell: '/bin/sh' });
    const dest = join(scratch, 'wget.txt');
    const env = `environment: { PATH: "${bin}" }`;
    const out = await runPlay(`
- hosts: localhost
  gather_facts: false
  tasks:
    - { name: dl, get_url: { url: "${base}/file.txt", dest: "${dest}" }, ${env} }
    - { name: again, get_url: { url: "${base}/file.txt", dest: "${dest}" }, ${env} }
    - { name: json, uri: { url: "${base}/echo", method: POST, body_format: json, body: { a: 1 }, headers: { X-Test: w } }, ${env} }
    - { name: missing, uri: { url: "${base}/missing" }, ignore_errors: true, ${env} }
`);
    expect(out.r('dl')).toMatchObject({ changed: true, msg: 'OK (12 bytes)', status_code: 200 });
    expect(readFileSync(dest, 'utf8')).toBe('hello world\n');
    expect(out.r('again')).toMatchObject({ changed: false, status_code: 304 });
    expect(out.r('json')).toMatchObject({ status: 200, json: { method: 'POST', body: '{"a": 1}', ct: 'application/json', x: 'w' } });
    expect(out.r('missing')).toMatchObject({ _status: 'failed', status: 404 });
  });
});

describe('wait_for', () => {
  test('port open and closed, path present/absent, regex with groups, timeouts with messages', async () => {
    // Port probes connect and drop at once: a reset is expected, not a test failure.
    const tcp = createTcpServer((s) => { s.on('error', () => undefined); s.end('SSH-2.0-Fake_1.2\r\n'); });
    await new Promise<void>((r) => tcp.listen(0, '127.0.0.1', r));
    const port = (tcp.address() as { port: number }).port;
    const log = join(scratch, 'app.log');
    writeFileSync(log, 'booting\nready on port 8123\n');
    setTimeout(() => writeFileSync(join(scratch, 'late'), ''), 1500);
    try {
      const out = await runPlay(`
- hosts: all
  gather_facts: false
  tasks:
    - name: port
      wait_for: { port: ${port}, timeout: 5 }
    - name: banner
      wait_for: { port: ${port}, search_regex: "Fake_\\\\d", timeout: 5 }
    - name: closed port
      wait_for: { port: 1, state: stopped, timeout: 3 }
    - name: drained
      wait_for: { port: 1, state: drained, timeout: 3 }
    - name: late file
      wait_for: { path: "${scratch}/late", timeout: 10 }
    - name: regex
      wait_for: { path: "${log}", search_regex: "ready on port (?P<port>\\\\d+)", timeout: 3 }
    - name: absent
      wait_for: { path: "${scratch}/never", state: absent, timeout: 3 }
    - name: timeout
      wait_for: { path: "${scratch}/never", timeout: 1 }
      ignore_errors: true
    - name: custom msg
      wait_for: { port: 1, timeout: 1, msg: "no service" }
      ignore_errors: true
`, { inventory: `${sshHost('h1')}\n` });
      expect(out.r('port')).toMatchObject({ changed: false, state: 'started', port, path: null, search_regex: null, match_groups: [] });
      expect(out.r('banner')).toMatchObject({ changed: false });
      expect(out.r('closed port')).toMatchObject({ changed: false, state: 'stopped', port: 1 });
      expect(out.r('drained')).toMatchObject({ changed: false, state: 'drained', port: 1 });
      expect(out.r('late file')._status).toBe('ok');
      expect(out.r('regex')).toMatchObject({ match_groups: ['8123'], match_groupdict: { port: '8123' }, state: 'file', mode: '0644', size: 27, path: log, port: null });
      expect(out.r('absent')).toMatchObject({ state: 'absent', path: `${scratch}/never`, port: null, search_regex: null, match_groups: [], match_groupdict: {} });
      expect(out.r('timeout')).toMatchObject({ _status: 'failed', msg: `Timeout when waiting for file ${scratch}/never` });
      expect(out.r('custom msg')).toMatchObject({ _status: 'failed', msg: 'no service' });
    } finally {
      tcp.close();
    }
  });

  test('drained: an open connection keeps the port busy unless its host is excluded', async () => {
    const tcp = createTcpServer((sock) => sock.on('error', () => undefined));
    await new Promise<void>((r) => tcp.listen(0, '127.0.0.1', r));
    const port = (tcp.address() as { port: number }).port;
    const client = connect(port, '127.0.0.1');
    client.on('error', () => undefined);
    await new Promise<void>((r) => client.on('connect', () => r()));
    try {
      const out = await runPlay(`
- hosts: localhost
  gather_facts: false
  tasks:
    - { name: busy, wait_for: { port: ${port}, state: drained, timeout: 1 }, ignore_errors: true }
    - { name: excluded, wait_for: { port: ${port}, state: drained, timeout: 2, exclude_hosts: [127.0.0.1] } }
`);
      expect(out.r('busy')).toMatchObject({ _status: 'failed', msg: `Timeout when waiting for 127.0.0.1:${port} to drain` });
      expect(out.r('excluded')).toMatchObject({ changed: false, state: 'drained', port });
    } finally {
      client.destroy();
      tcp.close();
    }
  });
});
