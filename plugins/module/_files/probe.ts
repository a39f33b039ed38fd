import { TsibleError } from 'tsible';
import { isStatDialect, type StatDialect } from './shell-lib.js';

/** What one `tsible_probe` call learned about a path on the target. */
export interface RemoteStat {
  exists: boolean;
  /** file, directory, link, fifo, socket, block, char, other. */
  type?: string;
  /** Permission bits as four octal digits, e.g. '0644'. */
  mode?: string;
  uid?: number;
  gid?: number;
  pw_name?: string;
  gr_name?: string;
  size?: number;
  atime?: number;
  mtime?: number;
  ctime?: number;
  inode?: number;
  nlink?: number;
  dev?: number;
  lnk_target?: string;
  lnk_source?: string;
  readable?: boolean;
  writeable?: boolean;
  executable?: boolean;
  checksum?: string;
  content?: Buffer;
  mimetype?: string;
  charset?: string;
  /** Only from an extended probe on GNU stat: st_blocks, st_blksize, st_rdev. */
  blocks?: number;
  block_size?: number;
  device_type?: number;
}

export interface ProbeOutput {
  stats: Map<string, RemoteStat>;
  /** The target shell's umask as an octal number (022 when the script did not report it). */
  umask: number;
  /** The umask, when the script reported it. */
  reportedUmask?: number;
  /** `@id key=value` lines the probe did not interpret (module-specific markers). */
  extra: Map<string, Map<string, string>>;
  /** The stat dialect the script detected (absent when it was told). */
  dialect?: StatDialect;
}

/** The file type in stat's words (GNU `%F` or BSD `%HT`), as Ansible names it. */
export function fileType(text: string): string {
  const t = text.toLowerCase();
  if (t.includes('directory')) return 'directory';
  if (t.includes('symbolic link')) return 'link';
  if (t.includes('regular')) return 'file';
  if (t.includes('fifo')) return 'fifo';
  if (t.includes('socket')) return 'socket';
  if (t.includes('block')) return 'block';
  if (t.includes('character')) return 'char';
  return 'other';
}

/** A stat line; an empty one means stat failed (the path vanished or cannot be examined). */
function applyStatLine(s: RemoteStat, line: string): void {
  if (!line) {
    s.exists = false;
    return;
  }
  s.exists = true;
  const f = line.split('|');
  s.mode = (parseInt(f[0], 8) & 0o7777).toString(8).padStart(4, '0');
  s.uid = Number(f[1]);
  s.gid = Number(f[2]);
  s.pw_name = f[3] === 'UNKNOWN' ? undefined : f[3];
  s.gr_name = f[4] === 'UNKNOWN' ? undefined : f[4];
  s.size = Number(f[5]);
  s.atime = Number(f[6]);
  s.mtime = Number(f[7]);
  s.ctime = Number(f[8]);
  s.inode = Number(f[9]);
  s.nlink = Number(f[10]);
  s.dev = Number(f[11]);
  s.type = fileType(f[12] ?? '');
  const extended = [['blocks', f[13]], ['block_size', f[14]], ['device_type', f[15]]] as const;
  for (const [key, text] of extended) if (text !== undefined && /^\d+$/.test(text)) s[key] = Number(text);
}

/** `file -b --mime` output (`text/plain; charset=us-ascii`) as mimetype and charset. */
function applyMime(s: RemoteStat, value: string): void {
  const at = value.indexOf('; charset=');
  s.mimetype = (at < 0 ? value : value.slice(0, at)) || undefined;
  s.charset = at < 0 ? undefined : value.slice(at + '; charset='.length) || undefined;
}

function toolMissing(what: string): never {
  throw new TsibleError('TSIBLE_MODULE_ARGS', `the target has no ${what}`);
}

function applyField(s: RemoteStat, key: string, value: string): boolean {
  switch (key) {
    case 'exists': s.exists = value === '1'; return true;
    case 'stat': applyStatLine(s, value); return true;
    case 'lnk_target': s.lnk_target = value; return true;
    case 'lnk_source': s.lnk_source = value; return true;
    case 'access':
      [s.readable, s.writeable, s.executable] = [...value].map((c) => c === '1');
      return true;
    case 'checksum':
      if (value === 'MISSING') toolMissing('checksum tool (sha1sum/sha256sum/md5sum, shasum or openssl)');
      s.checksum = digestOf(value);
      return true;
    case 'content':
      if (value === 'MISSING') toolMissing('base64 or openssl to read files');
      s.content = Buffer.from(value, 'base64');
      return true;
    case 'mime': applyMime(s, value); return true;
    default: return false;
  }
}

/** The digest in a checksum tool's line (`<hex>  -`, `<hex> *stdin` or `<hex>`). */
export function digestOf(line: string): string {
  const space = line.indexOf(' ');
  return space < 0 ? line : line.slice(0, space);
}

/** Parses the `@id key=value` lines of a script built from shellLib(). */
export function parseProbe(stdout: string): ProbeOutput {
  const stats = new Map<string, RemoteStat>();
  const extra = new Map<string, Map<string, string>>();
  let umask = 0o022;
  let dialect: StatDialect | undefined;
  let reportedUmask: number | undefined;
  for (const line of stdout.split('\n')) {
    const m = /^@(\S+) ([a-z_0-9]+)=(.*)$/.exec(line);
    if (!m) continue;
    const [, id, key, value] = m;
    if (id === '_' && key === 'umask') {
      umask = parseInt(value, 8) || 0;
      reportedUmask = umask;
      continue;
    }
    if (id === '_' && key === 'dialect') {
      if (isStatDialect(value)) dialect = value;
      continue;
    }
    let s = stats.get(id);
    if (!s && (key === 'exists' || key === 'stat')) stats.set(id, (s = { exists: false }));
    if (s && applyField(s, key, value)) continue;
    if (!extra.has(id)) extra.set(id, new Map());
    extra.get(id)!.set(key, value);
  }
  return { stats, umask, reportedUmask, extra, dialect };
}

/** The stat of `id`, or a not-existing stat when the script did not report it. */
export function statOf(out: ProbeOutput, id: string): RemoteStat {
  return out.stats.get(id) ?? { exists: false };
}
