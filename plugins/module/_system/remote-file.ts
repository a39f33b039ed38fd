import type { ModuleContext } from 'tsible';
import { parseSections, runStep, section } from './remote.js';

export interface RemoteText { exists: boolean; content: string }

/** Shell lines that print `path`'s existence and content as the last section (so its bytes are exact). */
export function readTextScript(ctx: ModuleContext<unknown>, path: string, name = 'file'): string {
  const p = ctx.quote(path);
  return `${section(`${name}_exists`)}\n[ -f ${p} ] && echo yes\n${section(name)}\ncat ${p} 2>/dev/null`;
}

export function parseText(sections: Record<string, string>, name = 'file'): RemoteText {
  return { exists: (sections[`${name}_exists`] ?? '').trim() === 'yes', content: sections[name] ?? '' };
}

export async function readText(ctx: ModuleContext<unknown>, path: string): Promise<RemoteText & { failure?: Record<string, unknown> }> {
  const step = await runStep(ctx, `${readTextScript(ctx, path)}\nexit 0`, `reading ${path}`);
  if (step.failure) return { exists: false, content: '', failure: step.failure };
  return parseText(parseSections(step.res.stdout));
}

export interface WriteOptions { mode?: string; newMode?: string; owner?: string; group?: string; backup?: boolean; createDirMode?: string }

/**
 * Shell that replaces `path` atomically with stdin (temp file in the same directory, then mv),
 * keeping the old file's mode unless one is given; prints backup_file=… when asked to back up.
 */
export function writeTextScript(ctx: ModuleContext<unknown>, path: string, o: WriteOptions = {}): string {
  const p = ctx.quote(path);
  const lines = [`f=${p}`, 'dir=$(dirname "$f")'];
  if (o.createDirMode) {
    lines.push(`[ -d "$dir" ] || { mkdir -p "$dir" && chmod ${o.createDirMode} "$dir"${o.owner ? ` && chown ${ctx.quote(o.owner)}${o.group ? `:${ctx.quote(o.group)}` : ''} "$dir"` : ''}; } || exit 1`);
  }
  if (o.backup) lines.push('if [ -f "$f" ]; then b="$f.$$.$(date +%Y-%m-%d@%H:%M:%S)~"; cp -p "$f" "$b" && echo "backup_file=$b"; fi');
  lines.push(
    't=$(mktemp "$dir/.tsible-XXXXXX") || exit 1',
    'cat > "$t" || { rm -f "$t"; exit 1; }',
    `if [ -e "$f" ]; then chmod "$(stat -c %a "$f")" "$t"; chown "$(stat -c %u:%g "$f")" "$t" 2>/dev/null; else chmod ${o.mode ?? o.newMode ?? '0644'} "$t"; fi`,
  );
  if (o.mode) lines.push(`chmod ${o.mode} "$t"`);
  if (o.owner) lines.push(`chown ${ctx.quote(o.owner)} "$t" || { rm -f "$t"; exit 1; }`);
  if (o.group) lines.push(`chgrp ${ctx.quote(o.group)} "$t" || { rm -f "$t"; exit 1; }`);
  lines.push('mv -f "$t" "$f" || { rm -f "$t"; exit 1; }');
  return lines.join('\n');
}
