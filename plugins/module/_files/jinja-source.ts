/**
 * Jinja's whitespace options applied to a template source before rendering, because the shared
 * templar has fixed environment options (trim_blocks on, lstrip_blocks off, as Ansible's templar).
 * trim_blocks false keeps the newline after a block or comment tag by doubling it (the templar
 * then drops one); lstrip_blocks strips blanks before a block tag at the start of a line.
 * `{%+` and `+%}` opt out, as in Jinja.
 */
export function applyWhitespaceOptions(source: string, trimBlocks: boolean, lstripBlocks: boolean): string {
  let out = source.replace(/\r\n?/g, '\n');
  if (lstripBlocks) out = out.replace(/^[ \t]+(?=\{%(?!\+)|\{#)/gm, '');
  out = out.replace(/\+%\}\n/g, '%}\n\n');
  // The templar trims after block tags but not after comments; Jinja does both.
  if (!trimBlocks) out = out.replace(/([^+-]%\})\n/g, '$1\n\n');
  else out = out.replace(/([^+-]#\})\n/g, '$1');
  return out.replace(/\{%\+/g, '{%').replace(/\+%\}/g, '%}');
}
