import { defineModule } from 'tsible';
import { expandPathArgs } from './_files/path-args.js';
import { statOf } from './_files/probe.js';
import { runScript } from './_files/remote.js';
import { statDict } from './_files/results.js';
import { parseStatExtra, statExtraScript } from './_files/stat-extra.js';
import { probeCall } from './_files/shell-lib.js';

interface StatArgs {
  path: string;
  follow: boolean;
  get_checksum: boolean;
  checksum_algorithm: string;
  get_mime: boolean;
  get_attributes: boolean;
}

/** Retrieves file or file system status with one shell script (stat, a checksum tool, `file`). */
export default defineModule<StatArgs>({
  name: 'stat',
  shortDescription: 'Retrieve file or file system status',
  options: {
    path: { type: 'path', required: true, aliases: ['dest', 'name'], description: 'The full path of the file/object to get the facts of.' },
    follow: { type: 'bool', default: false, description: 'Whether to follow symlinks.' },
    get_checksum: { type: 'bool', default: true, description: 'Whether to return a checksum of the file.' },
    checksum_algorithm: { type: 'str', default: 'sha1', aliases: ['checksum', 'checksum_algo'],
      choices: ['md5', 'sha1', 'sha224', 'sha256', 'sha384', 'sha512'], description: 'Algorithm to determine checksum of file.' },
    get_mime: { type: 'bool', default: true, aliases: ['mime', 'mime_type', 'mime-type'],
      description: 'Use the target\'s `file` utility to report mimetype and charset (skipped when `file` is absent).' },
    get_attributes: { type: 'bool', default: true, aliases: ['attr', 'attributes'], description: 'Report attributes, attr_flags and version with the target\'s lsattr (when present).' },
  },
  returns: { stat: 'Dictionary containing all the stat data (exists, path, mode, isdir, isreg, islnk, uid, gid, size, mtime, checksum, …).' },
  checkMode: 'full',
  async run(ctx) {
    await expandPathArgs(ctx, ['path']);
    const { path } = ctx.args;
    const run = await runScript(ctx, `${probeCall('s', path, ctx.quote, {
      follow: ctx.args.follow, checksum: ctx.args.get_checksum ? ctx.args.checksum_algorithm : false, mime: ctx.args.get_mime, extended: true,
    })}\n${statExtraScript(ctx.quote(path), ctx.args.follow, ctx.args.get_attributes)}`);
    if (run.rc !== 0) return { failed: true, changed: false, msg: run.stderr.trim() || `stat of ${path} failed` };
    const st = statOf(run, 's');
    return { changed: false, stat: st.exists ? { ...statDict(path, st), ...parseStatExtra(st, run.extra.get('x')) } : { exists: false } };
  },
});
