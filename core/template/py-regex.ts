/**
 * Python `re` patterns and replacement strings translated to JS RegExp, for the regex filters and
 * tests: named groups `(?P<n>…)`, `(?P=n)`, `\A`, `\Z`, leading inline flags `(?imsx)`, and
 * replacements `\1`, `\g<1>`, `\g<name>`.
 */
import { TsibleError } from '../errors.js';

export interface PyRegexFlags {
  ignorecase?: boolean;
  multiline?: boolean;
  dotall?: boolean;
  global?: boolean;
}

export function pyRegex(pattern: string, flags: PyRegexFlags = {}): RegExp {
  let src = pattern;
  let f = '';
  const inline = /^\(\?([aiLmsux]+)\)/.exec(src);
  if (inline) {
    src = src.slice(inline[0].length);
    if (inline[1].includes('i')) f += 'i';
    if (inline[1].includes('m')) f += 'm';
    if (inline[1].includes('s')) f += 's';
  }
  if (flags.ignorecase && !f.includes('i')) f += 'i';
  if (flags.multiline && !f.includes('m')) f += 'm';
  if (flags.dotall && !f.includes('s')) f += 's';
  if (flags.global) f += 'g';
  src = src
    .replace(/\(\?P<([A-Za-z_]\w*)>/g, '(?<$1>')
    .replace(/\(\?P=([A-Za-z_]\w*)\)/g, '\\k<$1>')
    .replace(/(^|[^\\])\\A/g, '$1^')
    .replace(/(^|[^\\])\\Z/g, '$1$(?![\\s\\S])');
  try {
    return new RegExp(src, f);
  } catch (err) {
    throw new TsibleError('TSIBLE_TEMPLATE', `invalid regular expression '${pattern}': ${(err as Error).message}`);
  }
}

/** Python replacement template → a function computing the replacement for one match. */
export function pyReplacement(template: string): (match: RegExpExecArray | string[], groups?: Record<string, string>) => string {
  const parts: (string | number | { name: string })[] = [];
  let text = '';
  for (let i = 0; i < template.length; i++) {
    const ch = template[i];
    if (ch !== '\\' || i === template.length - 1) {
      text += ch;
      continue;
    }
    const next = template[i + 1];
    const num = /^\d{1,2}/.exec(template.slice(i + 1));
    const named = /^g<(\w+)>/.exec(template.slice(i + 1));
    if (num) {
      parts.push(text, Number(num[0]));
      text = '';
      i += num[0].length;
    } else if (named) {
      parts.push(text, /^\d+$/.test(named[1]) ? Number(named[1]) : { name: named[1] });
      text = '';
      i += named[0].length;
    } else {
      const escapes: Record<string, string> = { n: '\n', t: '\t', r: '\r', '\\': '\\', f: '\f', v: '\v', a: '\x07', b: '\b' };
      text += escapes[next] ?? `\\${next}`;
      i++;
    }
  }
  parts.push(text);
  return (match, groups) => parts.map((p) => {
    if (typeof p === 'string') return p;
    if (typeof p === 'number') return match[p] ?? '';
    return groups?.[p.name] ?? '';
  }).join('');
}
