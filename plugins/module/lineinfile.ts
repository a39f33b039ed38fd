import { defineModule, type ModuleResult } from 'tsible';
import { expandPathArgs } from './_files/path-args.js';
import { FILE_ATTR_OPTIONS } from './_files/copy-args.js';
import { absentEdit, presentEdit, type LineArgs } from './_files/lineinfile-edit.js';
import { readRemoteText, writeBack } from './_files/text-edit.js';

interface LineInFileArgs extends LineArgs {
  path: string;
  state: 'present' | 'absent';
  create: boolean;
  backup: boolean;
  validate?: string;
  mode?: unknown;
  owner?: string;
  group?: string;
}

function checkArgs(a: LineInFileArgs): string | undefined {
  const exclusive: Array<[keyof LineInFileArgs, keyof LineInFileArgs]> = [['insertbefore', 'insertafter'], ['regexp', 'search_string'], ['backrefs', 'search_string']];
  for (const [x, y] of exclusive) {
    if (a[x] !== undefined && a[x] !== false && a[y] !== undefined && a[y] !== false) return `parameters are mutually exclusive: ${x}|${y}`;
  }
  if (a.state === 'present') {
    if (a.backrefs && a.regexp === undefined) return 'regexp is required with backrefs=true';
    if (a.line === undefined) return 'line is required with state=present';
  } else if (a.line === undefined && a.regexp === undefined && a.search_string === undefined) {
    return 'one of line, search_string, or regexp is required with state=absent';
  }
  return undefined;
}

/** Ensures a line is in a file (or is not); the file is edited on the controller and written back atomically. */
export default defineModule<LineInFileArgs>({
  name: 'lineinfile',
  shortDescription: 'Manage lines in text files',
  options: {
    path: { type: 'path', required: true, aliases: ['dest', 'destfile', 'name'], description: 'The file to modify.' },
    regexp: { type: 'str', aliases: ['regex'], description: 'Python regular expression looked for in every line.' },
    search_string: { type: 'str', description: 'Literal string looked for in every line.' },
    state: { type: 'str', default: 'present', choices: ['absent', 'present'], description: 'Whether the line should be there or not.' },
    line: { type: 'str', aliases: ['value'], description: 'The line to insert/replace into the file.' },
    backrefs: { type: 'bool', default: false, description: 'Expand `\\1`/`\\g<name>` in line from the regexp match; no match leaves the file unchanged.' },
    insertafter: { type: 'str', description: 'Insert after the last line matching this regex, or EOF/BOF.' },
    insertbefore: { type: 'str', description: 'Insert before the last line matching this regex, or BOF.' },
    create: { type: 'bool', default: false, description: 'Create the file when it does not exist.' },
    backup: { type: 'bool', default: false, description: 'Keep a timestamped copy of the original file.' },
    firstmatch: { type: 'bool', default: false, description: 'Use the first line matching insertafter/insertbefore/regexp instead of the last.' },
    validate: { type: 'str', description: 'Validation command run on the new file; `%s` is its path.' },
    ...FILE_ATTR_OPTIONS,
  },
  returns: { changed: 'Whether the file changed.', msg: 'line added, line replaced, N line(s) removed…', backup: 'Backup file name.', found: 'Lines removed (state=absent).' },
  checkMode: 'full',
  async run(ctx): Promise<ModuleResult> {
    await expandPathArgs(ctx, ['path']);
    const a = ctx.args;
    const bad = checkArgs(a);
    if (bad) return { failed: true, changed: false, msg: bad };
    let file;
    try {
      // What a missing file would become, so the read creates it in the same round trip.
      const missing = a.state === 'present' && a.create ? presentEdit('', { ...a, line: a.line as string }) : undefined;
      file = await readRemoteText(ctx, a.path, missing?.changed ? { text: missing.after, opts: { ...a, makeParents: true } } : undefined);
      if (file.st.type === 'directory') return { failed: true, changed: false, rc: 256, msg: `Path ${a.path} is a directory !` };
      if (a.state === 'absent') {
        if (file.text === undefined) return { changed: false, msg: 'file not present' };
        return await writeBack(ctx, file, absentEdit(file.text, a), { ...a, backupKey: 'backup' });
      }
      if (file.text === undefined && !a.create) return { failed: true, changed: false, rc: 257, msg: `Destination ${a.path} does not exist !` };
      const edit = presentEdit(file.text ?? '', { ...a, line: a.line as string });
      return await writeBack(ctx, file, edit, { ...a, makeParents: true, backupKey: 'backup' });
    } catch (err) {
      return { failed: true, changed: false, msg: (err as Error).message };
    }
  },
});
