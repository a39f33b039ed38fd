import { request as httpRequest, type IncomingMessage, type RequestOptions } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { readFileSync } from 'node:fs';
import { STATUS_CODES } from 'node:http';
import { lookupError } from './errors.js';

export interface FetchOptions {
  headers: Record<string, string>;
  timeoutMs: number;
  validateCerts: boolean;
  followRedirects: boolean;
  username?: string;
  password?: string;
  forceBasicAuth: boolean;
  caPath?: string;
  unixSocket?: string;
  unredirectedHeaders: string[];
  signal?: AbortSignal;
}

export interface FetchResult {
  status: number;
  body: Buffer;
}

const MAX_REDIRECTS = 10;

function basic(user: string, pass = ''): string {
  return `Basic ${Buffer.from(`${user}:${pass}`).toString('base64')}`;
}

function once(url: URL, o: FetchOptions, headers: Record<string, string>): Promise<{ res: IncomingMessage; body: Buffer }> {
  const options: RequestOptions & { rejectUnauthorized?: boolean; ca?: Buffer } = {
    method: 'GET', headers, timeout: o.timeoutMs, signal: o.signal,
  };
  if (o.unixSocket) options.socketPath = o.unixSocket;
  if (url.protocol === 'https:') {
    options.rejectUnauthorized = o.validateCerts;
    if (o.caPath) options.ca = readFileSync(o.caPath);
  }
  const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const req = send(url, options, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ res, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    });
    req.on('timeout', () => req.destroy(new Error('The read operation timed out')));
    req.on('error', reject);
    req.end();
  });
}

/** GET with Ansible's open_url behaviour: redirects, basic auth on challenge (or forced), HTTP errors as failures. */
export async function fetchUrl(target: string, o: FetchOptions): Promise<FetchResult> {
  let url: URL;
  try {
    url = new URL(target);
  } catch {
    throw lookupError(`Failed lookup url for ${target} : unknown url type: '${target}'`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw lookupError(`Failed lookup url for ${target} : unknown url type: ${url.protocol}`);
  const headers: Record<string, string> = { ...o.headers };
  if (o.username !== undefined && o.forceBasicAuth) headers.Authorization = basic(o.username, o.password);
  for (let hop = 0; ; hop++) {
    let reply: { res: IncomingMessage; body: Buffer };
    try {
      reply = await once(url, o, headers);
    } catch (err) {
      throw lookupError(`Failed lookup url for ${target} : <urlopen error ${(err as Error).message}>`, err);
    }
    const status = reply.res.statusCode ?? 0;
    const challenge = String(reply.res.headers['www-authenticate'] ?? '');
    if (status === 401 && o.username !== undefined && !headers.Authorization && /^basic/i.test(challenge)) {
      headers.Authorization = basic(o.username, o.password);
      continue;
    }
    const location = reply.res.headers.location;
    if (status >= 300 && status < 400 && location && o.followRedirects && hop < MAX_REDIRECTS) {
      url = new URL(location, url);
      for (const h of o.unredirectedHeaders) for (const k of Object.keys(headers)) if (k.toLowerCase() === h.toLowerCase()) delete headers[k];
      continue;
    }
    if (status >= 400 || (status >= 300 && status < 400)) {
      throw lookupError(`Received HTTP error for ${target} : HTTP Error ${status}: ${reply.res.statusMessage ?? STATUS_CODES[status] ?? ''}`);
    }
    return { status, body: reply.body };
  }
}
