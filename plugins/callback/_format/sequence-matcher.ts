/**
 * The line matching of Python's difflib.SequenceMatcher (no junk function, autojunk on), so that
 * `--diff` hunks are cut exactly where Ansible cuts them. An LCS diff would often pick other lines.
 */
type Block = [number, number, number];
export type Opcode = ['equal' | 'replace' | 'delete' | 'insert', number, number, number, number];

function indexLines(b: readonly string[]): Map<string, number[]> {
  const b2j = new Map<string, number[]>();
  b.forEach((line, j) => {
    const list = b2j.get(line);
    if (list) list.push(j);
    else b2j.set(line, [j]);
  });
  if (b.length >= 200) {
    // Lines more common than 1% are "popular" and never start a match.
    const limit = Math.floor(b.length / 100) + 1;
    for (const [line, list] of b2j) if (list.length > limit) b2j.delete(line);
  }
  return b2j;
}

function longestMatch(a: readonly string[], b: readonly string[], b2j: Map<string, number[]>,
  alo: number, ahi: number, blo: number, bhi: number): Block {
  let [besti, bestj, bestsize] = [alo, blo, 0];
  let j2len = new Map<number, number>();
  for (let i = alo; i < ahi; i++) {
    const next = new Map<number, number>();
    for (const j of b2j.get(a[i]) ?? []) {
      if (j < blo) continue;
      if (j >= bhi) break;
      const k = (j2len.get(j - 1) ?? 0) + 1;
      next.set(j, k);
      if (k > bestsize) [besti, bestj, bestsize] = [i - k + 1, j - k + 1, k];
    }
    j2len = next;
  }
  // Popular lines never start a match but may extend one, as in difflib.
  while (besti > alo && bestj > blo && a[besti - 1] === b[bestj - 1]) [besti, bestj, bestsize] = [besti - 1, bestj - 1, bestsize + 1];
  while (besti + bestsize < ahi && bestj + bestsize < bhi && a[besti + bestsize] === b[bestj + bestsize]) bestsize++;
  return [besti, bestj, bestsize];
}

export function matchingBlocks(a: readonly string[], b: readonly string[]): Block[] {
  const b2j = indexLines(b);
  const queue: Array<[number, number, number, number]> = [[0, a.length, 0, b.length]];
  const found: Block[] = [];
  while (queue.length) {
    const [alo, ahi, blo, bhi] = queue.pop()!;
    const [i, j, k] = longestMatch(a, b, b2j, alo, ahi, blo, bhi);
    if (!k) continue;
    found.push([i, j, k]);
    if (alo < i && blo < j) queue.push([alo, i, blo, j]);
    if (i + k < ahi && j + k < bhi) queue.push([i + k, ahi, j + k, bhi]);
  }
  found.sort((x, y) => x[0] - y[0] || x[1] - y[1] || x[2] - y[2]);
  const merged: Block[] = [];
  for (const blk of found) {
    const last = merged[merged.length - 1];
    if (last && last[0] + last[2] === blk[0] && last[1] + last[2] === blk[1]) last[2] += blk[2];
    else merged.push([...blk]);
  }
  merged.push([a.length, b.length, 0]);
  return merged;
}

export function opcodes(a: readonly string[], b: readonly string[]): Opcode[] {
  const out: Opcode[] = [];
  let [i, j] = [0, 0];
  for (const [ai, bj, size] of matchingBlocks(a, b)) {
    const tag = i < ai && j < bj ? 'replace' : i < ai ? 'delete' : j < bj ? 'insert' : undefined;
    if (tag) out.push([tag, i, ai, j, bj]);
    [i, j] = [ai + size, bj + size];
    if (size) out.push(['equal', ai, i, bj, j]);
  }
  return out;
}

/** Hunks with `context` lines of context around each change (difflib's get_grouped_opcodes). */
export function groupedOpcodes(a: readonly string[], b: readonly string[], context: number): Opcode[][] {
  const codes = opcodes(a, b);
  if (!codes.length) codes.push(['equal', 0, 1, 0, 1]);
  const first = codes[0];
  if (first[0] === 'equal') codes[0] = ['equal', Math.max(first[1], first[2] - context), first[2], Math.max(first[3], first[4] - context), first[4]];
  const last = codes[codes.length - 1];
  if (last[0] === 'equal') codes[codes.length - 1] = ['equal', last[1], Math.min(last[2], last[1] + context), last[3], Math.min(last[4], last[3] + context)];
  const groups: Opcode[][] = [];
  let group: Opcode[] = [];
  for (const code of codes) {
    let [tag, i1, i2, j1, j2] = code;
    if (tag === 'equal' && i2 - i1 > 2 * context) {
      group.push([tag, i1, Math.min(i2, i1 + context), j1, Math.min(j2, j1 + context)]);
      groups.push(group);
      group = [];
      [i1, j1] = [Math.max(i1, i2 - context), Math.max(j1, j2 - context)];
    }
    group.push([tag, i1, i2, j1, j2]);
  }
  if (group.length && !(group.length === 1 && group[0][0] === 'equal')) groups.push(group);
  return groups;
}
