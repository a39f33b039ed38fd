import type { Vars } from 'tsible';
import type { RemoteStat } from './probe.js';

// lsattr flag letters and the names Ansible reports for them.
const ATTRIBUTE_NAMES: Record<string, string> = {
  A: 'noatime', a: 'append', c: 'compressed', C: 'nocow', d: 'nodump', D: 'dirsync', e: 'extents', E: 'encrypted',
  h: 'blocksize', i: 'immutable', I: 'indexed', j: 'journalled', N: 'inline', s: 'zero', S: 'synchronous', t: 'notail',
  T: 'blockroot', u: 'undelete', X: 'compressedraw', Z: 'compresseddirty',
};

/**
 * Shell for what the stat module adds to an extended probe: blocks/block size/device where the
 * probe's stat line could not carry them (GNU stat without nanosecond times, e.g. BusyBox), and
 * `lsattr -vd`.
 */
export function statExtraScript(quotedPath: string, follow: boolean, attributes: boolean): string {
  const lines = [`tsible_dialect; if [ "$TSIBLE_STAT_OPT" = -c ] && [ "$TSIBLE_STAT_XFMT" = "$TSIBLE_STAT_FMT" ]; then echo "@x blocks=$(stat ${follow ? '-L ' : ''}-c '%b|%o|%r' -- ${quotedPath} 2>/dev/null)"; fi`];
  if (attributes) lines.push(`if command -v lsattr >/dev/null 2>&1 && [ ! -L ${quotedPath} ]; then printf '@x lsattr='; lsattr -vd -- ${quotedPath} 2>/dev/null || echo; fi`);
  return lines.join('\n');
}

/** blocks, block_size, device_type (from the stat line or statExtraScript), version, attributes, attr_flags. */
export function parseStatExtra(st: RemoteStat, extra: Map<string, string> | undefined): Vars {
  const out: Vars = {};
  for (const key of ['blocks', 'block_size', 'device_type'] as const) if (st[key] !== undefined) out[key] = st[key];
  const [blocks, blockSize, device] = (extra?.get('blocks') ?? '').split('|');
  for (const [key, text] of [['blocks', blocks], ['block_size', blockSize], ['device_type', device]] as const) {
    if (text !== undefined && /^\d+$/.test(text)) out[key] = Number(text);
  }
  const lsattr = /^(\S+)\s+(\S+)\s/.exec(extra?.get('lsattr') ?? '');
  if (lsattr) {
    const flags = lsattr[2].replace(/-/g, '');
    out.version = lsattr[1];
    out.attr_flags = flags;
    out.attributes = [...flags].map((f) => ATTRIBUTE_NAMES[f]).filter(Boolean);
  }
  return out;
}
