import { createHash, createHmac } from 'node:crypto';
import { appendFileSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import { matchesPatternList } from './ssh-config.js';

export type HostKeyStatus = 'match' | 'mismatch' | 'unknown' | 'revoked';

export interface HostKeyCheck {
  status: HostKeyStatus;
  /** Where the conflicting (or matching) entry is, for the error message. */
  where?: string;
}

interface Entry { marker?: string; hosts: string; type: string; key: string; where: string; order: number }

/**
 * A file's entries, with those naming hosts literally found by name: a known_hosts with thousands
 * of lines is otherwise matched line by line for every host of a run.
 */
interface EntryIndex { byName: Map<string, Entry[]>; patterned: Entry[] }

/** The name known_hosts uses for a host: `host`, or `[host]:port` when the port is not 22. */
export function knownHostsName(host: string, port: number): string {
  return port === 22 ? host : `[${host}]:${port}`;
}

/** The key type inside an SSH public key blob (`ssh-ed25519`, `ecdsa-sha2-nistp256`, …). */
export function keyTypeOf(blob: Buffer): string {
  const length = blob.readUInt32BE(0);
  return blob.subarray(4, 4 + length).toString('latin1');
}

/** `SHA256:…` exactly as OpenSSH prints a fingerprint. */
export function fingerprintOf(blob: Buffer): string {
  return `SHA256:${createHash('sha256').update(blob).digest('base64').replace(/=+$/, '')}`;
}

/** Checks a presented host key against known_hosts files (hashed names, patterns, @revoked). */
export function checkHostKey(files: string[], host: string, port: number, blob: Buffer, cache?: Map<string, unknown>): HostKeyCheck {
  const entries = entriesFor(files, host, port, cache);
  const type = keyTypeOf(blob);
  const key = blob.toString('base64');
  const revoked = entries.find((e) => e.marker === '@revoked' && e.key === key);
  if (revoked) return { status: 'revoked', where: revoked.where };
  const plain = entries.filter((e) => !e.marker);
  const match = plain.find((e) => e.key === key);
  if (match) return { status: 'match', where: match.where };
  const sameType = plain.find((e) => e.type === type);
  if (sameType) return { status: 'mismatch', where: sameType.where };
  return { status: 'unknown' };
}

/** Key types known for the host, so the handshake can prefer a host key algorithm we can verify. */
export function knownKeyTypes(files: string[], host: string, port: number, cache?: Map<string, unknown>): string[] {
  return [...new Set(entriesFor(files, host, port, cache).filter((e) => !e.marker).map((e) => e.type))];
}

/** Appends a line for a newly accepted host (StrictHostKeyChecking=accept-new). */
export function rememberHostKey(file: string, host: string, port: number, blob: Buffer): void {
  mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
  appendFileSync(file, `${knownHostsName(host, port)} ${keyTypeOf(blob)} ${blob.toString('base64')}\n`, { mode: 0o600 });
}

function entriesFor(files: string[], host: string, port: number, cache?: Map<string, unknown>): Entry[] {
  const name = knownHostsName(host, port);
  return files.flatMap((file) => {
    const index = cachedEntries(file, cache);
    const named = index.byName.get(name.toLowerCase()) ?? [];
    const matched = index.patterned.filter((e) => hostsMatch(e.hosts, name));
    return matched.length ? [...named, ...matched].sort((a, b) => a.order - b.order) : named;
  });
}

function indexEntries(entries: Entry[]): EntryIndex {
  const index: EntryIndex = { byName: new Map(), patterned: [] };
  for (const entry of entries) {
    if (entry.hosts.startsWith('|') || /[*?!]/.test(entry.hosts)) {
      index.patterned.push(entry);
      continue;
    }
    for (const name of new Set(entry.hosts.toLowerCase().split(',').filter(Boolean))) {
      const list = index.byName.get(name);
      if (list) list.push(entry);
      else index.byName.set(name, [entry]);
    }
  }
  return index;
}

/** Parsed once per run and file version: a big known_hosts is otherwise re-read for every host. */
function cachedEntries(file: string, cache?: Map<string, unknown>): EntryIndex {
  let key: string;
  try {
    const stat = statSync(file);
    key = `known_hosts\0${file}\0${stat.mtimeMs}\0${stat.size}`;
  } catch {
    return { byName: new Map(), patterned: [] };
  }
  const hit = cache?.get(key) as EntryIndex | undefined;
  if (hit) return hit;
  const index = indexEntries(readEntries(file));
  cache?.set(key, index);
  return index;
}

function readEntries(file: string): Entry[] {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return [];
  }
  const entries: Entry[] = [];
  text.split(/\r?\n/).forEach((line, index) => {
    const fields = line.trim().split(/\s+/);
    if (!fields[0] || fields[0].startsWith('#')) return;
    const marker = fields[0].startsWith('@') ? fields.shift() : undefined;
    if (fields.length < 3) return;
    entries.push({ marker, hosts: fields[0]!, type: fields[1]!, key: fields[2]!, where: `${file}:${index + 1}`, order: index });
  });
  return entries;
}

function hostsMatch(hosts: string, name: string): boolean {
  if (hosts.startsWith('|1|')) {
    const [, , salt, hash] = hosts.split('|');
    if (!salt || !hash) return false;
    return createHmac('sha1', Buffer.from(salt, 'base64')).update(name).digest('base64') === hash;
  }
  return matchesPatternList(name, hosts.split(','));
}
