import { defineModule, type ModuleContext, type ModuleResult } from 'tsible';
import { octalMode } from './_system/attrs.js';
import { getUrlParts, type GetUrlArgs } from './_system/get-url-script.js';
import { httpScript, httpStdin, parseHttp, reasonPhrase } from './_system/http.js';
import { missingTool, parseKeyValues, parseSections } from './_system/remote.js';

const ALGOS = ['md5', 'sha1', 'sha224', 'sha256', 'sha384', 'sha512'];

function urlFilename(url: string): string {
  try {
    const name = decodeURIComponent(new URL(url).pathname.split('/').pop() ?? '');
    return name || 'index.html';
  } catch {
    return 'index.html';
  }
}

function fileFacts(kv: Record<string, string>): ModuleResult {
  return { uid: Number(kv.uid), gid: Number(kv.gid), owner: kv.owner, group: kv.group, mode: octalMode(kv.mode), size: Number(kv.size), state: 'file' };
}

/** The hash for `filename` in a checksum file: a lone hash, or `<hash> [ *]<name>` lines (leading ./ ignored). */
export function hashFromChecksumFile(text: string, filename: string): string | undefined {
  const lines = text.split('\n').map((l) => l.replace(/\r$/, '')).filter((l) => l !== '');
  if (lines.length === 1 && lines[0].trim().split(/\s+/).length === 1) return lines[0].trim();
  for (const line of lines) {
    const sp = line.indexOf(' ');
    if (sp < 0) continue;
    const name = line.slice(sp + 1).replace(/^[ *]/, '').replace(/^[./]+/, '');
    if (name === filename) return line.slice(0, sp);
  }
  return undefined;
}

/** `checksum: <algo>:<url>`: the checksum file is fetched by the target, like the download itself. */
async function checksumFromUrl(ctx: ModuleContext<GetUrlArgs>, url: string): Promise<string> {
  const a = ctx.args;
  const req = { url, method: 'GET', headers: {}, timeout: a.timeout, validateCerts: a.validate_certs, followRedirects: true, agent: a.http_agent };
  const res = await ctx.exec(httpScript(ctx, req, `[ "$code" = 200 ] || exit 0\necho '@@sums@@'; cat "$d/out"`), { stdin: httpStdin(req), timeoutSeconds: a.timeout + 60 });
  const sums = parseSections(res.stdout).sums;
  const hash = sums === undefined ? undefined : hashFromChecksumFile(sums, urlFilename(a.url));
  if (!hash) throw new Error(`Unable to find a checksum for file '${urlFilename(a.url)}' in '${url}'`);
  return hash;
}

async function parseChecksum(ctx: ModuleContext<GetUrlArgs>, raw: string): Promise<{ algo: string; expected: string } | string> {
  if (!raw) return { algo: '', expected: '' };
  const i = raw.indexOf(':');
  if (i < 0) return 'The checksum parameter has to be in format <algorithm>:<checksum>';
  const algo = raw.slice(0, i).toLowerCase();
  if (!ALGOS.includes(algo)) return `Unsupported hash algorithm: ${algo}`;
  let value = raw.slice(i + 1).trim();
  if (/^(https?|ftp|file):\/\//.test(value)) {
    try {
      value = await checksumFromUrl(ctx, value);
    } catch (err) {
      return (err as Error).message;
    }
  }
  const expected = value.replace(/\W+/g, '').toLowerCase();
  if (!/^[0-9a-f]+$/.test(expected)) return 'The checksum format is invalid';
  return { algo, expected };
}

