import { randomBytes } from 'node:crypto';
import { defineModule, type ModuleContext, type ModuleResult } from 'tsible';
import { expandPathArgs } from './_files/path-args.js';
import { FILE_ATTR_OPTIONS } from './_files/copy-args.js';
import { statOf } from './_files/probe.js';
import { runScript, usesBecome } from './_files/remote.js';
import { pathInfo } from './_files/results.js';
import { probeCall } from './_files/shell-lib.js';
import { HANDLERS, unarchiveScript } from './_files/unarchive-script.js';

interface UnarchiveArgs {
  src: string;
  dest: string;
  remote_src: boolean;
  copy?: boolean;
  creates?: string;
  list_files: boolean;
  keep_newer: boolean;
  exclude: string[];
  include: string[];
  extra_opts: string[];
  decrypt: boolean;
  mode?: unknown;
  owner?: string;
  group?: string;
}

function attrCommands(ctx: ModuleContext<UnarchiveArgs>): string[] {
  const { owner, group, mode } = ctx.args;
  const target = '"$tsible_d/$tsible_m"';
  const cmds: string[] = [];
  if (owner) cmds.push(`chown -h ${ctx.quote(owner)} ${target}`);
  if (group) cmds.push(`chgrp -h ${ctx.quote(group)} ${target}`);
  if (mode !== undefined && mode !== null) {
    const text = typeof mode === 'number' ? mode.toString(8) : String(mode).split(',').map((c) => (/^[-+=]/.test(c) ? `a${c}` : c)).join(',');
    cmds.push(`[ -L ${target} ] || chmod ${ctx.quote(text)} ${target}`);
  }
  return cmds;
}

/** Puts a controller-side archive into a private temp file on the target (as the become user when used). */
async function upload(ctx: ModuleContext<UnarchiveArgs>): Promise<string> {
  const local = await ctx.findFile(ctx.args.src, 'files');
  const data = ctx.args.decrypt ? await ctx.readControllerFile(local) : undefined;
  const remote = `/tmp/.tsible-unarchive-${randomBytes(8).toString('hex')}`;
  const conn = await ctx.connection();
  await conn.put(data ?? { localPath: local }, remote, { mode: 0o600, become: usesBecome(ctx) ? (c) => ctx.become(c)! : undefined });
  return remote;
}

function outcome(ctx: ModuleContext<UnarchiveArgs>, run: Awaited<ReturnType<typeof runScript>>, src: string): ModuleResult {
  const u = run.extra.get('u') ?? new Map<string, string>();
  const a = ctx.args;
  if (u.get('nodest')) return { failed: true, changed: false, msg: `dest '${a.dest}' must be an existing dir` };
  if (u.get('nosrc')) return { failed: true, changed: false, msg: `Source '${src}' does not exist` };
  if (u.get('missing')) return { failed: true, changed: false, msg: `Failed to find handler for "${src}": the target has no ${u.get('missing')}` };
  const handler = HANDLERS[u.get('kind') ?? 'tar'];
  const files = run.stdout.split('\n').filter((l) => l.startsWith('@l path=')).map((l) => l.slice(8));
  const b64 = (k: string) => Buffer.from(u.get(k) ?? '', 'base64').toString('utf8');
  const base: ModuleResult = { dest: a.dest, src, handler, ...pathInfo(statOf(run, 'o')), ...(a.list_files ? { files } : {}) };
  const same = u.get('same') === '1';
  if (u.has('rc')) {
    const extract_results = { cmd: u.get('cmd'), rc: Number(u.get('rc')), out: b64('out'), err: b64('err') };
    if (extract_results.rc !== 0) return { ...base, failed: true, changed: false, extract_results, msg: `failed to unpack ${src} to ${a.dest}` };
    return { ...base, changed: true, extract_results };
  }
  return { ...base, changed: !same || run.extra.get('x')?.get('attrs') === '1' };
}

