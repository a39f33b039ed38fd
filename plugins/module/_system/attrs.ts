import type { ModuleContext } from 'tsible';

export interface FileAttrs { mode?: unknown; owner?: string; group?: string }

/** Ansible accepts modes as octal strings ('0644', '644'), symbolic ('u=rw,g=r') or YAML ints (0644 → 420). */
export function modeWord(mode: unknown): string | undefined {
  if (mode === undefined || mode === null || mode === '') return undefined;
  if (typeof mode === 'number') return mode.toString(8);
  return String(mode);
}

/**
 * Shell function `apply_attrs <path>`: applies mode/owner/group and sets attrs_changed=1 when
 * anything differed (compared through `stat -c`, present in GNU coreutils and busybox).
 */
export function applyAttrsFunction(ctx: ModuleContext<unknown>, a: FileAttrs, check: boolean): string {
  const mode = modeWord(a.mode);
  const cmds: string[] = [];
  if (mode) cmds.push(`chmod ${ctx.quote(mode)} "$1" || return 1`);
  if (a.owner) cmds.push(`chown ${ctx.quote(a.owner)} "$1" || return 1`);
  if (a.group) cmds.push(`chgrp ${ctx.quote(a.group)} "$1" || return 1`);
  if (!cmds.length) return 'apply_attrs() { :; }';
  if (check) {
    // Check mode: compare against what chmod/chown would produce on a scratch copy of the metadata.
    const wantOwner = a.owner ? `[ "$(stat -c %U "$1")" = ${ctx.quote(a.owner)} ] || [ "$(stat -c %u "$1")" = ${ctx.quote(a.owner)} ] || attrs_changed=1` : ':';
    const wantGroup = a.group ? `[ "$(stat -c %G "$1")" = ${ctx.quote(a.group)} ] || [ "$(stat -c %g "$1")" = ${ctx.quote(a.group)} ] || attrs_changed=1` : ':';
    const wantMode = mode ? `s=$(mktemp) && chmod "$(stat -c %a "$1")" "$s" && chmod ${ctx.quote(mode)} "$s" && { [ "$(stat -c %a "$s")" = "$(stat -c %a "$1")" ] || attrs_changed=1; }; rm -f "$s"` : ':';
    return `apply_attrs() { [ -e "$1" ] || { attrs_changed=1; return 0; }; ${wantOwner}; ${wantGroup}; ${wantMode}; }`;
  }
  return `apply_attrs() {
  before=$(stat -c '%a %u %g' "$1")
  ${cmds.join('\n  ')}
  [ "$before" = "$(stat -c '%a %u %g' "$1")" ] || attrs_changed=1
}`;
}

/** Shell lines printing Ansible's file facts of "$1" as key=value (uid, gid, owner, group, mode, size). */
export const FILE_FACTS_FUNCTION = `file_facts() {
  [ -e "$1" ] || return 0
  echo "uid=$(stat -c %u "$1")"; echo "gid=$(stat -c %g "$1")"; echo "owner=$(stat -c %U "$1")"; echo "group=$(stat -c %G "$1")"
  echo "mode=$(stat -c %a "$1")"; echo "size=$(stat -c %s "$1")"
}`;

/** Ansible shows modes as 4-digit octal strings ('0644'). */
export function octalMode(raw: string | undefined): string | undefined {
  return raw ? raw.padStart(4, '0') : undefined;
}

/** sha1/sha256/… of "$2" with whichever tool the target has (`digest sha256 file`). */
export const DIGEST_FUNCTION = `digest() {
  if command -v "$1"sum >/dev/null 2>&1; then "$1"sum < "$2" | cut -d' ' -f1
  elif command -v openssl >/dev/null 2>&1; then openssl dgst -"$1" < "$2" | sed 's/.*= *//'
  elif command -v shasum >/dev/null 2>&1; then shasum -a "\${1#sha}" < "$2" | cut -d' ' -f1
  else echo "__TSIBLE_MISSING__ $1sum or openssl"; exit 127; fi
}`;
