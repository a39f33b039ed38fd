import { shellQuote } from 'tsible';

export const HANDLERS: Record<string, string> = { zip: 'ZipArchive', gz: 'TgzArchive', tar: 'TarArchive', bz2: 'TarBzipArchive', xz: 'TarXzArchive' };
const TAR_FLAG: Record<string, string> = { gz: '-z', bz2: '-j', xz: '-J', tar: '' };
const TOOLS: Record<string, string[]> = { zip: ['unzip'], gz: ['tar', 'gzip'], bz2: ['tar', 'bzip2'], xz: ['tar', 'xz'], tar: ['tar'] };

export interface UnarchivePlan {
  archive: string;
  dest: string;
  check: boolean;
  listFiles: boolean;
  extraOpts: string[];
  exclude: string[];
  include: string[];
  /** Commands applying owner/group/mode to "$tsible_d/$tsible_m" for every member. */
  attrCommands: string[];
  /** Which attributes the task sets (their differences then do not count, as in Ansible). */
  sets: { owner: boolean; group: boolean; mode: boolean };
}

/**
 * `tar --diff` lines that mean "not unarchived yet", as Ansible's TgzArchive reads them: times,
 * missing files, bad owners; uid/gid only for root without owner/group; mode without mode.
 */
function tarDiffVerdict(p: UnarchivePlan): string[] {
  const base = ': Mod time differs$|: Warning: Cannot stat: No such file or directory$|: Invalid owner|: Invalid group';
  return [
    `tsible_pat='${base}${p.sets.mode ? '' : '|: Mode differs$'}'`,
    p.sets.owner ? '' : 'if [ "$(id -u)" = 0 ]; then tsible_pat="$tsible_pat|: Uid differs\$"; fi',
    p.sets.group ? '' : 'if [ "$(id -u)" = 0 ]; then tsible_pat="$tsible_pat|: Gid differs\$"; fi',
    'printf \'%s\\n\' "$tsible_diff" | grep -v \': : Warning: Cannot stat\' | grep -Eq "$tsible_pat" || tsible_same=1',
  ].filter(Boolean);
}

/** Detects the format from the magic bytes (od is POSIX) and checks the tools it needs. */
function detect(): string {
  const tools = Object.entries(TOOLS).map(([k, t]) => `${k}) tsible_need='${t.join(' ')}';;`).join(' ');
  return [
    'tsible_magic=$(od -An -tx1 -N6 "$tsible_a" 2>/dev/null | tr -d \' \\n\')',
    'case $tsible_magic in 504b0304*) tsible_k=zip;; 1f8b*) tsible_k=gz;; 425a68*) tsible_k=bz2;; fd377a585a00*) tsible_k=xz;; *) tsible_k=tar;; esac',
    'echo "@u kind=$tsible_k"',
    `case $tsible_k in ${tools} esac`,
    'for tsible_tool in $tsible_need; do command -v $tsible_tool >/dev/null 2>&1 || { echo "@u missing=$tsible_tool"; exit 0; }; done',
  ].join('\n');
}

function memberList(p: UnarchivePlan): string {
  const q = shellQuote;
  const pick = [...p.include.map((i) => q(i))].join(' ');
  return `if [ $tsible_k = zip ]; then unzip -Z1 "$tsible_a" ${pick}; else tar -t ${'$tsible_z'} -f "$tsible_a" ${pick}; fi 2>/dev/null`;
}

/** Shell that decides whether dest already holds the archive's content ("$tsible_same" = 1). */
function compare(p: UnarchivePlan): string {
  const q = shellQuote;
  const extra = p.extraOpts.map(q).join(' ');
  const tarEx = p.exclude.map((e) => `--exclude=${q(e)}`).join(' ');
  const zipEx = p.exclude.length ? `-x ${p.exclude.map(q).join(' ')}` : '';
  return [
    'tsible_same=0',
    'if [ $tsible_k = zip ]; then',
    `  tsible_x=$(mktemp -d) && unzip -qq -o ${extra} "$tsible_a" ${p.include.map(q).join(' ')} ${zipEx} -d "$tsible_x" >/dev/null 2>&1 && tsible_same=1`,
    '  if [ $tsible_same = 1 ]; then',
    '    ( cd "$tsible_x" && find . ! -type d ) > "$tsible_x.list"',
    '    while IFS= read -r tsible_m; do cmp -s "$tsible_x/$tsible_m" "$tsible_d/$tsible_m" || { tsible_same=0; break; }; done < "$tsible_x.list"',
    '    rm -f "$tsible_x.list"',
    '  fi',
    '  rm -rf "$tsible_x"',
    'else',
    `  tsible_diff=$(LC_ALL=C tar -C "$tsible_d" -d ${'$tsible_z'} ${tarEx} ${extra} -f "$tsible_a" ${p.include.map(q).join(' ')} 2>&1)`,
    ...tarDiffVerdict(p).map((l) => `  ${l}`),
    'fi',
  ].join('\n');
}

function extract(p: UnarchivePlan): string {
  const q = shellQuote;
  const extra = p.extraOpts.map(q).join(' ');
  const tarEx = p.exclude.map((e) => `--exclude=${q(e)}`).join(' ');
  const zipEx = p.exclude.length ? `-x ${p.exclude.map(q).join(' ')}` : '';
  const zipCmd = `unzip -o ${extra} "$tsible_a" ${p.include.map(q).join(' ')} ${zipEx} -d "$tsible_d"`;
  const tarCmd = `tar -C "$tsible_d" -x ${'$tsible_z'} ${tarEx} ${extra} -f "$tsible_a" ${p.include.map(q).join(' ')}`;
  return [
    `if [ $tsible_k = zip ]; then tsible_cmd=${q(zipCmd)}; else tsible_cmd=${q(tarCmd)}; fi`,
    'echo "@u cmd=$tsible_cmd"',
    'eval "$tsible_cmd" > "$tsible_d/.tsible-out.$$" 2> "$tsible_d/.tsible-err.$$"; tsible_rc=$?',
    'echo "@u rc=$tsible_rc"; echo "@u out=$(tsible_b64 "$tsible_d/.tsible-out.$$")"; echo "@u err=$(tsible_b64 "$tsible_d/.tsible-err.$$")"',
    'rm -f "$tsible_d/.tsible-out.$$" "$tsible_d/.tsible-err.$$"',
    '[ $tsible_rc = 0 ] || exit 0',
  ].join('\n');
}

/** The whole unarchive step in one script: detect, list, compare, extract, fix attributes. */
export function unarchiveScript(p: UnarchivePlan): string {
  const tarFlag = Object.entries(TAR_FLAG).map(([k, f]) => `${k}) tsible_z='${f}';;`).join(' ');
  return [
    `tsible_a=${shellQuote(p.archive)}; tsible_d=${shellQuote(p.dest)}`,
    '[ -d "$tsible_d" ] || { echo "@u nodest=1"; exit 0; }',
    '[ -r "$tsible_a" ] || { echo "@u nosrc=1"; exit 0; }',
    detect(),
    `tsible_z=; case $tsible_k in ${tarFlag} zip) ;; esac`,
    p.listFiles ? `${memberList(p)} | while IFS= read -r tsible_m; do echo "@l path=$tsible_m"; done` : '',
    compare(p),
    'echo "@u same=$tsible_same"',
    p.check ? 'exit 0' : '[ $tsible_same = 1 ] || {',
    p.check ? '' : extract(p),
    p.check ? '' : '}',
    p.attrCommands.length ? `${memberList(p)} | while IFS= read -r tsible_m; do ${p.attrCommands.join('; ')}; done` : '',
  ].filter(Boolean).join('\n');
}
