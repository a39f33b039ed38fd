import { defineModule, type ModuleContext, type ModuleResult } from 'tsible';
import { httpScript, httpStdin, parseHttp, reasonPhrase } from './_system/http.js';
import { multipartPrepare } from './_system/multipart.js';
import { pyList } from './_system/pyjson.js';
import { missingTool } from './_system/remote.js';
import { buildRequest, uriAfter, uriGuards, type UriArgs } from './_system/uri-request.js';

function decodeBody(section: string | undefined): string | undefined {
  if (section === undefined) return undefined;
  const nl = section.indexOf('\n');
  const enc = section.slice(0, nl);
  const data = section.slice(nl + 1);
  return enc === 'b64' ? Buffer.from(data, 'base64').toString('utf8') : data.replace(/\n$/, '');
}

function isJsonType(contentType: string | undefined): boolean {
  const sub = (contentType ?? '').split(';')[0].trim().split('/')[1] ?? '';
  const candidate = sub.includes('+') ? sub.split('+')[1] : sub;
  return ['json', 'javascript'].includes(candidate.toLowerCase());
}

async function request(ctx: ModuleContext<UriArgs>): Promise<ModuleResult> {
  const a = ctx.args;
  const req = await buildRequest(ctx);
  const start = Date.now();
  const multipart = a.body_format === 'form-multipart' && typeof a.body === 'object' && a.body !== null
    ? multipartPrepare(ctx, a.body as Record<string, unknown>) : '';
  const script = `${uriGuards(ctx)}\n${httpScript(ctx, req, uriAfter(ctx), multipart)}`;
  const res = await ctx.exec(script, { stdin: httpStdin(req), timeoutSeconds: a.timeout + 60 });
  const missing = missingTool(res);
  if (missing) return missing;
  if (res.stdout.startsWith('@@skip@@')) {
    return { changed: false, stdout: a.creates ? `skipped, since '${a.creates}' exists` : `skipped, since '${a.removes}' does not exist` };
  }
  const http = parseHttp(res.stdout);
  const elapsed = Math.floor((Date.now() - start) / 1000);
  const out: ModuleResult = { changed: false, redirected: http.url !== a.url && http.redirects > 0, url: http.url || a.url, status: http.status, elapsed };
  for (const [k, v] of Object.entries(http.headers)) out[k.replace(/-/g, '_')] = v;
  if (typeof out.location === 'string') out.location = new URL(out.location, a.url).toString();
  out.cookies = {};
  out.cookies_string = '';
  const content = decodeBody(http.sections.body);
  if (http.status > 0) out.msg = http.status < 400 ? `OK (${http.headers['content-length'] ?? 'unknown'} bytes)` : `HTTP Error ${http.status}: ${reasonPhrase(http.status, http.reason)}`;
  else out.msg = `Request failed: ${http.error}`;
  if (http.sections.dest !== undefined) {
    out.changed = true;
    out.path = http.sections.dest.replace(/^path=/, '').trim();
  }
  if (content !== undefined && isJsonType(http.headers['content-type'])) {
    try {
      out.json = JSON.parse(content);
    } catch { /* not JSON after all: Ansible leaves json unset */ }
  }
  if (a.return_content) out.content = content;
  if (!a.status_code.includes(http.status)) {
    return { ...out, failed: true, msg: `Status code was ${http.status} and not ${pyList(a.status_code)}: ${out.msg}` };
  }
  return out;
}

/** HTTP requests from the target through its curl or wget (one round trip). */
export default defineModule<UriArgs>({
  name: 'uri',
  shortDescription: 'Interacts with webservices',
  options: {
    url: { type: 'str', required: true, description: 'HTTP or HTTPS URL.' },
    method: { type: 'str', default: 'GET', description: 'HTTP method (uppercase).' },
    body: { type: 'raw', description: 'Request body; serialised per body_format.' },
    body_format: { type: 'str', default: 'raw', choices: ['form-urlencoded', 'json', 'raw', 'form-multipart'], description: 'How to serialise body (form-multipart needs curl).' },
    src: { type: 'path', description: 'Controller file sent as the body.' },
    return_content: { type: 'bool', default: false, description: 'Return the body as content.' },
    status_code: { type: 'list', elements: 'int', default: [200], description: 'Accepted status codes.' },
    headers: { type: 'dict', default: {}, description: 'Request headers.' },
    timeout: { type: 'int', default: 30, description: 'Socket timeout in seconds.' },
    follow_redirects: { type: 'str', default: 'safe', choices: ['all', 'no', 'none', 'safe', 'urllib2', 'yes'], description: 'Which redirects to follow.' },
    force_basic_auth: { type: 'bool', default: false, description: 'Send credentials up front.' },
    url_username: { type: 'str', aliases: ['user'], description: 'Basic auth user.' },
    url_password: { type: 'str', aliases: ['password'], noLog: true, description: 'Basic auth password.' },
    validate_certs: { type: 'bool', default: true, description: 'Verify TLS certificates.' },
    dest: { type: 'path', description: 'Write the body to this file on the target.' },
    creates: { type: 'path', description: 'Skip when this path exists.' },
    removes: { type: 'path', description: 'Skip unless this path exists.' },
    http_agent: { type: 'str', default: 'ansible-httpget', description: 'User-Agent header.' },
    use_proxy: { type: 'bool', default: true, description: 'Accepted; curl/wget honour the proxy environment.' },
    unredirected_headers: { type: 'list', elements: 'str', default: [], description: 'Accepted for compatibility.' },
    decompress: { type: 'bool', default: true, description: 'Accepted for compatibility.' },
    remote_src: { type: 'bool', default: false, description: 'Accepted for compatibility.' },
    mode: { type: 'raw', description: 'Mode of dest.' },
    owner: { type: 'str', description: 'Owner of dest.' },
    group: { type: 'str', description: 'Group of dest.' },
  },
  checkMode: 'none',
  async run(ctx) {
    ctx.args.method = ctx.args.method.toUpperCase();
    if (!/^[A-Z]+$/.test(ctx.args.method)) {
      return { failed: true, changed: false, msg: "Parameter 'method' needs to be a single word in uppercase, like GET or POST." };
    }
    if (ctx.args.body !== undefined && ctx.args.src !== undefined) return { failed: true, changed: false, msg: 'parameters are mutually exclusive: body|src' };
    if (ctx.args.body_format === 'form-multipart' && (typeof ctx.args.body !== 'object' || ctx.args.body === null || Array.isArray(ctx.args.body))) {
      return { failed: true, changed: false, msg: 'failed to parse body as form-multipart: body must be a dict' };
    }
    return request(ctx);
  },
});
