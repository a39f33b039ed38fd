/**
 * Rewrites a template that marks variables with custom delimiters (`[[ x ]]`) into standard Jinja:
 * the custom markers become `{{ }}` and any literal `{{` in the text is escaped, so it stays text.
 */
export function withStandardDelimiters(source: string, start: string, end: string): string {
  if (start === '{{' && end === '}}') return source;
  let out = '';
  let pos = 0;
  while (pos < source.length) {
    const open = source.indexOf(start, pos);
    const textEnd = open === -1 ? source.length : open;
    out += escapeText(source.slice(pos, textEnd));
    if (open === -1) break;
    const close = source.indexOf(end, open + start.length);
    if (close === -1) {
      out += escapeText(source.slice(open));
      break;
    }
    out += `{{${source.slice(open + start.length, close)}}}`;
    pos = close + end.length;
  }
  return out;
}

function escapeText(text: string): string {
  return text.split('{{').join("{{ '{{' }}");
}
