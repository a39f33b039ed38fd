import type { SourceLocation } from '../errors.js';

/**
 * js-yaml reports a few errors after the offending token and in its own words; these are moved to
 * the token and worded as PyYAML words them, so messages and carets match Ansible's.
 */
export function alignWithPyYaml(reason: string, loc: SourceLocation, line: string | undefined): { reason: string; loc: SourceLocation } {
  const alias = /^unidentified alias "(.*)"$/.exec(reason);
  if (alias) return { reason: `found undefined alias '${alias[1]}'`, loc: tokenBefore(`*${alias[1]}`, loc, line) };
  const tag = /^unknown tag !<(.*)>$/.exec(reason);
  if (tag) {
    const written = tag[1]!.startsWith('tag:yaml.org,2002:') ? `!!${tag[1]!.slice('tag:yaml.org,2002:'.length)}` : tag[1]!;
    return { reason: `could not determine a constructor for the tag '${tag[1]}'`, loc: tokenBefore(written, loc, line) };
  }
  return { reason, loc };
}

/** The column of the last occurrence of `token` that starts before the reported column. */
function tokenBefore(token: string, loc: SourceLocation, line: string | undefined): SourceLocation {
  if (line === undefined) return loc;
  const at = line.lastIndexOf(token, loc.column - 1);
  return at < 0 ? loc : { ...loc, column: at + 1 };
}
