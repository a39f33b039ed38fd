import { stat } from 'node:fs/promises';
import { hostname, userInfo } from 'node:os';
import { basename, dirname } from 'node:path';
import { defineModule, PyDateTime, pyStr, type ModuleContext, type ModuleResult, type Vars } from 'tsible';
import { expandPathArgs } from './_files/path-args.js';
import { FILE_ATTR_OPTIONS } from './_files/copy-args.js';
import { deployContent } from './_files/deploy.js';
import { applyWhitespaceOptions } from './_files/jinja-source.js';
import { inDirectory, inlineIncludes } from './_files/template-include.js';

interface TemplateArgs {
  src: string;
  dest: string;
  backup: boolean;
  force: boolean;
  follow: boolean;
  newline_sequence: string;
  trim_blocks: boolean;
  lstrip_blocks: boolean;
  validate?: string;
  mode?: unknown;
  owner?: string;
  group?: string;
  output_encoding: string;
  variable_start_string?: string;
  variable_end_string?: string;
  block_start_string?: string;
  block_end_string?: string;
  comment_start_string?: string;
  comment_end_string?: string;
}

const DELIMITER_DEFAULTS: Record<string, string> = {
  variable_start_string: '{{', variable_end_string: '}}', block_start_string: '{%', block_end_string: '%}',
  comment_start_string: '{#', comment_end_string: '#}',
};

async function templateVars(ctx: ModuleContext<TemplateArgs>, fullPath: string): Promise<Vars> {
  const st = await stat(fullPath);
  let uid = String(st.uid);
  try {
    if (st.uid === userInfo().uid) uid = userInfo().username;
  } catch { /* no passwd entry: keep the number */ }
  const managed = typeof ctx.vars.ansible_managed === 'string' ? ctx.vars.ansible_managed : 'Ansible managed';
  return {
    template_host: hostname(), template_path: ctx.args.src, template_fullpath: fullPath, template_destpath: ctx.args.dest,
    template_uid: uid, template_mtime: new PyDateTime(st.mtime), template_run_date: new PyDateTime(new Date()),
    ansible_managed: managed,
  };
}

async function render(ctx: ModuleContext<TemplateArgs>, fullPath: string): Promise<string> {
  const a = ctx.args;
  const read = async (path: string) => (await ctx.readControllerFile(path)).toString('utf8');
  const source = await inlineIncludes(await read(fullPath), fullPath, {
    read,
    locate: async (name) => inDirectory(name, dirname(fullPath)) ?? (await ctx.findFile(name, 'templates').catch(() => undefined)),
  });
  const prepared = applyWhitespaceOptions(source, a.trim_blocks, a.lstrip_blocks);
  const rendered = await ctx.template(prepared, await templateVars(ctx, fullPath), { file: true });
  const text = typeof rendered === 'string' ? rendered : pyStr(rendered);
  return a.newline_sequence === '\n' ? text : text.replace(/\n/g, a.newline_sequence);
}

/** Renders a Jinja2 template on the controller and copies the result to the target. */
export default defineModule<TemplateArgs>({
  name: 'template',
  shortDescription: 'Template a file out to a target host',
  options: {
    src: { type: 'path', required: true, description: 'Jinja2 template on the controller (searched in templates/).' },
    dest: { type: 'path', required: true, description: 'Location to render the template to on the remote machine.' },
    backup: { type: 'bool', default: false, description: 'Keep a timestamped copy of the file it replaces.' },
    force: { type: 'bool', default: true, description: 'Replace a dest whose content differs; false: only when dest is missing.' },
    follow: { type: 'bool', default: false, description: 'Follow a dest that is a symlink.' },
    newline_sequence: { type: 'str', default: '\n', choices: ['\n', '\r', '\r\n'], description: 'Newline sequence of the rendered file.' },
    trim_blocks: { type: 'bool', default: true, description: 'Remove the first newline after a block.' },
    lstrip_blocks: { type: 'bool', default: false, description: 'Strip tabs and spaces before a block tag at the start of a line.' },
    validate: { type: 'str', description: 'Command validating the rendered file before it replaces dest; `%s` is its path.' },
    output_encoding: { type: 'str', default: 'utf-8', description: 'Only utf-8 is supported.' },
    ...Object.fromEntries(Object.entries(DELIMITER_DEFAULTS).map(([k, v]) => [k, { type: 'str' as const, description: `Only the default \`${v}\` is supported.` }])),
    ...FILE_ATTR_OPTIONS,
  },
  returns: { dest: 'Destination file.', checksum: 'sha1 of the rendered file.', src: 'Template source.', backup_file: 'Backup file name.', mode: 'Permissions.', owner: 'Owner.', group: 'Group.', size: 'Size.' },
  checkMode: 'full',
  async run(ctx): Promise<ModuleResult> {
    await expandPathArgs(ctx, ['dest']);
    const a = ctx.args as TemplateArgs & Record<string, unknown>;
    for (const [k, v] of Object.entries(DELIMITER_DEFAULTS)) {
      if (a[k] !== undefined && a[k] !== v) return { failed: true, changed: false, msg: `${k} other than '${v}' is not supported by tsible` };
    }
    if (!/^utf-?8$/i.test(a.output_encoding)) return { failed: true, changed: false, msg: `output_encoding ${a.output_encoding} is not supported by tsible (utf-8 only)` };
    let fullPath: string;
    try {
      fullPath = await ctx.findFile(a.src, 'templates');
    } catch (err) {
      return { failed: true, changed: false, msg: (err as Error).message };
    }
    let text: string;
    try {
      text = await render(ctx, fullPath);
    } catch (err) {
      return { failed: true, changed: false, msg: `AnsibleError: ${(err as Error).message}` };
    }
    return deployContent(ctx, Buffer.from(text, 'utf8'), {
      dest: a.dest, basename: basename(a.src), src: a.src, backup: a.backup, force: a.force, follow: a.follow,
      validate: a.validate, mode: a.mode, owner: a.owner, group: a.group,
    });
  },
});
