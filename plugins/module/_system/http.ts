import type { ModuleContext } from 'tsible';
import { MISSING_MARK, parseKeyValues, parseSections } from './remote.js';

export interface HttpRequest {
  url: string;
  method: string;
  headers: Record<string, string>;
  username?: string;
  password?: string;
  timeout: number;
  validateCerts: boolean;
  followRedirects: boolean;
  agent: string;
  body?: Buffer;
}

export interface HttpResponse {
  tool: string;
  rc: number;
  status: number;
  redirects: number;
  url: string;
  /** Header names lower-cased; repeated headers joined with ', '. */
  headers: Record<string, string>;
  reason: string;
  error: string;
  sections: Record<string, string>;
}

const cq = (s: string) => `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;

/** curl's and wget's config files: credentials and headers travel on stdin, never in argv. */
function configs(r: HttpRequest): { curl: string; wget: string } {
  const curl = [`url = ${cq(r.url)}`, `user-agent = ${cq(r.agent)}`, `max-time = ${r.timeout}`, 'globoff',
    r.method === 'HEAD' ? 'head' : `request = ${cq(r.method)}`, ...Object.entries(r.headers).map(([k, v]) => `header = ${cq(`${k}: ${v}`)}`)];
  const wget = [`user_agent = ${r.agent}`, `timeout = ${r.timeout}`, ...Object.entries(r.headers).map(([k, v]) => `header = ${k}: ${v}`)];
  if (r.username !== undefined) {
    curl.push(`user = ${cq(`${r.username}:${r.password ?? ''}`)}`);
    wget.push(`http_user = ${r.username}`, `http_password = ${r.password ?? ''}`, 'auth_no_challenge = on');
  }
  if (!r.validateCerts) {
    curl.push('insecure');
    wget.push('check_certificate = off');
  }
  if (r.followRedirects) curl.push('location', 'max-redirs = 50');
  else wget.push('max_redirect = 0');
  return { curl: curl.join('\n') + '\n', wget: wget.join('\n') + '\n' };
}

/** stdin for the script: the two config lengths, the configs, then the request body. */
export function httpStdin(r: HttpRequest): Buffer {
  const c = configs(r);
  const head = `${Buffer.byteLength(c.curl)} ${Buffer.byteLength(c.wget)}\n`;
  return Buffer.concat([Buffer.from(head + c.curl + c.wget), r.body ?? Buffer.alloc(0)]);
}

/**
 * The request half of a remote script: leaves the body in "$d/out", the status in $code, and
 * prints meta and headers sections. `after` is shell code run next (with $d, $code available).
 */
export function httpScript(ctx: ModuleContext<unknown>, r: HttpRequest, after: string, prepare = ''): string {
  const data = r.body !== undefined;
  const q = ctx.quote;
  return `
d=$(mktemp -d "\${TMPDIR:-/tmp}/tsible-http.XXXXXX") || exit 1
trap 'rm -rf "$d"' EXIT
read -r n1 n2
head -c "$n1" > "$d/curlrc"; head -c "$n2" > "$d/wgetrc"; cat > "$d/in"
${prepare}
if command -v curl >/dev/null 2>&1; then
  tool=curl
  meta=$(curl -K "$d/curlrc" -sS -D "$d/hdr" -o "$d/out" ${data ? '--data-binary @"$d/in"' : ''} -w '%{http_code} %{num_redirects} %{url_effective}' 2>"$d/err"); rc=$?
  set -- $meta; code=\${1:-0}; redirects=\${2:-0}; eff=\${3:-}
elif command -v wget >/dev/null 2>&1; then
  tool=wget
  wget --config="$d/wgetrc" -S -O "$d/out" --content-on-error --method=${q(r.method)} ${data ? '--body-file="$d/in"' : ''} ${q(r.url)} 2>"$d/err"; rc=$?
  sed -n 's/^  //p' "$d/err" > "$d/hdr"
  code=$(awk '/^HTTP\\//{c=$2} END{print c+0}' "$d/hdr"); redirects=$(grep -c '^HTTP/.* 30[12378]' "$d/hdr"); eff=${q(r.url)}
else
  echo "${MISSING_MARK} curl or wget"; exit 127
fi
echo '@@meta@@'
echo "tool=$tool"; echo "rc=$rc"; echo "code=$code"; echo "redirects=$redirects"; echo "url=$eff"
echo '@@headers@@'; tr -d '\\r' < "$d/hdr" 2>/dev/null
echo '@@err@@'; head -c 2000 "$d/err"; echo
${after}
`;
}

/** The last response's header block (curl -D keeps every hop's headers). */
function lastHeaderBlock(raw: string): { headers: Record<string, string>; reason: string } {
  const blocks = raw.split(/\n(?=HTTP\/)/);
  const last = blocks[blocks.length - 1] ?? '';
  const headers: Record<string, string> = {};
  let reason = '';
  for (const line of last.split('\n')) {
    const status = /^HTTP\/[\d.]+\s+\d+\s*(.*)$/.exec(line);
    if (status) reason = status[1];
    const m = /^([!#$%&'*+.^_`|~0-9A-Za-z-]+):\s*(.*)$/.exec(line);
    if (m) {
      const k = m[1].toLowerCase();
      headers[k] = headers[k] ? `${headers[k]}, ${m[2]}` : m[2];
    }
  }
  return { headers, reason };
}

export function parseHttp(stdout: string): HttpResponse {
  const sections = parseSections(stdout);
  const meta = parseKeyValues(sections.meta ?? '');
  const { headers, reason } = lastHeaderBlock(sections.headers ?? '');
  return {
    tool: meta.tool ?? '', rc: Number(meta.rc ?? -1), status: Number(meta.code ?? 0) || -1, redirects: Number(meta.redirects ?? 0),
    url: meta.url ?? '', headers, reason, error: (sections.err ?? '').trim(), sections,
  };
}

/** Ansible's reason phrases when the server sent none (HTTP/2). */
export function reasonPhrase(status: number, given: string): string {
  if (given) return given;
  const known: Record<number, string> = { 200: 'OK', 201: 'Created', 204: 'No Content', 301: 'Moved Permanently', 302: 'Found',
    304: 'Not Modified', 400: 'Bad Request', 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found', 500: 'Internal Server Error' };
  return known[status] ?? '';
}
