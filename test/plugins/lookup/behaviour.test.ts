/**
 * What the Ansible ground truth cannot show: SHA-crypt, md5_crypt and bcrypt against passlib vectors
 * (the library Ansible uses), the url lookup's HTTP behaviour against a local server, password files
 * on disk (encrypt and stored salts are in the parity cases), and that lookups never block.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, statSync, readdirSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { createServer as createHttpsServer, type Server as HttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { createKernel, type Kernel, type LookupContext, type LookupDefinition, type Vars } from 'tsible';
import { bcrypt } from '../../../plugins/lookup/_shared/bcrypt.js';
import { md5Crypt, shaCrypt, type ShaCryptAlgorithm } from '../../../plugins/lookup/_shared/crypt.js';
import { cleanEnv, tempProject } from '../../helpers/tmp.js';
import { FIXTURES } from './helpers.js';

interface Vector { algorithm: ShaCryptAlgorithm | 'md5_crypt' | 'bcrypt'; secret: string; salt: string; rounds?: number; ident?: string; hash: string }

let kernel: Kernel;
const project = tempProject({ 'files/a.txt': 'a\n' });

beforeAll(async () => {
  kernel = await createKernel({ cwd: project.dir, env: cleanEnv(), configFile: false });
});
afterAll(async () => {
  await kernel.dispose();
  project.cleanup();
});

function context(vars: Vars = {}): LookupContext {
  return { vars: { playbook_dir: project.dir, ...vars }, searchPaths: [project.dir], log: kernel.log, template: async (v) => v };
}

async function lookup(name: string, terms: unknown[], options: Record<string, unknown> = {}, vars: Vars = {}): Promise<unknown[]> {
  const def = (await kernel.resolve('lookup', name)) as LookupDefinition;
  return def.run(terms, options, context(vars));
}

describe('sha-crypt, md5-crypt and bcrypt', () => {
  const vectors = (JSON.parse(readFileSync(join(FIXTURES, 'crypt-vectors.json'), 'utf8')) as Vector[])
    .filter((v) => (v.rounds ?? 0) <= 10_000 && !(v.algorithm === 'bcrypt' && v.rounds! > 6));
  test.each(vectors.map((v) => [`${v.algorithm}${v.ident ? ` $${v.ident}$` : ''} rounds=${v.rounds ?? 1000} ${JSON.stringify(v.secret).slice(0, 20)}`, v] as const))(
    '%s matches passlib', async (_label, v) => {
      const hash = v.algorithm === 'md5_crypt' ? md5Crypt(v.secret, v.salt)
        : v.algorithm === 'bcrypt' ? bcrypt(v.secret, v.salt, v.rounds, v.ident) : shaCrypt(v.algorithm, v.secret, v.salt, v.rounds);
      expect(await hash).toBe(v.hash);
    });

  test('the rounds loop lets other work run', async () => {
    let ticks = 0;
    const timer = setInterval(() => ticks++, 1);
    await shaCrypt('sha512_crypt', 'secret', 'saltsalt', 20_000);
    clearInterval(timer);
    expect(ticks).toBeGreaterThan(3);
  });
});

describe('url', () => {
  let server: Server;
  let base: string;
  const seen: IncomingMessage[] = [];

  beforeAll(async () => {
    server = createServer((req, res) => {
      seen.push(req);
      const auth = req.headers.authorization;
      if (req.url === '/secret') {
        if (auth !== `Basic ${Buffer.from('ops:pw').toString('base64')}`) {
          res.writeHead(401, { 'WWW-Authenticate': 'Basic realm="x"' });
          res.end();
          return;
        }
        res.end('token=42\n');
      } else if (req.url === '/moved') {
        res.writeHead(302, { Location: '/echo' });
        res.end();
      } else if (req.url === '/echo') {
        res.end(JSON.stringify({ agent: req.headers['user-agent'], x: req.headers['x-api-key'] ?? null }));
      } else {
        res.writeHead(500, 'Boom');
        res.end();
      }
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => server.close());

  test('answers a basic-auth challenge with the credentials', async () => {
    expect(await lookup('url', [`${base}/secret`], { username: 'ops', password: 'pw' })).toEqual(['token=42']);
    expect(seen.slice(-2).map((r) => Boolean(r.headers.authorization))).toEqual([false, true]);
  });

  test('force_basic_auth sends the credentials at once', async () => {
    const before = seen.length;
    expect(await lookup('url', [`${base}/secret`], { username: 'ops', password: 'pw', force_basic_auth: true })).toEqual(['token=42']);
    expect(seen.length - before).toBe(1);
  });

  test('sends headers and the agent, follows redirects', async () => {
    const [body] = await lookup('url', [`${base}/moved`], { headers: { 'X-Api-Key': 'k' }, split_lines: false });
    expect(JSON.parse(String(body))).toEqual({ agent: 'ansible-httpget', x: 'k' });
  });

  test('follow_redirects=none stops at a redirect with an HTTP error', async () => {
    await expect(lookup('url', [`${base}/moved`], { follow_redirects: 'none' })).rejects.toThrow(/HTTP Error 302/);
  });

  test('reports HTTP errors and refused connections', async () => {
    await expect(lookup('url', [`${base}/fail`])).rejects.toThrow(`Received HTTP error for ${base}/fail : HTTP Error 500: Boom`);
    await expect(lookup('url', ['http://127.0.0.1:1/'])).rejects.toThrow(/Failed lookup url for http:\/\/127\.0\.0\.1:1\//);
  });
});

describe('password files', () => {
  test('creates the file 0600 in a 0700 directory and reuses it', async () => {
    const [first] = await lookup('password', ['creds/app length=12']);
    const path = join(project.dir, 'creds', 'app');
    expect(readFileSync(path, 'utf8')).toBe(`${String(first)}\n`);
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(statSync(join(project.dir, 'creds')).mode & 0o777).toBe(0o700);
    expect(await lookup('password', ['creds/app length=40'])).toEqual([first]);
    expect(readdirSync(join(project.dir, 'creds'))).toEqual(['app']);
  });

  test('concurrent first uses agree on one password (the lock file)', async () => {
    const results = await Promise.all(Array.from({ length: 5 }, () => lookup('password', ['creds/shared'])));
    expect(new Set(results.map((r) => r[0])).size).toBe(1);
  });

  test('/dev/null generates every time and writes nothing', async () => {
    const [a] = await lookup('password', ['/dev/null length=30']);
    const [b] = await lookup('password', ['/dev/null length=30']);
    expect(String(a)).toHaveLength(30);
    expect(a).not.toBe(b);
  });

  test('an unsupported algorithm is a clear error', async () => {
    await expect(lookup('password', ['/dev/null encrypt=sha1_crypt'])).rejects.toThrow(/'sha1_crypt' algorithm/);
  });
});

describe('no blocking', () => {
  test('pipe commands of different hosts run at the same time', async () => {
    const started = Date.now();
    await Promise.all([lookup('pipe', ['sleep 1']), lookup('pipe', ['sleep 1']), lookup('lines', ['sleep 1; echo x'])]);
    expect(Date.now() - started).toBeLessThan(2500);
  });
});

describe('sequence keyword form (tsible accepts it as later Ansible does)', () => {
  test('start/end/stride/format as keywords when no term is given', async () => {
    expect(await lookup('sequence', [], { start: 2, end: 8, stride: 3, format: 'n%02d' })).toEqual(['n02', 'n05', 'n08']);
    expect(await lookup('sequence', [], { count: 3 })).toEqual(['1', '2', '3']);
  });
});

describe('options', () => {
  test('a value outside an option\'s choices is an error naming them', async () => {
    await expect(lookup('ini', ['user'], { type: 'toml', file: 'a.txt' })).rejects.toThrow('ini: invalid value "toml" for option type, valid values are: ini, properties');
  });

  test('yes/no strings and numeric strings are coerced as Ansible does', async () => {
    expect(await lookup('file', ['a.txt'], { rstrip: 'no' })).toEqual(['a\n']);
    expect(await lookup('password', ['/dev/null seed=s'], { length: '4' })).toEqual([expect.stringMatching(/^.{4}$/)]);
  });
});

describe('url over https', () => {
  let server: HttpsServer | undefined;
  let base = '';
  let caFile = '';

  beforeAll(async () => {
    const key = join(project.dir, 'tls.key');
    caFile = join(project.dir, 'tls.crt');
    execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', '/CN=127.0.0.1',
      '-addext', 'subjectAltName=IP:127.0.0.1', '-keyout', key, '-out', caFile], { stdio: 'ignore' });
    server = createHttpsServer({ key: readFileSync(key), cert: readFileSync(caFile) }, (_req, res) => res.end('tls ok\n'));
    await new Promise<void>((r) => server!.listen(0, '127.0.0.1', r));
    base = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => server?.close());

  test('an unknown certificate fails unless validate_certs=false or ca_path trusts it', async () => {
    await expect(lookup('url', [`${base}/`])).rejects.toThrow(/Failed lookup url for https:\/\/127\.0\.0\.1:\d+\/ : .*self.signed/i);
    expect(await lookup('url', [`${base}/`], { validate_certs: false })).toEqual(['tls ok']);
    expect(await lookup('url', [`${base}/`], { ca_path: caFile })).toEqual(['tls ok']);
  });
});

describe('first_found in a looping task', () => {
  test('searches templates/ for template tasks and vars/ for include_vars, as Ansible does', async () => {
    project.write('templates/site.j2', 't');
    project.write('vars/os.yml', 'v: 1');
    const def = (await kernel.resolve('lookup', 'first_found')) as LookupDefinition;
    const run = (taskAction: string, names: string[]) => def.run(names, {}, { ...context(), taskAction } as LookupContext);
    expect(await run('ansible.builtin.template', ['nope.j2', 'site.j2'])).toEqual([join(project.dir, 'templates', 'site.j2')]);
    expect(await run('include_vars', ['os.yml'])).toEqual([join(project.dir, 'vars', 'os.yml')]);
    expect(await run('copy', ['a.txt'])).toEqual([join(project.dir, 'files', 'a.txt')]);
  });
});
