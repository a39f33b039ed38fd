/**
 * POSIX sh functions shared by the file modules. A module's remote script starts with this
 * prelude and then calls the functions, so everything it needs to know about the target comes
 * back from one round trip as `@id key=value` lines (parsed by probe.ts).
 *
 * - tsible_stat FOLLOW PATH: one `|`-separated line (GNU `stat -c` with nanosecond times where
 *   supported, else BSD `stat -f`).
 * - tsible_sum ALGO PATH: hex digest with sha1sum/sha256sum/md5sum, shasum, openssl or md5;
 *   prints MISSING when the target has none of them.
 * - tsible_sums PATH...: `sha1  path` lines for many files with one process where possible.
 * - tsible_b64 PATH: the file as one base64 line (base64, else openssl).
 * - tsible_probe ID PATH FOLLOW ALGO CONTENT MIME: what stat/copy/file need about PATH; CONTENT
 *   is 0 (no content), 1 (content) or a byte limit above which the content is left out.
 */
export const SHELL_LIB = String.raw`
# Which stat dialect the target speaks, decided once per script with one process (not inside a
# function's $(...) subshell): GNU stat prints the time (with nanoseconds where supported), BSD stat fails.
case $(stat -c %.9Y / 2>/dev/null) in
  *.*) TSIBLE_STAT_OPT=-c; TSIBLE_STAT_NAME=%n; TSIBLE_STAT_FMT='%a|%u|%g|%U|%G|%s|%.9X|%.9Y|%.9Z|%i|%h|%d|%F' ;;
  ?*) TSIBLE_STAT_OPT=-c; TSIBLE_STAT_NAME=%n; TSIBLE_STAT_FMT='%a|%u|%g|%U|%G|%s|%X|%Y|%Z|%i|%h|%d|%F' ;;
  *) TSIBLE_STAT_OPT=-f; TSIBLE_STAT_NAME=%N; TSIBLE_STAT_FMT='%Mp%Lp|%u|%g|%Su|%Sg|%z|%a|%m|%c|%i|%l|%d|%HT' ;;
esac
tsible_stat() {
  if [ "$1" = 1 ]; then stat -L $TSIBLE_STAT_OPT "$TSIBLE_STAT_FMT" -- "$2"
  else stat $TSIBLE_STAT_OPT "$TSIBLE_STAT_FMT" -- "$2"; fi
}
tsible_sum() {
  if command -v "$1sum" >/dev/null 2>&1; then tsible_h=$("$1sum" < "$2")
  elif [ "$1" != md5 ] && command -v shasum >/dev/null 2>&1; then tsible_h=$(shasum -a "${'${1#sha}'}" < "$2")
  elif command -v openssl >/dev/null 2>&1; then tsible_h=$(openssl dgst -"$1" -r < "$2")
  elif [ "$1" = md5 ] && command -v md5 >/dev/null 2>&1; then tsible_h=$(md5 -q < "$2")
  else tsible_h=MISSING; fi
  echo "${'${tsible_h%% *}'}"
}
tsible_sums() {
  if command -v sha1sum >/dev/null 2>&1; then sha1sum -- "$@"
  elif command -v shasum >/dev/null 2>&1; then shasum -a 1 -- "$@"
  else for tsible_f; do [ -f "$tsible_f" ] && echo "$(tsible_sum sha1 "$tsible_f")  $tsible_f"; done; fi 2>/dev/null
}
tsible_b64() {
  if command -v base64 >/dev/null 2>&1; then base64 < "$1" | tr -d '\n'
  elif command -v openssl >/dev/null 2>&1; then openssl base64 -A < "$1"
  else printf MISSING; fi
}
tsible_b64d() {
  if command -v base64 >/dev/null 2>&1; then
    if base64 -d </dev/null >/dev/null 2>&1; then base64 -d; else base64 -D; fi
  else openssl base64 -d; fi
}
tsible_probe() {
  if [ ! -e "$2" ] && [ ! -L "$2" ]; then echo "@$1 exists=0"; return 0; fi
  if [ "$3" = 1 ] && [ ! -e "$2" ]; then echo "@$1 exists=0"; return 0; fi
  tsible_s=$(tsible_stat "$3" "$2" 2>/dev/null) || { echo "@$1 exists=0"; return 0; }
  echo "@$1 exists=1"
  echo "@$1 stat=$tsible_s"
  if [ -L "$2" ]; then
    echo "@$1 lnk_target=$(readlink "$2")"
    echo "@$1 lnk_source=$(readlink -f "$2" 2>/dev/null || realpath "$2" 2>/dev/null)"
  fi
  tsible_a=0; [ -r "$2" ] && tsible_a=1
  tsible_w=0; [ -w "$2" ] && tsible_w=1
  tsible_x=0; [ -x "$2" ] && tsible_x=1
  echo "@$1 access=$tsible_a$tsible_w$tsible_x"
  if [ -f "$2" ] && { [ "$3" = 1 ] || [ ! -L "$2" ]; } && [ -r "$2" ]; then
    [ -n "$4" ] && echo "@$1 checksum=$(tsible_sum "$4" "$2")"
    if [ "$5" = 1 ] || { [ "$5" -gt 1 ] && [ "$(echo "$tsible_s" | cut -d'|' -f6)" -le "$5" ]; }; then
      echo "@$1 content=$(tsible_b64 "$2")"
    fi
  fi
  if [ "$6" = 1 ] && [ -r "$2" ] && command -v file >/dev/null 2>&1; then
    tsible_m=$(file -b --mime -- "$2" 2>/dev/null)
    case $tsible_m in
      *'; charset='*) echo "@$1 mime=${'${tsible_m%%;*}'}|${'${tsible_m##*; charset=}'}" ;;
      *) echo "@$1 mime=$tsible_m|" ;;
    esac
  fi
  return 0
}
printf '@_ umask='; umask
`;

/** `tsible_probe` call for one path (ids are short words chosen by the caller). */
export function probeCall(id: string, path: string, quote: (s: string) => string,
  opts: { follow?: boolean; checksum?: string | false; content?: boolean | number; mime?: boolean } = {}): string {
  const content = typeof opts.content === 'number' ? Math.max(2, opts.content) : opts.content ? 1 : 0;
  return `tsible_probe ${id} ${quote(path)} ${opts.follow ? 1 : 0} ${quote(opts.checksum || '')} ${content} ${opts.mime ? 1 : 0}`;
}
