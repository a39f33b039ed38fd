import { shellQuote } from 'tsible';

export type ArchiveFormat = 'bz2' | 'gz' | 'tar' | 'xz' | 'zip';

const COMPRESSOR: Record<string, string> = { gz: 'gzip', bz2: 'bzip2', xz: 'xz' };

/** The target tools a format needs (checked up front for a clear message). */
export function toolsFor(format: ArchiveFormat, mustArchive: boolean): string[] {
  if (format === 'zip') return ['zip', 'unzip'];
  if (format === 'tar') return ['tar'];
  return mustArchive ? ['tar', COMPRESSOR[format]] : [COMPRESSOR[format]];
}

/** A glob quoted for sh with only `*`, `?` and `[...]` left active. */
export function quoteGlob(pattern: string): string {
  return pattern.split(/([*?])/).map((part) => (part === '*' || part === '?' ? part : part ? shellQuote(part) : '')).join('');
}

/** Shell that prints a one-line signature of an archive's members (or of a compressed file's data). */
export function signature(file: string, format: ArchiveFormat, mustArchive: boolean): string {
  const f = file;
  let body: string;
  if (format === 'zip') body = `unzip -v ${f} | grep -v '^Archive:'`;
  else if (format === 'tar') body = `tar -tvf ${f}`;
  else if (mustArchive) body = `${COMPRESSOR[format]} -dc < ${f} | tar -tvf -`;
  else body = `${COMPRESSOR[format]} -dc < ${f}`;
  return `$(if [ -f ${f} ]; then { ${body}; } 2>/dev/null | cksum; else echo none; fi)`;
}

/** Shell creating the archive in "$tsible_t" from `rels` (relative to `root`), with tar or zip exclusions. */
export function createCommands(o: { format: ArchiveFormat; mustArchive: boolean; root: string; rels: string[];
  single?: string; excludes: string[]; patterns: string[] }): string[] {
  const q = shellQuote;
  if (!o.mustArchive && o.format !== 'zip' && o.format !== 'tar') {
    return [`${COMPRESSOR[o.format]} -c < ${q(o.single as string)} > "$tsible_t" || exit 1`];
  }
  const cd = `cd ${q(o.root || '/')} || exit 1`;
  if (o.format === 'zip') {
    const ex = [...o.excludes.flatMap((e) => [e, `${e}/*`]), ...o.patterns.map((p) => `*${p}`)];
    return [`( ${cd}; zip -q -r -y "$tsible_t" ${o.rels.map(q).join(' ')}${ex.length ? ` -x ${ex.map(q).join(' ')}` : ''} ) || exit 1`];
  }
  const ex = [...o.excludes, ...o.patterns].map((e) => `--exclude=${q(e)}`).join(' ');
  // A pipeline's status is its last command's: tar's own failure is reported through a marker file.
  const tar = `( ${cd}; tar -cf - ${ex} -- ${o.rels.map(q).join(' ')} || echo "tar failed with rc $?" > "$tsible_t.failed" )`;
  return [
    o.format === 'tar' ? `${tar} > "$tsible_t"` : `${tar} | ${COMPRESSOR[o.format]} -c > "$tsible_t"`,
    'if [ -e "$tsible_t.failed" ]; then cat "$tsible_t.failed" >&2; rm -f "$tsible_t" "$tsible_t.failed"; exit 1; fi',
  ];
}

/** Shell listing the members of the new archive as `@m path=` lines. */
export function listMembers(file: string, format: ArchiveFormat, mustArchive: boolean): string {
  if (!mustArchive && format !== 'zip' && format !== 'tar') return '';
  const list = format === 'zip' ? `unzip -Z1 ${file}` : format === 'tar' ? `tar -tf ${file}` : `${COMPRESSOR[format]} -dc < ${file} | tar -tf -`;
  return `${list} 2>/dev/null | while IFS= read -r tsible_m; do echo "@m path=$tsible_m"; done`;
}