async function download(ctx: ModuleContext<GetUrlArgs>, algo: string, expected: string): Promise<ModuleResult> {
  const a = ctx.args;
  const start = Date.now();
  const req = { url: a.url, method: 'GET', headers: Object.fromEntries(Object.entries(a.headers ?? {}).map(([k, v]) => [k, String(v)])),
    username: a.url_username, password: a.url_password, timeout: a.timeout, validateCerts: a.validate_certs, followRedirects: true,
    agent: a.http_agent };
  const parts = getUrlParts(ctx, algo, expected, urlFilename(a.url));
  const res = await ctx.exec(`${parts.before}\n${httpScript(ctx, req, parts.after, parts.prepare)}`, { stdin: httpStdin(req), timeoutSeconds: a.timeout + 60 });
  const elapsed = Math.floor((Date.now() - start) / 1000);
  const missing = missingTool(res);
  if (missing) return missing;
  if (res.stdout.includes('@@exists@@\n')) {
    const kv = parseKeyValues(res.stdout);
    const changed = kv.attrs_changed === '1';
    return { changed, msg: changed ? 'file already exists but file attributes changed' : 'file already exists', dest: a.dest, url: a.url, elapsed: 0, ...fileFacts(kv) };
  }
  const http = parseHttp(res.stdout);
  if (http.sections.notmodified !== undefined) {
    return { changed: false, url: a.url, dest: a.dest, elapsed, status_code: 304, msg: 'HTTP Error 304: Not Modified', ...fileFacts(parseKeyValues(http.sections.notmodified)) };
  }
  if (http.sections.fail !== undefined || http.sections.result === undefined) {
    const reason = reasonPhrase(http.status, http.reason);
    return { failed: true, changed: false, msg: 'Request failed', status_code: http.status, url: a.url, dest: a.dest, elapsed,
      response: http.status > 0 ? `HTTP Error ${http.status}: ${reason}` : `Request failed: ${http.error || res.stderr.trim()}` };
  }
  const kv = parseKeyValues(http.sections.result);
  if (kv.checksum_mismatch) {
    return { failed: true, changed: false, msg: `The checksum for ${kv.dest} did not match ${expected}; it was ${kv.checksum_mismatch}.` };
  }
  if (kv.install_failed) return { failed: true, changed: false, msg: `Could not replace file ${kv.dest}: ${res.stderr.trim()}` };
  return {
    changed: kv.changed === '1' || kv.attrs_changed === '1', url: a.url, dest: kv.dest, elapsed, status_code: http.status,
    msg: `OK (${kv.size} bytes)`, checksum_src: kv.checksum_src, checksum_dest: kv.checksum_dest || null,
    ...(kv.backup_file ? { backup_file: kv.backup_file } : {}), ...fileFacts(kv), size: Number(kv.size), md5sum: kv.md5sum || null,
  };
}

/** Downloads a URL on the target through its curl or wget; one round trip, idempotent by checksum. */
export default defineModule<GetUrlArgs>({
  name: 'get_url',
  shortDescription: 'Downloads files from HTTP, HTTPS, or FTP to node',
  options: {
    url: { type: 'str', required: true, description: 'HTTP, HTTPS or FTP URL.' },
    dest: { type: 'path', required: true, description: 'File or directory to download to.' },
    force: { type: 'bool', default: false, description: 'Download even when dest exists (replacing it when the content differs).' },
    checksum: { type: 'str', default: '', description: '<algorithm>:<hex digest> (or <algorithm>:<URL of a checksum file>) the download must match.' },
    backup: { type: 'bool', default: false, description: 'Keep a timestamped copy of the replaced file.' },
    timeout: { type: 'int', default: 10, description: 'Request timeout in seconds.' },
    headers: { type: 'dict', description: 'Request headers.' },
    url_username: { type: 'str', aliases: ['username'], description: 'Basic auth user.' },
    url_password: { type: 'str', aliases: ['password'], noLog: true, description: 'Basic auth password.' },
    force_basic_auth: { type: 'bool', default: false, description: 'Send credentials without waiting for a 401.' },
    validate_certs: { type: 'bool', default: true, description: 'Verify TLS certificates.' },
    http_agent: { type: 'str', default: 'ansible-httpget', description: 'User-Agent header.' },
    tmp_dest: { type: 'path', description: 'Accepted for compatibility (a private temp dir is used).' },
    use_proxy: { type: 'bool', default: true, description: 'Accepted; curl/wget honour the proxy environment.' },
    decompress: { type: 'bool', default: true, description: 'Accepted for compatibility.' },
    mode: { type: 'raw', description: 'Permissions of the file.' },
    owner: { type: 'str', description: 'Owner of the file.' },
    group: { type: 'str', description: 'Group of the file.' },
  },
  checkMode: 'full',
  async run(ctx) {
    const sum = await parseChecksum(ctx, ctx.args.checksum);
    if (typeof sum === 'string') return { failed: true, changed: false, msg: sum };
    return download(ctx, sum.algo, sum.expected);
  },
});
