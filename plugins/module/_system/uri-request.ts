import type { ModuleContext } from 'tsible';
import { applyAttrsFunction, type FileAttrs } from './attrs.js';
import type { HttpRequest } from './http.js';
import { pyJsonDumps } from './pyjson.js';

export interface UriArgs extends FileAttrs {
  url: string; method: string; body?: unknown; body_format: string; return_content: boolean; status_code: number[];
  headers: Record<string, unknown>; timeout: number; follow_redirects: string; force_basic_auth: boolean;
  url_username?: string; url_password?: string; validate_certs: boolean; dest?: string; creates?: string; removes?: string;
  src?: string; http_agent: string; use_proxy: boolean; unredirected_headers: string[]; decompress: boolean; remote_src: boolean;
}

function formEncode(body: unknown): string {
  if (typeof body === 'string') return body;
  const entries = Array.isArray(body) ? body as Array<[string, unknown]> : Object.entries(body as Record<string, unknown>);
  return entries.map(([k, v]) => `${encodeURIComponent(k).replace(/%20/g, '+')}=${encodeURIComponent(String(v)).replace(/%20/g, '+')}`).join('&');
}

/** The request as Ansible's uri builds it: body serialised per body_format, default Content-Type added. */
export async function buildRequest(ctx: ModuleContext<UriArgs>): Promise<HttpRequest> {
  const a = ctx.args;
  const headers: Record<string, string> = Object.fromEntries(Object.entries(a.headers).map(([k, v]) => [k, String(v)]));
  const hasType = Object.keys(headers).some((h) => h.toLowerCase() === 'content-type');
  let body: Buffer | undefined;
  if (a.src !== undefined) body = await ctx.readControllerFile(await ctx.findFile(a.src, 'files'));
  else if (a.body !== undefined && a.body !== null) {
    if (a.body_format === 'json') {
      body = Buffer.from(typeof a.body === 'string' ? a.body : pyJsonDumps(a.body));
      if (!hasType) headers['Content-Type'] = 'application/json';
    } else if (a.body_format === 'form-urlencoded') {
      body = Buffer.from(formEncode(a.body));
      if (!hasType) headers['Content-Type'] = 'application/x-www-form-urlencoded';
    } else if (a.body_format !== 'form-multipart') body = Buffer.from(typeof a.body === 'string' ? a.body : pyJsonDumps(a.body));
  }
  const follow = a.follow_redirects === 'all' || a.follow_redirects === 'yes'
    || (a.follow_redirects === 'safe' || a.follow_redirects === 'urllib2') && (a.method === 'GET' || a.method === 'HEAD');
  return { url: a.url, method: a.method, headers, username: a.url_username, password: a.url_password, timeout: a.timeout,
    validateCerts: a.validate_certs, followRedirects: follow, agent: a.http_agent, body };
}

/** Shell run before the request: creates/removes guards. */
export function uriGuards(ctx: ModuleContext<UriArgs>): string {
  const out: string[] = [];
  if (ctx.args.creates) out.push(`if [ -e ${ctx.quote(ctx.args.creates)} ]; then echo '@@skip@@'; exit 0; fi`);
  if (ctx.args.removes) out.push(`if [ ! -e ${ctx.quote(ctx.args.removes)} ]; then echo '@@skip@@'; exit 0; fi`);
  return out.join('\n');
}

/** Shell run after the request: write dest when the status is accepted, else print the body (base64). */
export function uriAfter(ctx: ModuleContext<UriArgs>): string {
  const a = ctx.args;
  const codes = a.status_code.map((c) => `[ "$code" = ${c} ]`).join(' || ');
  const print = `echo '@@body@@'; if command -v base64 >/dev/null 2>&1; then echo b64; base64 < "$d/out"; else echo raw; cat "$d/out"; fi`;
  if (!a.dest) return print;
  const dest = ctx.quote(a.dest);
  return `${applyAttrsFunction(ctx, a, false)}
if { ${codes}; } && [ "$code" != 304 ] && [ -e "$d/out" ]; then
  if [ -d ${dest} ]; then
    fn=$(tr -d '\\r' < "$d/hdr" | sed -n 's/^[Cc]ontent-[Dd]isposition:.*filename="\\{0,1\\}\\([^";]*\\)"\\{0,1\\}.*/\\1/p' | tail -n 1)
    target=${dest}/"\${fn:-index.html}"
  else target=${dest}; fi
  cp "$d/out" "$target" || exit 1
  attrs_changed=0; apply_attrs "$target"
  echo '@@dest@@'; echo "path=$target"
fi
${print}`;
}
