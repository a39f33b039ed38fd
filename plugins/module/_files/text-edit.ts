import { posix } from 'node:path';
import type { DiffEntry, ModuleContext, ModuleResult, Vars } from 'tsible';
import { planAttributes, type AttrArgs } from './attrs.js';
import { installContent, installIfAbsent, installOutcome, ranWhenAbsent, type InstallOutcome } from './install.js';
import { statOf, type RemoteStat } from './probe.js';
import { runScript } from './remote.js';
import { pathInfo } from './results.js';
import { existsCall, probeCall } from './shell-lib.js';

/** A remote text file read in one round trip (stat + base64 content + parent directory). */
export interface RemoteText {
  path: string;
  st: RemoteStat;
  /** undefined when the file does not exist. */
  text?: string;
  parentExists: boolean;
  umask: number;
  /** The file did not exist and the read's own script created it with this text (readRemoteText's `whenMissing`). */
  created?: { text: string; outcome: InstallOutcome };
}

export interface WriteOptions extends AttrArgs {
  backup?: boolean;
  validate?: string;
  /** Create missing parent directories (lineinfile/blockinfile `create`). */
  makeParents?: boolean;
  /** lineinfile reports `backup` (always, '' when none); the others `backup_file` when one was made. */
  backupKey?: 'backup' | 'backup_file';
  /** Add the file's owner/group/mode/state/size, as Ansible does for results carrying `path`. */
  pathInfo?: boolean;
}

export interface Edit {
  after: string;
  changed: boolean;
  msg: string;
  /** Values merged into the result (found, …). */
  extra?: Vars;
}

/**
 * Reads `path` (following links) with its stat; fails clearly when it is not readable. With
 * `whenMissing`, a file that does not exist yet is created with that text by the same script (the
 * caller's edit of an empty file), so writeBack has nothing left to send.
 */
export async function readRemoteText(ctx: ModuleContext<unknown>, path: string,
  whenMissing?: { text: string; opts: WriteOptions }): Promise<RemoteText> {
  const parent = posix.dirname(path);
  const create = whenMissing && await installIfAbsent(ctx, Buffer.from(whenMissing.text), { ...whenMissing.opts, dest: path });
  const read = `${probeCall('s', path, ctx.quote, { follow: true, content: true })}\n${existsCall('p', parent, ctx.quote)}`;
  const run = await runScript(ctx, create ? `${read}\n${create}` : read);
  const created = create && ranWhenAbsent(run)
    ? { text: whenMissing!.text, outcome: installOutcome(run, 'r', path, Buffer.byteLength(whenMissing!.text)) } : undefined;
  if (run.rc !== 0 && !created) throw new Error(run.stderr.trim() || `could not read ${path}`);
  const st = statOf(run, 's');
  if (st.exists && st.type === 'file' && !st.readable) throw new Error(`${path} is not readable (become may be needed)`);
  return { path, st, text: st.exists && st.content ? st.content.toString('utf8') : st.exists && st.type === 'file' ? '' : undefined,
    parentExists: statOf(run, 'p').exists, umask: run.umask, created };
}

/** Lines as Python's readlines(): each keeps its trailing newline. */
export function splitLines(text: string): string[] {
  return text.match(/[^\n]*\n|[^\n]+$/g) ?? [];
}

function attrDiff(path: string, before: Vars, after: Vars): DiffEntry {
  const changes = Object.keys(after).length ? { before, after } : {};
  return { ...changes, before_header: `${path} (file attributes)`, after_header: `${path} (file attributes)` };
}

/**
 * Writes an edit back (atomically, only when the text changed) and fixes mode/owner/group, as
 * lineinfile's write_changes + check_file_attrs do; returns Ansible's result with a diff list.
 */
export async function writeBack(ctx: ModuleContext<unknown>, file: RemoteText, edit: Edit, opts: WriteOptions): Promise<ModuleResult> {
  // The diffs are returned outside diff mode too (without the texts), as Ansible does.
  const contentDiff: DiffEntry = { before: ctx.diff ? file.text ?? '' : '', after: ctx.diff ? edit.after : '',
    before_header: `${file.path} (content)`, after_header: `${file.path} (content)` };
  const attrs = planAttributes(opts, file.st, ctx.quote(file.path), false, file.umask);
  const attrsChange = file.st.exists && attrs.commands.length > 0;
  let msg = edit.msg;
  if (attrsChange) msg = `${edit.changed ? `${msg} and ` : ''}ownership, perms or SE linux context changed`;
  const backupKey = opts.backupKey ?? 'backup_file';
  const result: ModuleResult = { changed: edit.changed || attrsChange, msg, ...(backupKey === 'backup' ? { backup: '' } : {}), ...edit.extra };
  result.diff = [contentDiff, attrDiff(file.path, attrs.before, attrs.after)];
  if (opts.pathInfo) Object.assign(result, pathInfo(file.st));
  if (ctx.check || !result.changed) return result;
  if (edit.changed) {
    const before = opts.makeParents && !file.parentExists ? `mkdir -p ${ctx.quote(posix.dirname(file.path))}` : undefined;
    const out = file.created?.text === edit.after ? file.created.outcome
      : await installContent(ctx, edit.after, { ...opts, dest: file.path, existing: file.st, umask: file.umask, before });
    if (out.failure) {
      const f = out.failure;
      return f.msg === 'failed to validate' ? { failed: true, changed: false, msg: `failed to validate: rc:${f.exit_status} error:${f.stderr}` } : f;
    }
    if (out.backup_file) result[backupKey] = out.backup_file;
    if (opts.pathInfo) Object.assign(result, pathInfo(out.stat));
    return result;
  }
  const run = await runScript(ctx, `${attrs.commands.join(' && ')} || exit 1\n${probeCall('o', file.path, ctx.quote)}`);
  if (run.rc !== 0) return { failed: true, changed: false, msg: run.stderr.trim() || `could not set attributes of ${file.path}` };
  if (opts.pathInfo) Object.assign(result, pathInfo(statOf(run, 'o')));
  return result;
}
