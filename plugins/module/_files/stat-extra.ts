import type { Vars } from 'tsible';

// lsattr flag letters and the names Ansible reports for them.
const ATTRIBUTE_NAMES: Record<string, string> = {
  A: 'noatime', a: 'append', c: 'compressed', C: 'nocow', d: 'nodump', D: 'dirsync', e: 'extents', E: 'encrypted',
  h: 'blocksize', i: 'immutable', I: 'indexed', j: 'journalled', N: 'inline', s: 'zero', S: 'synchronous', t: 'notail',
  T: 'blockroot', u: 'undelete', X: 'compressedraw', Z: 'compresseddirty',
};

/** Shell printing blocks/block size/device (GNU stat) and `lsattr -vd` for the stat module. */
export function statExtraScript(quotedPath: string, follow: boolean, attributes: boolean): string {
  const lines = [`if [ "$TSIBLE_STAT_OPT" = -c ]; then echo "@x blocks=$(stat ${follow ? '-L ' : ''}-c '%b|%o|%r' -- ${quotedPath} 2>/dev/null)"; fi`];
  if (attributes) lines.push(`if command -v lsattr >/dev/null 2>&1 && [ ! -L ${quotedPath} ]; then echo "@x lsattr=$(lsattr -vd -- ${quotedPath} 2>/dev/null)"; fi`);
  return lines.join('\n');
}

/** The fields statExtraScript found: blocks, block_size, device_type, version, attributes, attr_flags. */
export function parseStatExtra(extra: Map<string, string> | undefined): Vars {
  const out: Vars = {};
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
