import { basename } from 'node:path';
import { defineModule, shlexSplit, type ModuleContext, type ModuleResult } from 'tsible';

interface ScriptArgs { cmd?: string; creates?: string; removes?: string; chdir?: string; executable?: string; decrypt: boolean }

const SKIP = '__TSIBLE_SCRIPT_SKIP__';

/** The remote side: guards, then the script received on stdin is written to a temp file, run and removed. */
function remoteScript(ctx: ModuleContext<ScriptArgs>, name: string, restArgs: string): string {
  const { creates, removes, chdir, executable } = ctx.args;
  const q = ctx.quote;
  const lines: string[] = [];
  if (creates) lines.push(`if [ -e ${q(creates)} ]; then echo ${SKIP}; exit 0; fi`);
  if (removes) lines.push(`if [ ! -e ${q(removes)} ]; then echo ${SKIP}; exit 0; fi`);
  if (ctx.check) return [...lines, 'exit 0'].join('\n');
  lines.push(
    `d=$(mktemp -d "\${TMPDIR:-/tmp}/tsible-script.XXXXXX") || exit 1`,
    `t="$d"/${q(name)}`,
    'cat > "$t" && chmod 700 "$t" || { rm -rf "$d"; exit 1; }',
    ...(chdir ? [`cd ${q(chdir)} || { rm -rf "$d"; exit 1; }`] : []),
    `${executable ? `${q(executable)} ` : ''}"$t"${restArgs ? ` ${restArgs}` : ''} </dev/null`,
    'rc=$?', 'rm -rf "$d"', 'exit $rc',
  );
  return lines.join('\n');
}

/** Transfers a controller-side script and runs it on the target, in one round trip (script on stdin). */
export default defineModule<ScriptArgs>({
  name: 'script',
  shortDescription: 'Runs a local script on a remote node after transferring it',
  freeForm: 'cmd',
  options: {
    cmd: { type: 'str', description: 'Path to the local script, followed by optional arguments.' },
    creates: { type: 'str', description: 'Do not run when this remote path exists.' },
    removes: { type: 'str', description: 'Only run when this remote path exists.' },
    chdir: { type: 'str', description: 'Change into this remote directory first.' },
    executable: { type: 'str', description: 'Run the script with this interpreter.' },
    decrypt: { type: 'bool', default: true, description: 'Decrypt a vaulted script.' },
  },
  checkMode: 'full',
  async run(ctx): Promise<ModuleResult> {
    const raw = String(ctx.args.cmd ?? '').trim();
    const parts = shlexSplit(raw);
    if (!parts.length) return { failed: true, changed: false, msg: 'script requires a script path (free form or cmd)' };
    if (ctx.args.chdir && !ctx.args.chdir.startsWith('/')) {
      return { failed: true, changed: false, msg: `chdir ${ctx.args.chdir} must be an absolute path for a Unix-aware remote node` };
    }
    let content: Buffer;
    try {
      content = await ctx.readControllerFile(await ctx.findFile(parts[0], 'files'));
    } catch (err) {
      return { failed: true, changed: false, msg: (err as Error).message };
    }
    const rest = raw.slice(raw.indexOf(parts[0]) + parts[0].length).trim();
    const res = await ctx.exec(remoteScript(ctx, basename(parts[0]), rest), { stdin: content });
    if (res.stdout.startsWith(SKIP)) {
      const msg = ctx.args.creates ? `${ctx.args.creates} exists, matching creates option` : `${ctx.args.removes} does not exist, matching removes option`;
      return { changed: false, skipped: true, msg };
    }
    if (ctx.check) {
      if (ctx.args.creates || ctx.args.removes) return { changed: true };
      return { changed: false, skipped: true, msg: 'Check mode is not supported for this task.' };
    }
    return { changed: true, rc: res.rc, stdout: res.stdout, stderr: res.stderr,
      ...(res.rc !== 0 ? { failed: true, msg: 'non-zero return code' } : {}) };
  },
});
