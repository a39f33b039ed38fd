import { defineModule, pyRegex, pyReplacement, type DiffEntry, type ModuleResult } from 'tsible';
import { expandPathArgs } from './_files/path-args.js';
import { FILE_ATTR_OPTIONS } from './_files/copy-args.js';
import { readRemoteText, writeBack, type Edit } from './_files/text-edit.js';

interface ReplaceArgs {
  path: string;
  regexp: string;
  replace: string;
  after?: string;
  before?: string;
  backup: boolean;
  validate?: string;
  encoding: string;
  mode?: unknown;
  owner?: string;
  group?: string;
}

/** The part of the file that after/before select (Python pattern with a DOTALL subsection). */
function section(contents: string, a: ReplaceArgs): { start: number; end: number } | string | undefined {
  let pattern = '';
  if (a.after && a.before) pattern = `${a.after}(?P<subsection>.*?)${a.before}`;
  else if (a.after) pattern = `${a.after}(?P<subsection>.*)`;
  else if (a.before) pattern = `(?P<subsection>.*)${a.before}`;
  if (!pattern) return undefined;
  const re = pyRegex(pattern, { dotall: true });
  const m = new RegExp(re.source, `${re.flags}d`).exec(contents);
  const span = m?.indices?.groups?.subsection;
  if (!span) return `Pattern for before/after params did not match the given file: ${pattern}`;
  return { start: span[0], end: span[1] };
}

function replaceEdit(contents: string, a: ReplaceArgs, span: { start: number; end: number }): Edit {
  const part = contents.slice(span.start, span.end);
  const re = pyRegex(a.regexp, { multiline: true, global: true });
  const expand = pyReplacement(a.replace);
  let count = 0;
  const replaced = part.replace(re, (...args: unknown[]) => {
    count++;
    const groups = typeof args[args.length - 1] === 'object' ? args[args.length - 1] as Record<string, string> : undefined;
    const nGroups = args.length - (groups ? 3 : 2);
    return expand(args.slice(0, nGroups) as string[], groups);
  });
  if (count === 0 || replaced === part) return { after: contents, changed: false, msg: '' };
  return { after: contents.slice(0, span.start) + replaced + contents.slice(span.end), changed: true, msg: `${count} replacements made` };
}

/** Replaces all instances of a pattern within a file (Python regex syntax translated to JavaScript). */
export default defineModule<ReplaceArgs>({
  name: 'replace',
  shortDescription: 'Replace all instances of a particular string in a file using a back-referenced regular expression',
  options: {
    path: { type: 'path', required: true, aliases: ['dest', 'destfile', 'name'], description: 'The file to modify.' },
    regexp: { type: 'str', required: true, description: 'Python regular expression (MULTILINE), translated to JavaScript.' },
    replace: { type: 'str', default: '', description: 'Replacement; `\\1`, `\\g<1>` and `\\g<name>` refer to groups.' },
    after: { type: 'str', description: 'Only replace after this expression (DOTALL).' },
    before: { type: 'str', description: 'Only replace before this expression (DOTALL).' },
    backup: { type: 'bool', default: false, description: 'Keep a timestamped copy of the original file.' },
    validate: { type: 'str', description: 'Validation command run on the new file; `%s` is its path.' },
    encoding: { type: 'str', default: 'utf-8', description: 'Only utf-8 is supported.' },
    ...FILE_ATTR_OPTIONS,
  },
  returns: { changed: 'Whether the file changed.', msg: 'N replacements made.', backup_file: 'Backup file name.' },
  checkMode: 'full',
  async run(ctx): Promise<ModuleResult> {
    await expandPathArgs(ctx, ['path']);
    const a = ctx.args;
    try {
      const file = await readRemoteText(ctx, a.path);
      if (file.st.type === 'directory') return { failed: true, changed: false, rc: 256, msg: `Path ${a.path} is a directory !` };
      if (file.text === undefined) return { failed: true, changed: false, rc: 257, msg: `Path ${a.path} does not exist !` };
      const span = section(file.text, a) ?? { start: 0, end: file.text.length };
      if (typeof span === 'string') return { rc: 0, changed: false, msg: span };
      const edit = replaceEdit(file.text, a, span);
      const result = await writeBack(ctx, file, edit, a);
      if (Array.isArray(result.diff)) {
        const content = result.diff[0] as DiffEntry;
        if (edit.changed && ctx.diff) result.diff = { before_header: a.path, before: content.before, after_header: a.path, after: content.after };
        else delete result.diff;
      }
      return { rc: 0, ...result };
    } catch (err) {
      return { failed: true, changed: false, msg: (err as Error).message };
    }
  },
});
