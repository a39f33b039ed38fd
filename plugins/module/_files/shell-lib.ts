/**
 * POSIX sh functions shared by the file modules. A module's remote script starts with this
 * prelude and then calls the functions, so everything it needs to know about the target comes
 * back from one round trip as `@id key=value` lines (parsed by probe.ts).
 *
 * Every process started on the target costs about a millisecond of its CPU, and a busy target
 * runs dozens per task, so the functions print their findings directly (`printf '@id key='; tool`)
 * rather than capturing them in `$(...)`, which would fork a subshell for each value.
 *
 * - tsible_stat FOLLOW PATH [x]: one `|`-separated line (GNU `stat -c` with nanosecond times
 *   where supported, else BSD `stat -f`); `x` adds the extended fields where the dialect has them.
 * - tsible_dialect: makes sure the stat variables are confirmed (for scripts that call `stat`
 *   with them directly).
 * - tsible_sum ALGO PATH: the checksum tool's line for PATH (`<hex>  -`, `<hex> *stdin` or
 *   `<hex>`; the first word is the digest); MISSING when the target has none of the tools.
 * - tsible_sums PATH...: `sha1  path` lines for many files with one process where possible.
 * - tsible_b64 PATH: the file as one base64 line (base64, else openssl), without a newline.
 * - tsible_exists ID PATH: `@ID exists=0|1` using only shell built-ins.
 * - tsible_probe ID PATH FOLLOW ALGO CONTENT MIME [EXTENDED]: what stat/copy/file need about PATH;
 *   CONTENT is 0 (no content), 1 (content) or a byte limit above which the content is left out;
 *   EXTENDED adds blocks, block size and device number (GNU stat with nanosecond times only).
 */

/** How the target's `stat` is called: GNU with nanosecond times, GNU/BusyBox without, or BSD. */
export type StatDialect = 'gnu9' | 'gnu' | 'bsd';

const STAT_FIELDS = '%a|%u|%g|%U|%G|%s';
const DIALECT_VARS: Record<StatDialect, string> = {
  gnu9: `TSIBLE_STAT_OPT=-c; TSIBLE_STAT_NAME=%n; TSIBLE_STAT_FMT='${STAT_FIELDS}|%.9X|%.9Y|%.9Z|%i|%h|%d|%F'; TSIBLE_STAT_XFMT="$TSIBLE_STAT_FMT|%b|%o|%r"`,
  // BusyBox and old coreutils: the extra fields are asked for separately (stat-extra.ts), as an
  // unknown directive must not cost the whole stat line.
  gnu: `TSIBLE_STAT_OPT=-c; TSIBLE_STAT_NAME=%n; TSIBLE_STAT_FMT='${STAT_FIELDS}|%X|%Y|%Z|%i|%h|%d|%F'; TSIBLE_STAT_XFMT=$TSIBLE_STAT_FMT`,
  bsd: "TSIBLE_STAT_OPT=-f; TSIBLE_STAT_NAME=%N; TSIBLE_STAT_FMT='%Mp%Lp|%u|%g|%Su|%Sg|%z|%a|%m|%c|%i|%l|%d|%HT'; TSIBLE_STAT_XFMT=$TSIBLE_STAT_FMT",
};

export function isStatDialect(value: unknown): value is StatDialect {
  return value === 'gnu9' || value === 'gnu' || value === 'bsd';
}

/**
 * Sets the stat variables. When an earlier script on this connection reported the dialect, they
 * are set directly. Otherwise the script starts by assuming GNU stat with nanosecond times, and the
 * first tsible_stat checks its own line: a time with a fraction confirms it (no process spent on
 * asking), anything else makes tsible_dialect ask `stat` about `/` (GNU prints the time, BSD stat
 * fails) and stat again. The answer is reported as `@_ dialect=…` for the next scripts.
 */
function dialectPrelude(known: StatDialect | undefined): string {
  if (known) return `TSIBLE_STAT_DIALECT=${known}; ${DIALECT_VARS[known]}\ntsible_dialect() { :; }`;
  return [
    `TSIBLE_STAT_DIALECT=; ${DIALECT_VARS.gnu9}`,
    'tsible_dialect() {',
    '  [ -n "$TSIBLE_STAT_DIALECT" ] && return 0',
    '  case $(stat -c %.9Y / 2>/dev/null) in',
    `    *.*) TSIBLE_STAT_DIALECT=gnu9; ${DIALECT_VARS.gnu9} ;;`,
    `    ?*) TSIBLE_STAT_DIALECT=gnu; ${DIALECT_VARS.gnu} ;;`,
    `    *) TSIBLE_STAT_DIALECT=bsd; ${DIALECT_VARS.bsd} ;;`,
    '  esac',
    '  echo "@_ dialect=$TSIBLE_STAT_DIALECT"',
    '}',
    // Prints the line, then the report on a line of its own (callers print `@id stat=` first).
    'tsible_stat_learn() {',
    '  if tsible_l=$(tsible_stat_as "$@" 2>/dev/null); then',
    "    case $tsible_l in *'|'*'|'*'|'*'|'*'|'*'|'*.*) TSIBLE_STAT_DIALECT=gnu9 ;; esac",
    '  fi',
    '  if [ -z "$TSIBLE_STAT_DIALECT" ]; then tsible_dialect >/dev/null; tsible_l=$(tsible_stat_as "$@") || return 1; fi',
    '  printf \'%s\\n@_ dialect=%s\\n\' "$tsible_l" "$TSIBLE_STAT_DIALECT"',
    '}',
  ].join('\n');
}

