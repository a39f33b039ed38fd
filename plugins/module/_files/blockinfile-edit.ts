import { pyRegex } from 'tsible';
import type { Edit } from './text-edit.js';
import { splitLines } from './text-edit.js';

export interface BlockArgs {
  block: string;
  marker: string;
  marker_begin: string;
  marker_end: string;
  insertafter?: string;
  insertbefore?: string;
  state: 'present' | 'absent';
}

/** Where a new block goes when the file has no complete marker pair. */
function insertionPoint(lines: string[], original: string, a: BlockArgs): number {
  const after = a.insertbefore === undefined && a.insertafter === undefined ? 'EOF' : a.insertafter;
  const pattern = after !== undefined && after !== 'EOF' ? after : a.insertbefore !== undefined && a.insertbefore !== 'BOF' ? a.insertbefore : undefined;
  if (pattern === undefined) return a.insertbefore !== undefined ? 0 : lines.length;
  const re = pyRegex(pattern);
  let n: number | undefined;
  if (re.flags.includes('m')) {
    const m = re.exec(original);
    if (m) n = (original.slice(0, after !== undefined ? m.index + m[0].length : m.index).match(/\n/g) ?? []).length;
  } else {
    lines.forEach((l, i) => { if (re.exec(l.replace(/\n$/, ''))) n = i; });
  }
  if (n === undefined) return lines.length;
  return after !== undefined ? n + 1 : n;
}

/** blockinfile's edit: replace the block between the markers, or insert it, or remove it. */
export function blockEdit(original: string | undefined, a: BlockArgs): Edit {
  const lines = splitLines(original ?? '');
  const present = a.state === 'present';
  const marker0 = `${a.marker.replace(/\{mark\}/g, a.marker_begin)}\n`;
  const marker1 = `${a.marker.replace(/\{mark\}/g, a.marker_end)}\n`;
  let block = a.block;
  if (block && !block.endsWith('\n')) block += '\n';
  const blockLines = present && block ? [marker0, ...splitLines(block), marker1] : [];
  let n0: number | undefined;
  let n1: number | undefined;
  lines.forEach((l, i) => {
    if (l === marker0) n0 = i;
    if (l === marker1) n1 = i;
  });
  if (n0 === undefined || n1 === undefined) n0 = insertionPoint(lines, original ?? '', a);
  else if (n0 < n1) lines.splice(n0, n1 - n0 + 1);
  else {
    lines.splice(n1, n0 - n1 + 1);
    n0 = n1;
  }
  if (n0 > 0 && !lines[n0 - 1].endsWith('\n')) lines[n0 - 1] += '\n';
  lines.splice(n0, 0, ...blockLines);
  const result = lines.join('');
  if (original === result) return { after: result, changed: false, msg: '' };
  if (original === undefined) return { after: result, changed: true, msg: 'File created' };
  return { after: result, changed: true, msg: blockLines.length ? 'Block inserted' : 'Block removed' };
}
