/**
 * POSIX shell-like splitting as Python's `shlex.split(line, comments=True)`, which Ansible uses for
 * INI host lines: quotes group, backslash escapes, `#` outside quotes starts a comment.
 */
export function shlexSplit(line: string): string[] {
  // Most lines have nothing to unquote: split on whitespace (10,000-host files are mostly these).
  if (!/["'\\#]/.test(line)) return line.split(/\s+/).filter((t) => t !== '');
  const tokens: string[] = [];
  let token = '';
  let inToken = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (c === '\\') {
      if (i + 1 >= line.length) throw new Error('No escaped character');
      token += line[++i];
      inToken = true;
    } else if (c === "'") {
      const end = line.indexOf("'", i + 1);
      if (end < 0) throw new Error('No closing quotation');
      token += line.slice(i + 1, end);
      i = end;
      inToken = true;
    } else if (c === '"') {
      i = readDoubleQuoted(line, i + 1, (s) => { token += s; });
      inToken = true;
    } else if (c === '#') {
      break;
    } else if (/\s/.test(c)) {
      if (inToken) tokens.push(token);
      token = '';
      inToken = false;
    } else {
      token += c;
      inToken = true;
    }
  }
  if (inToken) tokens.push(token);
  return tokens;
}

/** Reads a "…" body starting after the quote; returns the index of the closing quote. */
function readDoubleQuoted(line: string, start: number, emit: (s: string) => void): number {
  let out = '';
  for (let i = start; i < line.length; i++) {
    const c = line[i];
    if (c === '"') {
      emit(out);
      return i;
    }
    if (c === '\\' && i + 1 < line.length && (line[i + 1] === '"' || line[i + 1] === '\\')) {
      out += line[++i];
    } else out += c;
  }
  throw new Error('No closing quotation');
}
