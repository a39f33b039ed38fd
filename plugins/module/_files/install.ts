import { randomInt } from 'node:crypto';
import { posix } from 'node:path';
import { ModuleArgsError, shellQuote, type ModuleContext, type ModuleResult } from 'tsible';
import { defaultMode, type AttrArgs } from './attrs.js';
import { absoluteMode, octal, resolveMode } from './mode.js';
import { statOf, type RemoteStat } from './probe.js';
import { knownUmask, runScript, siblingTemp, type ScriptRun } from './remote.js';

export interface InstallSpec extends AttrArgs {
  dest: string;
  /** What the probe saw at dest before (decides the mode kept and the backup). */
  existing: RemoteStat;
  umask: number;
  backup?: boolean;
  /** Command with `%s` standing for the new file, run before it replaces dest. */
  validate?: string;
  /** Shell run first (e.g. `mkdir -p` of the parent); a failure aborts the script. */
  before?: string;
}

export interface InstallSource {
  /** Probe id prefix of this install's report lines (several installs can share one script). */
  id?: string;
  /** The content inline as base64 (a here-document) instead of the script's stdin. */
  base64?: string;
  /**
   * The content inline as text, written by the shell's own printf: no base64 process, and no
   * process writing the here-document. For UTF-8 without NUL bytes only (see inlineSource).
   */
  text?: string;
  /** The content is bytes [offset, offset+length) of the staged file in `$tsible_stage`. */
  slice?: { offset: number; length: number };
  /** The content is a copy of this file on the target (remote_src). */
  fromPath?: string;
  /** Only report success instead of probing the installed file (many files in one script). */
  quiet?: boolean;
}

function writeTempStep(source: InstallSource): string {
  const onFail = '|| { rm -f "$tsible_t"; exit 1; }';
  if (source.slice) {
    const { offset, length } = source.slice;
    return length === 0 ? `: > "$tsible_t" ${onFail}` : `tail -c +${offset + 1} "$tsible_stage" | head -c ${length} > "$tsible_t" ${onFail}`;
  }
  if (source.fromPath !== undefined) return `cp -- ${shellQuote(source.fromPath)} "$tsible_t" ${onFail}`;
  if (source.text !== undefined) return `printf '%s' ${shellQuote(source.text)} > "$tsible_t" ${onFail}`;
  if (source.base64 !== undefined) {
    return `tsible_b64d > "$tsible_t" <<'TSIBLE_EOF' ${onFail}\n${source.base64.replace(/(.{64})/g, '$1\n')}\nTSIBLE_EOF`;
  }
  return `cat > "$tsible_t" ${onFail}`;
}

export interface InstallOutcome {
  /** dest as it is after the move (probe id `r`, sha1 checksum). */
  stat: RemoteStat;
  backup_file?: string;
  /** Set when the validate command failed: the result to return. */
  failure?: ModuleResult;
}

function validateStep(validate: string, tmp: string, id: string): string {
  if (!validate.includes('%s')) throw new ModuleArgsError(`validate must contain %s: ${validate}`);
  const cmd = validate.split('%s').join(shellQuote(tmp));
  return [
    `( ${cmd} ) >"$tsible_t.out" 2>"$tsible_t.err"; tsible_rc=$?`,
    `echo "@${id}v rc=$tsible_rc"; echo "@${id}v out=$(tsible_b64 "$tsible_t.out")"; echo "@${id}v err=$(tsible_b64 "$tsible_t.err")"`,
    'rm -f "$tsible_t.out" "$tsible_t.err"',
    'if [ "$tsible_rc" != 0 ]; then rm -f "$tsible_t"; exit 0; fi',
  ].join('\n');
}

