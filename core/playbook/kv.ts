/**
 * Ansible's `k=v` argument strings (`copy: src=a dest="b c"`). Quotes group words, `{{ }}` and
 * `{% %}` blocks are never split, and a word without `=` goes to the free-form `_raw_params`.
 */
export function splitArgs(text: string): string[] {
  const words: string[] = [];
  let word = '';
  let quote: string | undefined;
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    const pair = text.slice(i, i + 2);
    if (!quote && (pair === '{{' || pair === '{%')) depth++;
    if (!quote && depth > 0 && (pair === '}}' || pair === '%}')) depth--;
    if (quote) {
      if (c === '\\' && text[i + 1] === quote) {
        word += c + quote;
        i++;
        continue;
      }
      if (c === quote) quote = undefined;
      word += c;
    } else if ((c === '"' || c === "'") && depth === 0) {
      quote = c;
      word += c;
    } else if (/\s/.test(c) && depth === 0) {
      if (word) words.push(word);
      word = '';
    } else {
      word += c;
    }
  }
  if (word) words.push(word);
  return words;
}

function unquote(value: string): string {
  if (value.length >= 2 && (value[0] === '"' || value[0] === "'") && value[value.length - 1] === value[0]) {
    return value.slice(1, -1).replace(new RegExp(`\\\\${value[0]}`, 'g'), value[0]);
  }
  return value;
}

/**
 * Parses `k=v` words into an object. When `freeForm` is set, words that are not `k=v` (or whose key
 * is not one of `freeFormKeys`) are kept, in their original text, as `_raw_params`.
 */
export function parseKeyValue(text: string, freeForm = false, freeFormKeys?: ReadonlySet<string>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const raw: string[] = [];
  for (const word of splitArgs(text)) {
    const eq = word.indexOf('=');
    const key = eq > 0 ? word.slice(0, eq) : '';
    const isKv = eq > 0 && /^[A-Za-z_][A-Za-z0-9_]*$/.test(key) && (!freeForm || !freeFormKeys || freeFormKeys.has(key));
    if (isKv) out[key] = unquote(word.slice(eq + 1));
    else raw.push(word);
  }
  if (raw.length) {
    if (!freeForm) out._raw_params = raw.join(' ');
    else out._raw_params = raw.map((w) => w).join(' ');
  }
  return out;
}
