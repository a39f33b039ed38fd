/**
 * Line wrapping with the rules of Python's textwrap.wrap (defaults), which Ansible uses for
 * `[WARNING]:` and `[DEPRECATION WARNING]:` lines: break at whitespace or after hyphens inside
 * words, cut words longer than the width, drop the spaces where lines break.
 */
export interface WrapOptions {
  dropWhitespace?: boolean;
}

/** Python's str.expandtabs(8): tabs advance to the next multiple of 8 columns. */
export function expandTabs(text: string, size = 8): string {
  let column = 0;
  let out = '';
  for (const ch of text) {
    if (ch === '\t') {
      const n = size - (column % size);
      out += ' '.repeat(n);
      column += n;
    } else {
      out += ch;
      column = ch === '\n' || ch === '\r' ? 0 : column + 1;
    }
  }
  return out;
}

function chunk(text: string): string[] {
  const chunks: string[] = [];
  for (const part of text.split(/(\s+)/)) {
    if (part === '') continue;
    if (/^\s/.test(part)) {
      chunks.push(part);
      continue;
    }
    // "well-known" breaks after "well-"; a leading or doubled hyphen does not.
    chunks.push(...part.split(/(?<=[^\W\d_][\w]*-)(?=[^\W\d_])/u));
  }
  return chunks;
}

export function wrapText(text: string, width: number, options: WrapOptions = {}): string[] {
  const drop = options.dropWhitespace ?? true;
  const normalised = expandTabs(text).replace(/[\n\r\v\f]/g, ' ');
  const chunks = chunk(normalised).reverse();
  const lines: string[] = [];
  while (chunks.length) {
    const line: string[] = [];
    let len = 0;
    if (drop && chunks[chunks.length - 1].trim() === '' && lines.length) chunks.pop();
    while (chunks.length) {
      const next = chunks[chunks.length - 1];
      if (len + next.length > width) break;
      line.push(chunks.pop()!);
      len += next.length;
    }
    if (chunks.length && chunks[chunks.length - 1].length > width) {
      const word = chunks[chunks.length - 1];
      const room = Math.max(width - len, 1);
      line.push(word.slice(0, room));
      len += room;
      chunks[chunks.length - 1] = word.slice(room);
    }
    if (drop && line.length && line[line.length - 1].trim() === '') line.pop();
    if (line.length) lines.push(line.join(''));
  }
  return lines;
}
