import { posix } from 'node:path';
import type { ModuleContext } from 'tsible';
import { fileType, type RemoteStat } from './probe.js';
import { runScript } from './remote.js';

export interface Listed { path: string; name: string; depth: number; st: RemoteStat }

export interface Listing {
  now: number;
  entries: Listed[];
  /** Paths that are not directories (or could not be read), with the reason. */
  skipped: Record<string, string>;
}

const GNU_FMT = '%a|%u|%g|%U|%G|%s|%X|%Y|%Z|%i|%h|%d|%F|%n';
const GNU_FMT_NS = '%a|%u|%g|%U|%G|%s|%.9X|%.9Y|%.9Z|%i|%h|%d|%F|%n';
const BSD_FMT = '%Mp%Lp|%u|%g|%Su|%Sg|%z|%a|%m|%c|%i|%l|%d|%HT|%N';


function parseLine(line: string): { path: string; st: RemoteStat } {
  const f = line.split('|');
  const st: RemoteStat = {
    exists: true, mode: (parseInt(f[0], 8) & 0o7777).toString(8).padStart(4, '0'), uid: Number(f[1]), gid: Number(f[2]),
    pw_name: f[3] === 'UNKNOWN' ? '' : f[3], gr_name: f[4] === 'UNKNOWN' ? '' : f[4], size: Number(f[5]), atime: Number(f[6]),
    mtime: Number(f[7]), ctime: Number(f[8]), inode: Number(f[9]), nlink: Number(f[10]), dev: Number(f[11]), type: fileType(f[12]),
  };
  return { path: f.slice(13).join('|'), st };
}

/** One script: `find` under every path (lstat of each entry), plus the target's clock. */
export async function listTrees(ctx: ModuleContext<unknown>, paths: string[], opts: { maxDepth?: number; follow: boolean }): Promise<Listing> {
  const lines = [
    `if stat -c %a / >/dev/null 2>&1; then case $(stat -c %.9Y / 2>/dev/null) in *.*) set -- -c '@e ${GNU_FMT_NS}';; *) set -- -c '@e ${GNU_FMT}';; esac; else set -- -f '@e ${BSD_FMT}'; fi`,
    'echo "@_ now=$(date +%s)"',
  ];
  paths.forEach((p, i) => {
    const q = ctx.quote(p);
    const depth = opts.maxDepth === undefined ? '' : `-maxdepth ${opts.maxDepth} `;
    lines.push(`if [ -d ${q} ]; then echo "@p${i} ok=1"; find ${opts.follow ? '-L ' : ''}${q} -mindepth 1 ${depth}-exec stat "$@" {} + 2>/dev/null; `
      + `echo "@p${i} done=1"; else echo "@p${i} ok=0"; fi`);
  });
  const run = await runScript(ctx, lines.join('\n'));
  const out: Listing = { now: Number(run.extra.get('_')?.get('now') ?? Date.now() / 1000), entries: [], skipped: {} };
  let current = -1;
  for (const line of run.stdout.split('\n')) {
    const section = /^@p(\d+) ok=1$/.exec(line);
    if (section) current = Number(section[1]);
    if (!line.startsWith('@e ') || current < 0) continue;
    const { path, st } = parseLine(line.slice(3));
    const root = paths[current].replace(/\/+$/, '') || '/';
    const rel = posix.relative(root, path);
    out.entries.push({ path: posix.normalize(path), name: posix.basename(path), depth: rel.split('/').length, st });
  }
  paths.forEach((p, i) => {
    if (run.extra.get(`p${i}`)?.get('ok') !== '1') out.skipped[p] = `'${p}' is not a directory`;
  });
  return out;
}
