import { randomBytes } from 'node:crypto';
import { defineModule, type ModuleResult } from 'tsible';
import { expandPathArgs } from './_files/path-args.js';
import { statOf } from './_files/probe.js';
import { runScript } from './_files/remote.js';
import { pathInfo } from './_files/results.js';

interface TempfileArgs { state: 'file' | 'directory'; path?: string; prefix: string; suffix: string }

const NAME_CHARS = 'abcdefghijklmnopqrstuvwxyz0123456789_';

function randomName(): string {
  return [...randomBytes(8)].map((b) => NAME_CHARS[b % NAME_CHARS.length]).join('');
}

/**
 * Creates a temporary file or directory. Names are drawn on the controller (mktemp cannot put a
 * suffix after the random part portably) and created exclusively on the target: `set -C` for
 * files, `mkdir` for directories, trying the next name on a collision.
 */
export default defineModule<TempfileArgs>({
  name: 'tempfile',
  shortDescription: 'Creates temporary files and directories',
  options: {
    state: { type: 'str', default: 'file', choices: ['file', 'directory'], description: 'Whether to create a file or a directory.' },
    path: { type: 'path', description: 'Directory to create it in (default: $TMPDIR or /tmp on the target).' },
    prefix: { type: 'str', default: 'ansible.', description: 'Prefix of the name.' },
    suffix: { type: 'str', default: '', description: 'Suffix of the name.' },
  },
  returns: { path: 'Path to the created file or directory.' },
  checkMode: 'none',
  async run(ctx): Promise<ModuleResult> {
    await expandPathArgs(ctx, ['path']);
    const a = ctx.args;
    const dir = a.path ? ctx.quote(a.path.replace(/\/+$/, '') || '/') : '"${TMPDIR:-/tmp}"';
    const names = Array.from({ length: 20 }, () => ctx.quote(`${a.prefix}${randomName()}${a.suffix}`));
    const create = a.state === 'file' ? '( set -C; : > "$tsible_p" ) 2>/dev/null' : 'mkdir -m 700 "$tsible_p" 2>/dev/null';
    const script = [
      `tsible_dir=${dir}`,
      `[ -d "$tsible_dir" ] || { echo "No such file or directory: $tsible_dir" >&2; exit 1; }`,
      'umask 077; tsible_p=',
      `for tsible_n in ${names.join(' ')}; do tsible_p="$tsible_dir/$tsible_n"; if ${create}; then break; fi; tsible_p=; done`,
      '[ -n "$tsible_p" ] || { echo "could not create a temporary name in $tsible_dir" >&2; exit 1; }',
      'echo "@t path=$tsible_p"',
      'tsible_probe o "$tsible_p" 0 \'\' 0 0',
    ].join('\n');
    const run = await runScript(ctx, script);
    const path = run.extra.get('t')?.get('path');
    if (run.rc !== 0 || !path) return { failed: true, changed: false, msg: run.stderr.trim() || `rc=${run.rc}` };
    return { changed: true, path, ...pathInfo(statOf(run, 'o')) };
  },
});
