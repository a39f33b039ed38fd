/**
 * `--diff` output as Ansible's callbacks render a module's `diff` entries: a unified diff with
 * 3 lines of context, `before: <header>` / `after: <header>` file names, "\ No newline at end of
 * file" markers, the binary/size notices, and `prepared` text appended verbatim.
 */
import type { DiffEntry } from 'tsible';
import { pyJson } from './pyjson.js';
import { pyYaml } from './pyyaml.js';
import { indentLines } from './results.js';
import { groupedOpcodes } from './sequence-matcher.js';
import type { Painter } from './colour.js';

const LINE = /[^\n\r\v\f\x1c-\x1e\x85\u2028\u2029]*(?:\r\n|[\n\r\v\f\x1c-\x1e\x85\u2028\u2029])?/gu;

/** Python's str.splitlines(keepends=True). */
export function splitLinesKeepEnds(text: string): string[] {
  return (text.match(LINE) ?? []).filter((l) => l !== '');
}

function range(start: number, stop: number): string {
  const length = stop - start;
  if (length === 1) return String(start + 1);
  return `${length ? start + 1 : start},${length}`;
}

export function unifiedDiff(a: string[], b: string[], fromFile: string, toFile: string, context = 3): string[] {
  const out: string[] = [];
  for (const group of groupedOpcodes(a, b, context)) {
    if (!out.length) out.push(`--- ${fromFile}\n`, `+++ ${toFile}\n`);
    const [first, last] = [group[0], group[group.length - 1]];
    out.push(`@@ -${range(first[1], last[2])} +${range(first[3], last[4])} @@\n`);
    for (const [tag, i1, i2, j1, j2] of group) {
      if (tag === 'equal') {
        for (const line of a.slice(i1, i2)) out.push(` ${line}`);
        continue;
      }
      if (tag !== 'insert') for (const line of a.slice(i1, i2)) out.push(`-${line}`);
      if (tag !== 'delete') for (const line of b.slice(j1, j2)) out.push(`+${line}`);
    }
  }
  return out;
}

function sideText(value: unknown, format: 'json' | 'yaml'): string {
  if (value === null || value === undefined) return '';
  if (typeof value !== 'object') return String(value);
  if (format === 'yaml') return `${indentLines(pyYaml(value, { indent: 4, width: 80, blocks: 'ansible' }), '    ')}\n`;
  return `${pyJson(value, { indent: 4, sortKeys: true })}\n`;
}

function withEofMarker(lines: string[]): string[] {
  const last = lines.length - 1;
  if (last >= 0 && !lines[last].endsWith('\n')) lines[last] += '\n\\ No newline at end of file\n';
  return lines;
}

function notices(d: Record<string, unknown>): string[] {
  const out: string[] = [];
  if ('dst_binary' in d) out.push('diff skipped: destination file appears to be binary\n');
  if ('src_binary' in d) out.push('diff skipped: source file appears to be binary\n');
  if ('dst_larger' in d) out.push(`diff skipped: destination file size is greater than ${Math.trunc(Number(d.dst_larger))}\n`);
  if ('src_larger' in d) out.push(`diff skipped: source file size is greater than ${Math.trunc(Number(d.src_larger))}\n`);
  return out;
}

/** The text printed for a result's `diff` (one entry or a list); empty when nothing differs. */
export function renderDiff(diff: DiffEntry | DiffEntry[], painter: Painter, context = 3, format: 'json' | 'yaml' = 'json'): string {
  const out: string[] = [];
  for (const entry of Array.isArray(diff) ? diff : [diff]) {
    const d = entry as Record<string, unknown>;
    out.push(...notices(d));
    if ('before' in d && 'after' in d) {
      const before = withEofMarker(splitLinesKeepEnds(sideText(d.before, format)));
      const after = withEofMarker(splitLinesKeepEnds(sideText(d.after, format)));
      const from = 'before_header' in d ? `before: ${d.before_header}` : 'before';
      const to = 'after_header' in d ? `after: ${d.after_header}` : 'after';
      const lines = unifiedDiff(before, after, from, to, context);
      for (const line of lines) {
        const role = line.startsWith('+') ? 'diffAdd' : line.startsWith('-') ? 'diffRemove' : line.startsWith('@@') ? 'diffLines' : undefined;
        out.push(painter.paint(line, role));
      }
      if (lines.length) out.push('\n');
    }
    if (typeof d.prepared === 'string') out.push(d.prepared);
  }
  return out.join('');
}
