import { defineModule, type ModuleResult } from 'tsible';
import { expandPathArgs } from './_files/path-args.js';
import { FILE_ATTR_OPTIONS } from './_files/copy-args.js';
import { iniEdit } from './_files/ini-edit.js';
import { readRemoteText, writeBack } from './_files/text-edit.js';

interface IniFileArgs {
  path: string;
  section?: string;
  option?: string;
  value?: string;
  values?: string[];
  backup: boolean;
  state: 'present' | 'absent';
  exclusive: boolean;
  no_extra_spaces: boolean;
  allow_no_value: boolean;
  create: boolean;
  mode?: unknown;
  owner?: string;
  group?: string;
}

/** Manages settings in INI files (community.general.ini_file), edited on the controller. */
export default defineModule<IniFileArgs>({
  name: 'ini_file',
  shortDescription: 'Tweak settings in INI files',
  options: {
    path: { type: 'path', required: true, aliases: ['dest'], description: 'Path to the INI-style file; created when missing (create).' },
    section: { type: 'str', description: 'Section name; omit for options before the first section.' },
    option: { type: 'str', description: 'Option name; omit with state=absent to remove the whole section.' },
    value: { type: 'str', description: 'The value of the option.' },
    values: { type: 'list', elements: 'str', description: 'Several values for one option (with exclusive).' },
    backup: { type: 'bool', default: false, description: 'Keep a timestamped copy of the original file.' },
    state: { type: 'str', default: 'present', choices: ['absent', 'present'], description: 'Whether the option should be there or not.' },
    exclusive: { type: 'bool', default: true, description: 'Remove other values of the option.' },
    no_extra_spaces: { type: 'bool', default: false, description: 'Write `option=value` without spaces.' },
    allow_no_value: { type: 'bool', default: false, description: 'Allow options without a value.' },
    create: { type: 'bool', default: true, description: 'Create the file when it is missing.' },
    ...FILE_ATTR_OPTIONS,
  },
  returns: { path: 'The file.', msg: 'OK, option added, option changed, section removed…', backup_file: 'Backup file name.' },
  checkMode: 'full',
  async run(ctx): Promise<ModuleResult> {
    await expandPathArgs(ctx, ['path']);
    const a = ctx.args;
    if (a.value !== undefined && a.values !== undefined) return { failed: true, changed: false, msg: 'parameters are mutually exclusive: value|values' };
    if (a.state === 'present' && !a.allow_no_value && a.value === undefined && !a.values?.length) {
      return { failed: true, changed: false, msg: "Parameter 'value(s)' must be defined if state=present and allow_no_value=False." };
    }
    try {
      const file = await readRemoteText(ctx, a.path);
      if (file.text === undefined && !a.create) return { failed: true, changed: false, rc: 257, msg: `Destination ${a.path} does not exist!` };
      const edit = iniEdit(file.text, { ...a, values: a.value !== undefined ? [a.value] : a.values ?? [] });
      const result = await writeBack(ctx, file, edit, { ...a, makeParents: true, pathInfo: true });
      if (Array.isArray(result.diff)) result.diff = result.diff[0];
      return { ...result, path: a.path };
    } catch (err) {
      return { failed: true, changed: false, msg: (err as Error).message };
    }
  },
});
