import { createHash, randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { basename, dirname, isAbsolute, join, resolve } from 'node:path';
import { defineModule, type ModuleContext, type ModuleResult } from 'tsible';
import { expandPathArgs } from './_files/path-args.js';
import { statOf } from './_files/probe.js';
import { runScript, usesBecome } from './_files/remote.js';
import { probeCall } from './_files/shell-lib.js';

interface FetchArgs { src: string; dest: string; flat: boolean; fail_on_missing: boolean; validate_checksum: boolean }

const digest = (algo: string, data: Buffer) => createHash(algo).update(data).digest('hex');

/** Where the file lands on the controller: dest/<inventory_hostname>/<src>, or dest itself with flat. */
function localDest(ctx: ModuleContext<FetchArgs>): string {
  const { src, flat } = ctx.args;
  let dest = ctx.args.dest.replace(/^~(?=\/|$)/, process.env.HOME ?? '~');
  if (!isAbsolute(dest)) dest = resolve(typeof ctx.vars.playbook_dir === 'string' ? ctx.vars.playbook_dir : process.cwd(), dest);
  if (flat) return ctx.args.dest.endsWith('/') ? join(dest, basename(src)) : dest;
  return join(dest, ctx.host, src.startsWith('/') ? src : `/${src}`);
}

async function readLocal(path: string): Promise<Buffer | undefined> {
  return readFile(path).catch(() => undefined);
}

/** Copies the remote bytes to `dest` atomically: SFTP without become, else the probe's base64 read. */
async function transfer(ctx: ModuleContext<FetchArgs>, dest: string, content?: Buffer): Promise<Buffer> {
  await mkdir(dirname(dest), { recursive: true });
  const tmp = `${dest}.${randomBytes(6).toString('hex')}.tsible-tmp`;
  try {
    if (content) await writeFile(tmp, content);
    else await (await ctx.connection()).fetch(ctx.args.src, tmp);
    await rename(tmp, dest);
  } finally {
    await rm(tmp, { force: true });
  }
  return readFile(dest);
}

function missing(ctx: ModuleContext<FetchArgs>, msg: string): ModuleResult {
  return { changed: false, msg, file: ctx.args.src, ...(ctx.args.fail_on_missing ? { failed: true } : {}) };
}

/** Fetches a file from the target into a controller directory tree keyed by host name. */
export default defineModule<FetchArgs>({
  name: 'fetch',
  shortDescription: 'Fetch files from remote nodes',
  options: {
    src: { type: 'str', required: true, description: 'The file on the remote system to fetch (a file, not a directory).' },
    dest: { type: 'str', required: true, description: 'A controller directory to save the file into (a file path with flat).' },
    flat: { type: 'bool', default: false, description: 'Do not add the hostname/path layout under dest.' },
    fail_on_missing: { type: 'bool', default: true, description: 'Fail when the remote file does not exist or cannot be read.' },
    validate_checksum: { type: 'bool', default: true, description: 'Verify the sha1 of the fetched file against the remote one.' },
  },
  returns: { dest: 'Local path of the fetched file.', checksum: 'sha1 of the local file.', remote_checksum: 'sha1 on the target.',
    md5sum: 'md5 of the local file.', file: 'src, when it could not be fetched.' },
  checkMode: 'full',
  async run(ctx) {
    await expandPathArgs(ctx, ['src'], { vars: false });
    const become = usesBecome(ctx);
    const run = await runScript(ctx, probeCall('s', ctx.args.src, ctx.quote, { follow: true, checksum: 'sha1', content: become }));
    const st = statOf(run, 's');
    if (!st.exists) return missing(ctx, 'the remote file does not exist, not transferring, ignored');
    if (st.type === 'directory') return { failed: true, changed: false, msg: 'remote file is a directory, fetch cannot work on directories', file: ctx.args.src };
    if (!st.readable) return missing(ctx, 'file is not readable, not transferring, ignored');
    const dest = localDest(ctx);
    if (ctx.args.flat && !ctx.args.dest.endsWith('/') && (await stat(dest).catch(() => undefined))?.isDirectory()) {
      return { failed: true, changed: false, msg: 'dest is an existing directory, use a trailing slash if you want to fetch src into that directory' };
    }
    const local = await readLocal(dest);
    const base = { dest, remote_checksum: st.checksum, remote_md5sum: null };
    if (local && digest('sha1', local) === st.checksum) {
      return { ...base, changed: false, checksum: st.checksum, md5sum: digest('md5', local), file: ctx.args.src };
    }
    if (ctx.check) return { ...base, changed: true, checksum: st.checksum };
    const fetched = await transfer(ctx, dest, become ? st.content : undefined);
    const checksum = digest('sha1', fetched);
    if (ctx.args.validate_checksum && checksum !== st.checksum) {
      return { ...base, failed: true, changed: false, msg: 'checksum mismatch', file: ctx.args.src, checksum };
    }
    return { ...base, changed: true, checksum, md5sum: digest('md5', fetched) };
  },
});