/** The script that writes stdin to dest atomically: temp file, attributes, validate, backup, mv. */
export function installScript(spec: InstallSpec, source: InstallSource = {}): string {
  const id = source.id ?? 'r';
  const tmp = siblingTemp(spec.dest);
  const qt = shellQuote(tmp);
  const existing: RemoteStat = spec.existing.type === 'file' ? spec.existing : { exists: false };
  const base = existing.exists && existing.mode ? parseInt(existing.mode, 8) : defaultMode(false, spec.umask);
  const mode = resolveMode(spec.mode, base, false) ?? base;
  // A mode without execute or special bits is what the shell creates the temp file with under the
  // complementary umask: no chmod process. cp (remote_src) keeps its source's mode, so it chmods.
  const modeByUmask = source.fromPath === undefined && (mode & ~0o666) === 0;
  const attrs = modeByUmask ? [] : [`chmod ${octal(mode)} "$tsible_t"`];
  if (spec.owner) attrs.push(`chown ${shellQuote(spec.owner)} "$tsible_t"`);
  if (spec.group) attrs.push(`chgrp ${shellQuote(spec.group)} "$tsible_t"`);
  // The replaced file's owner and group carry over; when they are already ours (shell tests, no
  // process), there is nothing to change.
  const keepOwner = existing.exists && spec.owner === undefined && spec.group === undefined
    ? [`{ [ -O "$tsible_d" ] && [ -G "$tsible_d" ] && [ -G "$tsible_t" ]; } || chown ${existing.uid}:${existing.gid} "$tsible_t" 2>/dev/null`] : [];
  return [
    `tsible_d=${shellQuote(spec.dest)}; tsible_t=${qt}`,
    spec.before ? `${spec.before} || exit 1` : '',
    `umask ${modeByUmask ? octal(~mode & 0o777) : '077'}`,
    writeTempStep(source),
    ...attrs.map((c) => `${c} || { rm -f "$tsible_t"; exit 1; }`),
    ...keepOwner,
    spec.validate ? validateStep(spec.validate, tmp, id) : '',
    spec.backup && existing.exists
      // Ansible names a backup after its module's pid; $$ would be the same shell for every task.
      ? `tsible_b="$tsible_d.${randomInt(1000, 100000)}.$(date +%Y-%m-%d@%H:%M:%S)~"; cp -p "$tsible_d" "$tsible_b" && echo "@${id}b path=$tsible_b"` : '',
    'mv -f "$tsible_t" "$tsible_d" || { rm -f "$tsible_t"; exit 1; }',
    // The result needs the stat; the size (checked by installOutcome) catches a short write.
    source.quiet ? `echo "@${id} exists=1"` : `tsible_probe ${id} "$tsible_d" 0 '' 0 0`,
  ].filter(Boolean).join('\n');
}

/** Reads the report of the install block `id` from a script run; `size` is the length written. */
export function installOutcome(run: ScriptRun, id: string, dest: string, size?: number): InstallOutcome {
  const v = run.extra.get(`${id}v`);
  if (v && v.get('rc') !== '0') {
    const b64 = (k: string) => Buffer.from(v.get(k) ?? '', 'base64').toString('utf8');
    return { stat: { exists: false }, failure: { failed: true, changed: false, msg: 'failed to validate',
      exit_status: Number(v.get('rc')), stdout: b64('out'), stderr: b64('err') } };
  }
  const st = statOf(run, id);
  if (run.rc !== 0 || !st.exists) {
    return { stat: { exists: false }, failure: { failed: true, changed: false,
      msg: `could not write ${dest}: ${run.stderr.trim() || `rc=${run.rc}`}` } };
  }
  if (size !== undefined && st.size !== size) {
    return { stat: st, failure: { failed: true, changed: false, msg: `could not write ${dest}: ${st.size} of ${size} bytes arrived` } };
  }
  return { stat: st, backup_file: run.extra.get(`${id}b`)?.get('path') };
}

/**
 * Contents up to this size travel inside the script: a command without stdin can use the
 * connection's persistent shell instead of opening a channel, and the script stays far below the
 * 64 KiB remote.ts sends as one argument.
 */
const INLINE_CONTENT_MAX = 16 * 1024;

