import { readFile, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { defineModule, type ModuleContext, type ModuleResult } from 'tsible';
import { expandPathArgs } from './_files/path-args.js';
import { FILE_ATTR_OPTIONS, type CopyArgs } from './_files/copy-args.js';
import { copyTree } from './_files/copy-tree.js';
import { copyRemote } from './_files/copy-remote.js';
import { deployContent } from './_files/deploy.js';
import { octal } from './_files/mode.js';

async function copyLocalFile(ctx: ModuleContext<CopyArgs>, path: string): Promise<ModuleResult> {
  const a = ctx.args;
  const data = a.decrypt ? await ctx.readControllerFile(path) : await readFile(path);
  const mode = a.mode === 'preserve' ? octal((await stat(path)).mode) : a.mode;
  return deployContent(ctx, data, {
    dest: a.dest, basename: basename(a.src as string), src: a.src, backup: a.backup, force: a.force, follow: a.follow,
    validate: a.validate, mode, owner: a.owner, group: a.group, directory_mode: a.directory_mode, checksum: a.checksum,
  });
}

/** Copies files to remote locations: content, a controller file or tree, or a file already on the target. */
export default defineModule<CopyArgs>({
  name: 'copy',
  shortDescription: 'Copy files to remote locations',
  options: {
    src: { type: 'path', description: 'Controller path (file or directory; a trailing `/` copies the directory\'s contents), or a target path with remote_src.' },
    content: { type: 'str', description: 'Write this text to dest instead of copying src.' },
    dest: { type: 'path', required: true, description: 'Remote absolute path where the file should be copied to.' },
    backup: { type: 'bool', default: false, description: 'Keep a timestamped copy of the file it replaces.' },
    force: { type: 'bool', default: true, aliases: ['thirsty'], description: 'Replace a dest whose content differs; false: only when dest is missing.' },
    directory_mode: { type: 'raw', description: 'Mode of directories created by a recursive copy.' },
    remote_src: { type: 'bool', default: false, description: 'src is a path on the target.' },
    local_follow: { type: 'bool', default: true, description: 'Follow symlinks in the controller source.' },
    follow: { type: 'bool', default: false, description: 'Follow a dest that is a symlink.' },
    validate: { type: 'str', description: 'Command validating the new file before it replaces dest; `%s` is its path.' },
    checksum: { type: 'str', description: 'Expected sha1 of the file being transferred.' },
    decrypt: { type: 'bool', default: true, description: 'Decrypt vaulted source files.' },
    ...FILE_ATTR_OPTIONS,
  },
  returns: {
    dest: 'Destination file/path.', src: 'Source file used for the copy.', checksum: 'sha1 of the file after running copy.',
    md5sum: 'md5 of the file (when transferred).', size: 'Size in bytes.', mode: 'Permissions after the copy.', owner: 'Owner name.',
    group: 'Group name.', uid: 'Owner id.', gid: 'Group id.', state: 'file, directory…', backup_file: 'Name of the backup file, when backup was asked for.',
  },
  checkMode: 'full',
  async run(ctx) {
    await expandPathArgs(ctx, ctx.args.remote_src ? ['dest', 'src'] : ['dest']);
    const a = ctx.args;
    if (a.src === undefined && a.content === undefined) return { failed: true, changed: false, msg: 'src (or content) is required' };
    if (a.src !== undefined && a.content !== undefined) return { failed: true, changed: false, msg: 'src and content are mutually exclusive' };
    if (a.content !== undefined) {
      const data = Buffer.from(a.content, 'utf8');
      return deployContent(ctx, data, { ...a, src: undefined, basename: undefined });
    }
    if (a.remote_src) return copyRemote(ctx);
    let local: string;
    try {
      local = await ctx.findFile(a.src as string, 'files');
    } catch (err) {
      return { failed: true, changed: false, msg: (err as Error).message };
    }
    if ((await stat(local)).isDirectory()) return copyTree(ctx, local);
    return copyLocalFile(ctx, local);
  },
});
