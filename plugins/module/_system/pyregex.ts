/** Python `re` syntax to a JavaScript RegExp: named groups and backreferences differ. */
export function pyToJsRegex(pattern: string, flags = ''): RegExp {
  const src = pattern.replace(/\(\?P<([A-Za-z_][A-Za-z0-9_]*)>/g, '(?<$1>').replace(/\(\?P=([A-Za-z_][A-Za-z0-9_]*)\)/g, '\\k<$1>');
  return new RegExp(src, flags);
}

/**
 * Python `re` syntax to POSIX ERE for `grep -E` on the target. Covers the common escapes; a
 * pattern spanning several lines cannot match because grep works line by line.
 */
export function pyToEre(pattern: string): string {
  return pattern
    .replace(/\(\?P<[A-Za-z_][A-Za-z0-9_]*>/g, '(')
    .replace(/\(\?:/g, '(')
    .replace(/\\d/g, '[0-9]').replace(/\\D/g, '[^0-9]')
    .replace(/\\s/g, '[[:space:]]').replace(/\\S/g, '[^[:space:]]')
    .replace(/\\w/g, '[[:alnum:]_]').replace(/\\W/g, '[^[:alnum:]_]');
}

/** Python's m.groups() and m.groupdict() for the first match (None → null). */
export function matchGroups(re: RegExp, text: string): { groups: Array<string | null>; groupdict: Record<string, string | null> } | undefined {
  const m = re.exec(text);
  if (!m) return undefined;
  const groups = m.slice(1).map((g) => g ?? null);
  const groupdict = Object.fromEntries(Object.entries(m.groups ?? {}).map(([k, v]) => [k, v ?? null]));
  return { groups, groupdict };
}