/**
 * Each single quote grows by four characters at every level of shell quoting (the frame's `sh -c`,
 * a become wrapper's): past this many, text could outgrow the one-argument limit, so it goes as
 * base64 (which quoting never grows).
 */
const INLINE_TEXT_MAX_QUOTES = 256;

/**
 * How a small content travels inside the script: as text when it is UTF-8 without NUL bytes and
 * few quotes (a single-quoted shell word holds any other byte as it is), else as base64.
 */
export function inlineSource(content: Buffer): InstallSource {
  if (!content.includes(0)) {
    const text = content.toString('utf8');
    let quotes = 0;
    for (let i = text.indexOf("'"); i !== -1 && quotes <= INLINE_TEXT_MAX_QUOTES; i = text.indexOf("'", i + 1)) quotes++;
    // Invalid UTF-8 decodes to U+FFFD and would not encode back to the same bytes.
    if (quotes <= INLINE_TEXT_MAX_QUOTES && Buffer.from(text).equals(content)) return { text };
  }
  return { base64: content.toString('base64') };
}

/**
 * Shell that runs `create` at once when `path` does not exist (not even as a dangling link) and its
 * parent is a directory, after printing `@fast ran=1`. Appended to a module's probe, it makes a
 * first deployment one round trip instead of probe + create; in every other case the probe's
 * answer decides as before. A failing `create` fails the script. With `createsParents`, `create`
 * makes the missing parents itself (a directory tree), so only the path's own absence is checked.
 */
export function whenAbsent(path: string, create: string, options: { createsParents?: boolean } = {}): string {
  const q = shellQuote(path);
  const parent = shellQuote(posix.dirname(path.replace(/\/+$/, '') || '/'));
  const parentCheck = options.createsParents ? '' : ` && [ -d ${parent} ]`;
  return `if [ ! -e ${q} ] && [ ! -L ${q} ]${parentCheck}; then\necho "@fast ran=1"\n( ${create}\n) || exit 1\nfi`;
}

/** Whether the whenAbsent block of this run created the path. */
export function ranWhenAbsent(run: ScriptRun): boolean {
  return run.extra.get('fast')?.get('ran') === '1';
}

/**
 * The umask a file created now would be planned with, when known before probing: any value does
 * for an absolute mode; otherwise the one an earlier script on this connection reported.
 */
export async function planningUmask(ctx: ModuleContext<unknown>, mode: unknown): Promise<number | undefined> {
  const known = await knownUmask(ctx);
  return known ?? (absoluteMode(mode) !== undefined ? 0o022 : undefined);
}

/**
 * The install of `content` as a new file at `spec.dest`, to run inside the probe's script through
 * whenAbsent (id `r`, as installContent); undefined when it cannot be planned before the probe:
 * check and diff mode, validate, backup, a large content, or an unknown umask.
 */
export async function installIfAbsent(ctx: ModuleContext<unknown>, content: Buffer, spec: Omit<InstallSpec, 'existing' | 'umask'>): Promise<string | undefined> {
  if (ctx.check || ctx.diff || spec.validate || spec.backup || spec.before || content.length > INLINE_CONTENT_MAX) return undefined;
  const umask = await planningUmask(ctx, spec.mode);
  if (umask === undefined) return undefined;
  const install = installScript({ ...spec, existing: { exists: false }, umask }, inlineSource(content));
  return whenAbsent(spec.dest, install);
}

/** Writes `content` to dest on the target in one round trip (through become when the task uses it). */
export async function installContent(ctx: ModuleContext<unknown>, content: Buffer | string, spec: InstallSpec): Promise<InstallOutcome> {
  const bytes = typeof content === 'string' ? Buffer.from(content) : content;
  const run = bytes.length <= INLINE_CONTENT_MAX
    ? await runScript(ctx, installScript(spec, inlineSource(bytes)))
    : await runScript(ctx, installScript(spec), bytes);
  return installOutcome(run, 'r', spec.dest, bytes.length);
}
