import type { ModuleContext } from 'tsible';
import type { RemoteStat } from './probe.js';

/**
 * Shell that stats many paths with one `stat` process and checksums the regular files with one
 * `sha1sum` process (copying a tree of hundreds of files would otherwise fork thousands of times).
 * Lines: `@bs <stat fields>|<path>` and `@bh <sha1>  <path>`.
 */
export function batchStatScript(ctx: ModuleContext<unknown>, paths: string[], follow: boolean): string {
  if (!paths.length) return ':';
  const args = paths.map(ctx.quote).join(' ');
  return [
    'tsible_dialect',
    `stat ${follow ? '-L ' : ''}$TSIBLE_STAT_OPT "@bs $TSIBLE_STAT_FMT|$TSIBLE_STAT_NAME" -- ${args} 2>/dev/null`,
    `tsible_sums ${args} | sed 's/^/@bh /'`,
  ].join('\n');
}

function fileType(text: string): string {
  const t = text.toLowerCase();
  if (t.includes('directory')) return 'directory';
  if (t.includes('symbolic link')) return 'link';
  if (t.includes('regular')) return 'file';
  return 'other';
}

/** path → stat (with sha1 for regular files) from batchStatScript's output; missing paths are absent. */
export function parseBatchStat(stdout: string): Map<string, RemoteStat> {
  const out = new Map<string, RemoteStat>();
  for (const line of stdout.split('\n')) {
    if (line.startsWith('@bs ')) {
      const f = line.slice(4).split('|');
      out.set(f.slice(13).join('|'), {
        exists: true, mode: (parseInt(f[0], 8) & 0o7777).toString(8).padStart(4, '0'), uid: Number(f[1]), gid: Number(f[2]),
        pw_name: f[3], gr_name: f[4], size: Number(f[5]), mtime: Number(f[7]), type: fileType(f[12]),
      });
    }
  }
  for (const line of stdout.split('\n')) {
    const m = /^@bh ([0-9a-f]{40}) [ *](.*)$/.exec(line);
    const st = m ? out.get(m[2]) : undefined;
    if (st && m) st.checksum = m[1];
  }
  return out;
}
