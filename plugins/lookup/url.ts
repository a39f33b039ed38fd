import { defineLookup } from 'tsible';
import { requireString } from './_shared/errors.js';
import { fetchUrl } from './_shared/http.js';
import { readOptions } from './_shared/options.js';
import { splitLines } from './_shared/text.js';

const options = {
  validate_certs: { type: 'bool', default: true, description: 'Verify the server\'s TLS certificate.' },
  split_lines: { type: 'bool', default: true, description: 'Return the body as a list of lines.' },
  use_proxy: { type: 'bool', default: true, description: 'Accepted for compatibility (proxies from the environment are not used).' },
  username: { type: 'str', description: 'User for HTTP basic authentication.' },
  password: { type: 'str', noLog: true, description: 'Password for HTTP basic authentication.' },
  headers: { type: 'dict', default: {}, description: 'Request headers.' },
  force: { type: 'bool', default: false, description: 'Ask caches not to answer (no-cache).' },
  timeout: { type: 'float', default: 10, description: 'Seconds to wait for the server.' },
  http_agent: { type: 'str', default: 'ansible-httpget', description: 'User-Agent header.' },
  force_basic_auth: { type: 'bool', default: false, description: 'Send credentials without waiting for a 401 challenge.' },
  follow_redirects: { type: 'str', default: 'urllib2', description: '`none`/`no` to stop at redirects; anything else follows them.' },
  use_gssapi: { type: 'bool', default: false, description: 'Not supported; accepted for compatibility.' },
  use_netrc: { type: 'bool', default: true, description: 'Accepted for compatibility (~/.netrc is not read).' },
  unix_socket: { type: 'str', description: 'Connect through this Unix socket.' },
  ca_path: { type: 'str', description: 'CA certificate bundle (PEM) to verify the server with.' },
  unredirected_headers: { type: 'list', elements: 'str', default: [], description: 'Headers not sent again after a redirect.' },
  ciphers: { type: 'list', elements: 'str', description: 'Accepted for compatibility.' },
} as const;

export default defineLookup({
  name: 'url',
  shortDescription: 'return contents from URL',
  description: 'Fetches URLs from the controller (GET, asynchronously) and returns the body, split into lines by default.',
  options,
  examples: `- debug: msg="{{ lookup('url', 'https://example.com/config.txt', split_lines=false) }}"\n`
    + `- debug: msg="{{ lookup('url', 'https://api.example.com/v1', headers={'Authorization': 'Bearer ' ~ token}) }}"`,
  returns: { _list: 'the body of each URL (a list of lines with split_lines)' },
  async run(terms, given, ctx) {
    const o = readOptions(options, given, 'url');
    const headers: Record<string, string> = { 'User-Agent': String(o.http_agent) };
    if (o.force) Object.assign(headers, { 'Cache-Control': 'no-cache', Pragma: 'no-cache' });
    for (const [k, v] of Object.entries(o.headers as Record<string, unknown>)) headers[k] = String(v);
    const follow = !['none', 'no', 'false'].includes(String(o.follow_redirects).toLowerCase());
    const out: string[] = [];
    for (const term of terms) {
      const url = requireString(term);
      ctx.log.verbose(4, `url lookup connecting to ${url}`);
      const { body } = await fetchUrl(url, {
        headers, timeoutMs: Number(o.timeout) * 1000, validateCerts: o.validate_certs as boolean, followRedirects: follow,
        username: o.username as string | undefined, password: o.password as string | undefined,
        forceBasicAuth: o.force_basic_auth as boolean, caPath: o.ca_path as string | undefined,
        unixSocket: o.unix_socket as string | undefined, unredirectedHeaders: o.unredirected_headers as string[], signal: ctx.signal,
      });
      const text = body.toString('utf8');
      if (o.split_lines) out.push(...splitLines(text));
      else out.push(text);
    }
    return out;
  },
});
