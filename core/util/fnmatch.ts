/** Python's fnmatch.translate: a full, case-sensitive match of `*`, `?`, `[seq]`, `[!seq]`. */
export function globToRegExp(glob: string): RegExp {
  let out = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    if (c === '*') out += '.*';
    else if (c === '?') out += '.';
    else if (c === '[') {
      let j = i + 1;
      if (glob[j] === '!') j++;
      if (glob[j] === ']') j++;
      while (j < glob.length && glob[j] !== ']') j++;
      if (j >= glob.length) {
        out += '\\[';
        continue;
      }
      const negate = glob[i + 1] === '!';
      const body = glob.slice(i + 1 + (negate ? 1 : 0), j).replace(/[\\\]^]/g, '\\$&');
      out += `[${negate ? '^' : ''}${body}]`;
      i = j;
    } else out += c.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  }
  return new RegExp(`^(?:${out})$`, 's');
}