const FUNCTIONS = String.raw`
tsible_stat_as() {
  if [ "$3" = x ]; then tsible_sf=$TSIBLE_STAT_XFMT; else tsible_sf=$TSIBLE_STAT_FMT; fi
  if [ "$1" = 1 ]; then stat -L $TSIBLE_STAT_OPT "$tsible_sf" -- "$2"
  else stat $TSIBLE_STAT_OPT "$tsible_sf" -- "$2"; fi
}
tsible_stat() {
  if [ -n "$TSIBLE_STAT_DIALECT" ]; then tsible_stat_as "$@"; else tsible_stat_learn "$@"; fi
}
tsible_sum() {
  if command -v "$1sum" >/dev/null 2>&1; then "$1sum" < "$2"
  elif [ "$1" != md5 ] && command -v shasum >/dev/null 2>&1; then shasum -a "${'${1#sha}'}" < "$2"
  elif command -v openssl >/dev/null 2>&1; then openssl dgst -"$1" -r < "$2"
  elif [ "$1" = md5 ] && command -v md5 >/dev/null 2>&1; then md5 -q < "$2"
  else echo MISSING; fi
}
tsible_sums() {
  if command -v sha1sum >/dev/null 2>&1; then sha1sum -- "$@"
  elif command -v shasum >/dev/null 2>&1; then shasum -a 1 -- "$@"
  else for tsible_f; do [ -f "$tsible_f" ] && tsible_h=$(tsible_sum sha1 "$tsible_f") && echo "${'${tsible_h%% *}'}  $tsible_f"; done; fi 2>/dev/null
}
tsible_b64() {
  if command -v base64 >/dev/null 2>&1; then base64 -w 0 < "$1" 2>/dev/null || base64 < "$1" | tr -d '\n'
  elif command -v openssl >/dev/null 2>&1; then openssl base64 -A < "$1"
  else printf MISSING; fi
}
tsible_b64d() {
  if ! command -v base64 >/dev/null 2>&1; then openssl base64 -d
  elif [ "$TSIBLE_STAT_DIALECT" = gnu9 ] || [ "$TSIBLE_STAT_DIALECT" = gnu ] || base64 -d </dev/null >/dev/null 2>&1; then base64 -d
  else base64 -D; fi
}
tsible_exists() {
  if [ -e "$2" ] || [ -L "$2" ]; then echo "@$1 exists=1"; else echo "@$1 exists=0"; fi
}
tsible_probe() {
  if [ ! -e "$2" ] && [ ! -L "$2" ]; then echo "@$1 exists=0"; return 0; fi
  if [ "$3" = 1 ] && [ ! -e "$2" ]; then echo "@$1 exists=0"; return 0; fi
  printf '@%s stat=' "$1"
  if [ "$7" = 1 ]; then tsible_stat "$3" "$2" x 2>/dev/null || echo
  else tsible_stat "$3" "$2" 2>/dev/null || echo; fi
  if [ -L "$2" ]; then
    printf '@%s lnk_target=' "$1"; readlink "$2" || echo
    printf '@%s lnk_source=' "$1"; readlink -f "$2" 2>/dev/null || realpath "$2" 2>/dev/null || echo
  fi
  tsible_a=0; [ -r "$2" ] && tsible_a=1
  tsible_w=0; [ -w "$2" ] && tsible_w=1
  tsible_x=0; [ -x "$2" ] && tsible_x=1
  echo "@$1 access=$tsible_a$tsible_w$tsible_x"
  if [ -f "$2" ] && { [ "$3" = 1 ] || [ ! -L "$2" ]; } && [ -r "$2" ]; then
    if [ -n "$4" ]; then printf '@%s checksum=' "$1"; tsible_sum "$4" "$2"; fi
    if [ "$5" = 1 ] || { [ "$5" -gt 1 ] && [ $(wc -c < "$2") -le "$5" ]; }; then
      printf '@%s content=' "$1"; tsible_b64 "$2"; echo
    fi
  fi
  if [ "$6" = 1 ] && [ -r "$2" ] && command -v file >/dev/null 2>&1; then
    printf '@%s mime=' "$1"; file -b --mime -- "$2" 2>/dev/null || echo
  fi
  return 0
}
printf '@_ umask='; umask
`;

/** The prelude of every file-module script; `known` skips the dialect probe. */
export function shellLib(known?: StatDialect): string {
  return `${dialectPrelude(known)}${FUNCTIONS}`;
}

/** `tsible_probe` call for one path (ids are short words chosen by the caller). */
export function probeCall(id: string, path: string, quote: (s: string) => string,
  opts: { follow?: boolean; checksum?: string | false; content?: boolean | number; mime?: boolean; extended?: boolean } = {}): string {
  const content = typeof opts.content === 'number' ? Math.max(2, opts.content) : opts.content ? 1 : 0;
  return `tsible_probe ${id} ${quote(path)} ${opts.follow ? 1 : 0} ${quote(opts.checksum || '')} ${content} ${opts.mime ? 1 : 0}${opts.extended ? ' 1' : ''}`;
}

/** `tsible_exists` call: only whether `path` exists (or is a dangling link), with no process. */
export function existsCall(id: string, path: string, quote: (s: string) => string): string {
  return `tsible_exists ${id} ${quote(path)}`;
}
