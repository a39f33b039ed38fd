import { defineModule, type ModuleResult } from 'tsible';
import { expandPathArgs } from './_files/path-args.js';
import { blockEdit, type BlockArgs } from './_files/blockinfile-edit.js';
import { FILE_ATTR_OPTIONS } from './_files/copy-args.js';
import { readRemoteText, writeBack } from './_files/text-edit.js';

interface BlockInFileArgs extends BlockArgs {
  path: string;
  create: boolean;
  backup: boolean;
  validate?: string;
  mode?: unknown;
  owner?: string;
  group?: string;
}

/** Inserts, updates or removes a block of lines surrounded by marker lines. */
export default defineModule<BlockInFileArgs>({
  name: 'blockinfile',
  shortDescription: 'Insert/update/remove a text block surrounded by marker lines',
  options: {
    path: { type: 'path', required: true, aliases: ['dest', 'destfile', 'name'], description: 'The file to modify.' },
    state: { type: 'str', default: 'present', choices: ['absent', 'present'], description: 'Whether the block should be there or not.' },
    marker: { type: 'str', default: '# {mark} ANSIBLE MANAGED BLOCK', description: 'Marker line template; `{mark}` becomes marker_begin/marker_end.' },
    block: { type: 'str', default: '', aliases: ['content'], description: 'The text to insert inside the marker lines.' },
    insertafter: { type: 'str', description: 'Insert after the last line matching this regex, or EOF (default).' },
    insertbefore: { type: 'str', description: 'Insert before the last line matching this regex, or BOF.' },
    create: { type: 'bool', default: false, description: 'Create a new file if it does not exist.' },
    backup: { type: 'bool', default: false, description: 'Keep a timestamped copy of the original file.' },
    marker_begin: { type: 'str', default: 'BEGIN', description: 'Replaces {mark} in the first marker.' },
    marker_end: { type: 'str', default: 'END', description: 'Replaces {mark} in the last marker.' },
    validate: { type: 'str', description: 'Validation command run on the new file; `%s` is its path.' },
    ...FILE_ATTR_OPTIONS,
  },
  returns: { changed: 'Whether the file changed.', msg: 'Block inserted, Block removed, File created…', backup: 'Backup file name.' },
  checkMode: 'full',
  async run(ctx): Promise<ModuleResult> {
    await expandPathArgs(ctx, ['path']);
    const a = ctx.args;
    if (a.insertafter !== undefined && a.insertbefore !== undefined) {
      return { failed: true, changed: false, msg: 'parameters are mutually exclusive: insertafter|insertbefore' };
    }
    try {
      const file = await readRemoteText(ctx, a.path);
      if (file.st.type === 'directory') return { failed: true, changed: false, rc: 256, msg: `Path ${a.path} is a directory !` };
      if (file.text === undefined) {
        if (!a.create) return { failed: true, changed: false, rc: 257, msg: `Path ${a.path} does not exist !` };
        if (a.state === 'absent') return { changed: false, msg: `File ${a.path} not present` };
      }
      return await writeBack(ctx, file, blockEdit(file.text, a), { ...a, makeParents: true });
    } catch (err) {
      return { failed: true, changed: false, msg: (err as Error).message };
    }
  },
});
