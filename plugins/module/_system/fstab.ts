export interface FstabEntry { src: string; path: string; fstype: string; opts: string; dump: string; passno: string }

/** fstab escapes spaces and tabs in fields as octal (\040, \011). */
export const fstabEscape = (s: string) => s.replace(/\\/g, '\\134').replace(/ /g, '\\040').replace(/\t/g, '\\011').replace(/\n/g, '\\012');
export const fstabUnescape = (s: string) => s.replace(/\\([0-7]{3})/g, (_, o: string) => String.fromCharCode(parseInt(o, 8)));

export function formatEntry(e: FstabEntry): string {
  return [e.src, e.path, e.fstype, e.opts, e.dump, e.passno].map(fstabEscape).join(' ');
}

/**
 * The fstab content with `entry` for `path` (or without it when entry is undefined); undefined
 * when nothing changes. An existing line is rewritten only when one of its fields differs.
 */
export function editFstab(content: string, path: string, entry: FstabEntry | undefined): string | undefined {
  const lines = content === '' ? [] : content.replace(/\n$/, '').split('\n');
  const out: string[] = [];
  let found = false;
  for (const l of lines) {
    const f = l.trim().split(/\s+/);
    if (l.trim().startsWith('#') || f.length < 2 || fstabUnescape(f[1]) !== path) { out.push(l); continue; }
    if (!entry || found) continue;
    found = true;
    const cur = [f[0], f[1], f[2], f[3] ?? 'defaults', f[4] ?? '0', f[5] ?? '0'].map(fstabUnescape);
    const want = [entry.src, entry.path, entry.fstype, entry.opts, entry.dump, entry.passno];
    out.push(cur.every((v, i) => v === want[i]) ? l : formatEntry(entry));
  }
  if (entry && !found) out.push(formatEntry(entry));
  const next = out.length ? `${out.join('\n')}\n` : '';
  return next === content ? undefined : next;
}
