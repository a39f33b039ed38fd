import { existsSync } from 'node:fs';
import { join } from 'node:path';

const INCLUDE = /\{%(-?)\s*include\s+(['"])([^'"]+)\2\s*(ignore\s+missing)?\s*(?:with(?:out)?\s+context)?\s*(-?)%\}/g;
const FROM_IMPORT = /\{%(-?)\s*from\s+(['"])([^'"]+)\2\s+import\s+[^%]*?(-?)%\}/g;
const MAX_DEPTH = 10;

export interface IncludeSource {
  /** Finds a template named in an include on the search path (names are not relative to the includer). */
  locate(name: string): Promise<string | undefined>;
  read(path: string): Promise<string>;
}

/**
 * The shared templar has no template loader, so `{% include 'x' %}` and `{% from 'x' import m %}`
 * with literal names are resolved here: the named template's source is inlined inside an
 * `{% if true %}` block that carries the tag's whitespace control. Macros imported with `from`
 * become available because their definitions are inlined before use.
 */
export async function inlineIncludes(source: string, file: string, src: IncludeSource, depth = 0): Promise<string> {
  if (depth > MAX_DEPTH) throw new Error(`templates include each other more than ${MAX_DEPTH} levels deep (${file})`);
  const tags = [...source.matchAll(INCLUDE), ...source.matchAll(FROM_IMPORT)];
  if (!tags.length) return source;
  const parts: string[] = [];
  let last = 0;
  for (const m of tags.sort((x, y) => (x.index ?? 0) - (y.index ?? 0))) {
    const [whole, left, , name] = m;
    const isInclude = whole.includes('include');
    const right = isInclude ? m[5] : m[4];
    const path = await src.locate(name);
    parts.push(source.slice(last, m.index));
    last = (m.index ?? 0) + whole.length;
    if (!path) {
      if (isInclude && m[4]) continue;
      throw new Error(`TemplateNotFound: ${name}`);
    }
    const body = (await inlineIncludes(await src.read(path), path, src, depth + 1)).replace(/\n$/, '');
    parts.push(`{%${left} if true %}${body}{% endif ${right}%}`);
  }
  parts.push(source.slice(last));
  return parts.join('');
}

/** `name` in `dir` when it exists there (Ansible searches the main template's directory first). */
export function inDirectory(name: string, dir: string): string | undefined {
  const candidate = join(dir, name);
  return existsSync(candidate) ? candidate : undefined;
}