/** Unpacks tar (gz/bz2/xz) and zip archives with the target's tar and unzip. */
export default defineModule<UnarchiveArgs>({
  name: 'unarchive',
  shortDescription: 'Unpacks an archive after (optionally) copying it from the local machine',
  options: {
    src: { type: 'path', required: true, description: 'Archive on the controller (searched in files/), or on the target with remote_src.' },
    dest: { type: 'path', required: true, description: 'Existing remote directory to unpack into.' },
    remote_src: { type: 'bool', default: false, description: 'The archive is already on the target.' },
    copy: { type: 'bool', description: 'Deprecated inverse of remote_src.' },
    creates: { type: 'path', description: 'Do nothing when this path exists.' },
    list_files: { type: 'bool', default: false, description: 'Return the archive members in `files`.' },
    keep_newer: { type: 'bool', default: false, description: 'Do not replace existing files newer than the archive members (tar --keep-newer-files).' },
    exclude: { type: 'list', elements: 'str', default: [], description: 'Members to leave out.' },
    include: { type: 'list', elements: 'str', default: [], description: 'Only these members.' },
    extra_opts: { type: 'list', elements: 'str', default: [], description: 'Extra options for tar or unzip.' },
    decrypt: { type: 'bool', default: true, description: 'Decrypt a vaulted controller archive.' },
    io_buffer_size: { type: 'int', default: 65536, description: 'Accepted for compatibility.' },
    validate_certs: { type: 'bool', default: true, description: 'Accepted for compatibility (URLs are not supported).' },
    ...FILE_ATTR_OPTIONS,
  },
  returns: { dest: 'Destination directory.', src: 'Archive.', handler: 'ZipArchive, TgzArchive, TarArchive, TarBzipArchive or TarXzArchive.', files: 'Members (list_files).', extract_results: 'cmd, rc, out, err of the extraction.' },
  checkMode: 'full',
  async run(ctx): Promise<ModuleResult> {
    await expandPathArgs(ctx, ctx.args.remote_src || ctx.args.copy === false ? ['dest', 'creates', 'src'] : ['dest', 'creates']);
    const a = ctx.args;
    const remoteSrc = a.copy === undefined ? a.remote_src : !a.copy;
    if (/^[a-z]+:\/\//i.test(a.src)) return { failed: true, changed: false, msg: 'tsible: unarchive from a URL is not supported; fetch it with get_url first' };
    if (a.creates) {
      const probe = await runScript(ctx, probeCall('c', a.creates, ctx.quote));
      if (statOf(probe, 'c').exists) return { changed: false, skipped: true, msg: `skipped, since ${a.creates} exists` };
    }
    let archive = a.src;
    try {
      if (!remoteSrc) archive = await upload(ctx);
    } catch (err) {
      return { failed: true, changed: false, msg: (err as Error).message };
    }
    const attrs = attrCommands(ctx);
    const snap = 'find "$tsible_d" -exec ls -ldn {} + 2>/dev/null | cksum';
    const script = [
      unarchiveScript({ archive, dest: a.dest, check: ctx.check, listFiles: a.list_files,
        extraOpts: a.keep_newer ? ['--keep-newer-files', ...a.extra_opts] : a.extra_opts, exclude: a.exclude, include: a.include,
        attrCommands: ctx.check ? [] : attrs, sets: { owner: !!a.owner, group: !!a.group, mode: a.mode !== undefined && a.mode !== null } }),
      probeCall('o', a.dest, ctx.quote),
    ].join('\n');
    const wrapped = attrs.length && !ctx.check ? `tsible_d=${ctx.quote(a.dest)}; tsible_s0=$(${snap})\n{ ${script}\n}\n[ "$tsible_s0" = "$(${snap})" ] || echo "@x attrs=1"` : script;
    // The uploaded copy goes away however the script ends.
    const cleanup = remoteSrc ? '' : `trap 'rm -f ${ctx.quote(archive).replace(/'/g, `'"'"'`)}' EXIT\n`;
    return outcome(ctx, await runScript(ctx, `${cleanup}${wrapped}`), a.src);
  },
});
