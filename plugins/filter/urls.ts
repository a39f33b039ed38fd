/** Ansible's URL filters: urlsplit and urldecode. */
import { TsibleError, defineFilters, pyStr, type FilterFunction } from 'tsible';

function urlsplit(value: unknown, query?: unknown): unknown {
  const s = pyStr(value);
  const m = /^(?:([A-Za-z][A-Za-z0-9+.-]*):)?(?:\/\/([^/?#]*))?([^?#]*)(?:\?([^#]*))?(?:#(.*))?$/.exec(s)!;
  const netloc = m[2] ?? '';
  const auth = netloc.includes('@') ? netloc.slice(0, netloc.lastIndexOf('@')) : null;
  const hostport = netloc.includes('@') ? netloc.slice(netloc.lastIndexOf('@') + 1) : netloc;
  const hp = /^(\[[^\]]*\]|[^:]*)(?::(\d*))?$/.exec(hostport);
  const parts: Record<string, unknown> = {
    fragment: m[5] ?? '',
    hostname: hp && hp[1] ? hp[1].replace(/^\[|\]$/g, '').toLowerCase() : null,
    netloc,
    password: auth && auth.includes(':') ? auth.slice(auth.indexOf(':') + 1) : null,
    path: m[3] ?? '',
    port: hp && hp[2] ? Number(hp[2]) : null,
    query: m[4] ?? '',
    scheme: (m[1] ?? '').toLowerCase(),
    username: auth === null ? null : auth.includes(':') ? auth.slice(0, auth.indexOf(':')) : auth,
  };
  if (query === undefined || query === null || query === '') return parts;
  if (!(String(query) in parts)) throw new TsibleError('TSIBLE_TEMPLATE', `urlsplit: unknown URL component: ${String(query)}`);
  return parts[String(query)];
}

const filters: Record<string, FilterFunction> = {
  urlsplit,
  urldecode: (value) => decodeURIComponent(pyStr(value).replace(/\+/g, ' ')),
};

export default defineFilters({ name: 'urls', filters });
