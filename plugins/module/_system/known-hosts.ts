import { createHmac, randomBytes } from 'node:crypto';

interface Entry { hosts: string; type: string; blob: string }

function entryOf(line: string): Entry | undefined {
  const t = line.trim();
  if (!t || t.startsWith('#')) return undefined;
  const f = t.split(/\s+/);
  const off = f[0].startsWith('@') ? 1 : 0;
  if (f.length < off + 3) return undefined;
  return { hosts: f[off], type: f[off + 1], blob: f[off + 2] };
}

/** Whether a host field (plain list or OpenSSH-hashed `|1|salt|hmac`) names `host`. */
export function hostMatches(field: string, host: string): boolean {
  const hashed = /^\|1\|([^|]+)\|(.+)$/.exec(field);
  if (hashed) return createHmac('sha1', Buffer.from(hashed[1], 'base64')).update(host).digest('base64') === hashed[2];
  return field.split(',').includes(host);
}

export function hashHost(host: string): string {
  const salt = randomBytes(20);
  return `|1|${salt.toString('base64')}|${createHmac('sha1', salt).update(host).digest('base64')}`;
}

/** Ansible's check that the key line is for the host given in name. */
export function keyNamesHost(key: string, host: string): string | undefined {
  const e = entryOf(key);
  if (!e) return 'Invalid key specified';
  if (e.hosts.startsWith('|1|')) return hostMatches(e.hosts, host) ? undefined : 'Host parameter does not match hashed host field in supplied key';
  return e.hosts.split(',').includes(host) ? undefined : 'Host parameter does not match host in supplied key';
}

/** The known_hosts content after the change, or undefined when it is already as wanted. */
export function editKnownHosts(content: string, host: string, key: string | undefined, hash: boolean): string | undefined {
  const lines = content === '' ? [] : content.replace(/\n$/, '').split('\n');
  const wanted = key ? entryOf(key) : undefined;
  let found = false;
  const kept: string[] = [];
  let removed = false;
  for (const l of lines) {
    const e = entryOf(l);
    if (!e || !hostMatches(e.hosts, host)) { kept.push(l); continue; }
    if (!wanted) { removed = true; continue; }
    if (e.type !== wanted.type) { kept.push(l); continue; }
    if (e.blob === wanted.blob && !found) { found = true; kept.push(l); continue; }
    removed = true;
  }
  if (wanted && !found) {
    const rest = key!.trim().split(/\s+/).slice(1).join(' ');
    kept.push(hash ? `${hashHost(host)} ${rest}` : key!.trim());
  } else if (!removed) return undefined;
  return kept.length ? `${kept.join('\n')}\n` : '';
}
