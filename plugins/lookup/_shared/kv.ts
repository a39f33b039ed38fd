import { splitArgs } from 'tsible';
/**
 * Ansible's `key=value` strings inside lookup terms (`'user section=db file=users.ini'`): words are
 * split on whitespace outside quotes and `{{ }}`; `k=v` words become options (quotes removed),
 * every other word is kept, in order and verbatim, as the free-form part.
 */
export interface ParsedKv {
  params: Record<string, string>;
  /** The words that are not `k=v`, joined with single spaces; undefined when there are none. */
  raw?: string;
}

/** Words split on whitespace outside quotes and `{{ }}` (the same splitting as task `k=v` arguments). */
export const splitWords = splitArgs;

export function unquote(value: string): string {
  const q = value[0];
  if (value.length >= 2 && (q === '"' || q === "'") && value[value.length - 1] === q) {
    return value.slice(1, -1).split(`\\${q}`).join(q);
  }
  return value;
}

export function parseKv(text: string): ParsedKv {
  const params: Record<string, string> = {};
  const raw: string[] = [];
  for (const word of splitWords(text)) {
    const eq = findEquals(word);
    if (eq > 0) params[word.slice(0, eq).trim()] = unquote(word.slice(eq + 1).trim());
    else raw.push(eq === -2 ? word.replace(/\\=/g, '=') : word);
  }
  return raw.length ? { params, raw: raw.join(' ') } : { params };
}

/** Index of the first unescaped `=` after position 0; -1 when there is none, -2 when all are escaped. */
function findEquals(word: string): number {
  if (!word.includes('=')) return -1;
  for (let i = 1; i < word.length; i++) if (word[i] === '=' && word[i - 1] !== '\\') return i;
  return -2;
}
