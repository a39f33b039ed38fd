import { TsibleError } from '../errors.js';

const LETTERS = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ';

/** True when `name` holds a `[begin:end]` range, as in `web[01:20].example.com`. */
export function hasHostRange(name: string): boolean {
  const open = name.indexOf('[');
  const colon = name.indexOf(':', open + 1);
  const close = name.indexOf(']', open + 1);
  return open >= 0 && colon > open && close > colon;
}

function rangeError(name: string, why: string): TsibleError {
  return new TsibleError('TSIBLE_INVENTORY', `invalid host range in '${name}': ${why}`);
}

/** The values of one `[begin:end:step]` bracket: numbers (zero padded like `begin`) or letters. */
function rangeValues(name: string, body: string): string[] {
  const bounds = body.split(':');
  if (bounds.length !== 2 && bounds.length !== 3) throw rangeError(name, 'a range is begin:end or begin:end:step');
  const begin = bounds[0] || '0';
  const end = bounds[1];
  const step = bounds.length === 3 ? Number(bounds[2]) : 1;
  if (!end) throw rangeError(name, 'a range needs an end value');
  if (!Number.isInteger(step) || step <= 0) throw rangeError(name, `bad step '${bounds[2]}'`);
  const width = begin.length > 1 && begin.startsWith('0') ? begin.length : 0;
  if (width && width !== end.length) throw rangeError(name, 'zero-padded begin and end must have the same width');
  const out: string[] = [];
  const b = LETTERS.indexOf(begin);
  const e = LETTERS.indexOf(end);
  if (begin.length === 1 && end.length === 1 && b >= 0 && e >= 0) {
    if (b > e) throw rangeError(name, 'begin must not be after end');
    for (let i = b; i <= e; i += step) out.push(LETTERS[i]);
    return out;
  }
  if (!/^\d+$/.test(begin) || !/^\d+$/.test(end)) throw rangeError(name, `'${body}' is neither a numeric nor a letter range`);
  for (let i = Number(begin); i <= Number(end); i += step) out.push(width ? String(i).padStart(width, '0') : String(i));
  return out;
}

/** Expands every range in a host name: `db[1:3]-[a:b]` → db1-a, db1-b, db2-a, … (Ansible's order). */
export function expandHostRange(name: string): string[] {
  if (!hasHostRange(name)) return [name];
  const open = name.indexOf('[');
  const close = name.indexOf(']', open);
  const head = name.slice(0, open);
  const tail = name.slice(close + 1);
  const out: string[] = [];
  for (const value of rangeValues(name, name.slice(open + 1, close))) out.push(...expandHostRange(head + value + tail));
  return out;
}

export interface HostAddress {
  host: string;
  port?: number;
}

/**
 * Splits `host:port`, `[ipv6]:port` or `[host]:port` (a bare IPv6 address carries no port), leaving
 * range brackets such as `web[01:03]:2222` intact.
 */
export function parseHostAddress(address: string): HostAddress {
  const bracketed = /^\[([^\]]+)\]:(\d+)$/.exec(address);
  if (bracketed) return { host: bracketed[1], port: Number(bracketed[2]) };
  const withPort = /^((?:[^:[\]]|\[[^\]]*\])+):(\d+)$/.exec(address);
  if (withPort) return { host: withPort[1], port: Number(withPort[2]) };
  if (/\s/.test(address) || address === '') {
    throw new TsibleError('TSIBLE_INVENTORY', `not a valid network host name: '${address}'`);
  }
  return { host: address };
}

/** A host entry as written in an inventory (`web[01:03].lan:2222`) → the host names and the port. */
export function expandHostPattern(entry: string): { hosts: string[]; port?: number } {
  const { host, port } = parseHostAddress(entry.trim());
  return { hosts: expandHostRange(host), port };
}
