import { pyRegex, pyReplacement } from 'tsible';
import type { Edit } from './text-edit.js';
import { splitLines } from './text-edit.js';

export interface LineArgs {
  regexp?: string;
  search_string?: string;
  line?: string;
  insertafter?: string;
  insertbefore?: string;
  backrefs: boolean;
  firstmatch: boolean;
}

/** Python's `re.search` on one line: `$` also matches before the line's newline. */
function searchLine(re: RegExp, line: string): RegExpExecArray | null {
  return re.exec(line.endsWith('\n') ? line.slice(0, -1) : line);
}

const bare = (l: string) => l.replace(/[\r\n]+$/, '');

interface Found { index: number; insertAt: number; match?: RegExpExecArray; matched: boolean; exact: boolean }

function locate(lines: string[], a: LineArgs, line: string): Found {
  const f: Found = { index: -1, insertAt: -1, matched: false, exact: false };
  if (a.regexp !== undefined) {
    const re = pyRegex(a.regexp);
    for (const [n, l] of lines.entries()) {
      const m = searchLine(re, l);
      if (!m) continue;
      Object.assign(f, { index: n, match: m, matched: true });
      if (a.firstmatch) break;
    }
  }
  if (a.search_string !== undefined) {
    for (const [n, l] of lines.entries()) {
      if (!l.includes(a.search_string)) continue;
      Object.assign(f, { index: n, matched: true });
      if (a.firstmatch) break;
    }
  }
  if (f.matched) return f;
  const insRe = a.insertafter !== undefined && !['BOF', 'EOF'].includes(a.insertafter) ? pyRegex(a.insertafter)
    : a.insertbefore !== undefined && a.insertbefore !== 'BOF' ? pyRegex(a.insertbefore) : undefined;
  for (const [n, l] of lines.entries()) {
    if (line === bare(l)) {
      f.index = n;
      f.exact = true;
    } else if (insRe && searchLine(insRe, l)) {
      f.insertAt = a.insertafter !== undefined ? n + 1 : n;
      if (a.firstmatch) break;
    }
  }
  return f;
}

/** Inserts `line` at `at` unless the neighbour that the insert point names already is that line. */
function insertNear(lines: string[], at: number, line: string, after: boolean): boolean {
  const neighbour = after ? (at === lines.length ? lines[at - 1] : lines[at]) : (at <= 0 ? lines[at] : lines[at - 1]);
  if (neighbour !== undefined && bare(neighbour) === line) return false;
  if (after && at === lines.length) lines.push(`${line}\n`);
  else lines.splice(Math.max(at, 0), 0, `${line}\n`);
  return true;
}

function ensureFinalNewline(lines: string[]): void {
  const last = lines[lines.length - 1];
  if (last !== undefined && !/[\r\n]$/.test(last)) lines[lines.length - 1] = `${last}\n`;
}

/** lineinfile state=present, following Ansible's decision order. */
export function presentEdit(text: string, a: LineArgs & { line: string }): Edit {
  const lines = splitLines(text);
  const f = locate(lines, a, a.line);
  let changed = false;
  let msg = '';
  if (f.index !== -1) {
    let newLine = a.backrefs && f.match ? pyReplacement(a.line)(f.match, f.match.groups) : a.line;
    if (!newLine.endsWith('\n')) newLine += '\n';
    if (a.regexp === undefined && a.search_string === undefined && !f.matched && !f.exact) {
      ensureFinalNewline(lines);
      changed = insertNear(lines, f.insertAt, a.line, a.insertafter !== undefined && a.insertafter !== 'EOF');
    } else if (lines[f.index] !== newLine) {
      lines[f.index] = newLine;
      msg = 'line replaced';
      changed = true;
    }
  } else if (a.backrefs) {
    // backrefs without a match leaves the file alone
  } else if (a.insertbefore === 'BOF' || a.insertafter === 'BOF') {
    lines.unshift(`${a.line}\n`);
    changed = true;
  } else if (a.insertafter === 'EOF' || f.insertAt === -1) {
    if (lines.length && !/[\r\n]$/.test(lines[lines.length - 1])) lines.push('\n');
    lines.push(`${a.line}\n`);
    changed = true;
  } else {
    changed = insertNear(lines, f.insertAt, a.line, a.insertafter !== undefined);
  }
  if (changed && !msg) msg = 'line added';
  return { after: lines.join(''), changed, msg };
}

/** lineinfile state=absent: drop every matching line. */
export function absentEdit(text: string, a: LineArgs): Edit {
  const re = a.regexp !== undefined ? pyRegex(a.regexp) : undefined;
  let found = 0;
  const kept = splitLines(text).filter((l) => {
    const hit = re ? searchLine(re, l) !== null : a.search_string !== undefined ? l.includes(a.search_string) : a.line === bare(l);
    if (hit) found++;
    return !hit;
  });
  return { after: kept.join(''), changed: found > 0, msg: found > 0 ? `${found} line(s) removed` : '', extra: { found } };
}
