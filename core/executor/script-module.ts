import { readFile } from 'node:fs/promises';
import type { ModuleContext, ModuleDefinition, ModuleResult } from '../../plugins/module/types.js';
import { shellQuote } from '../util/shell.js';

type Style = 'want_json' | 'old' | 'binary';

/** Ansible's module styles for non-Python modules: WANT_JSON, old-style key=value, binary. */
export function moduleStyle(content: Buffer): Style {
  if (content.subarray(0, 8000).includes(0)) return 'binary';
  return content.includes('WANT_JSON') ? 'want_json' : 'old';
}

function argsFile(style: Style, args: Record<string, unknown>): string {
  if (style !== 'old') return JSON.stringify(args);
  return Object.entries(args)
    .map(([k, v]) => `${k}=${shellQuote(typeof v === 'object' && v !== null ? JSON.stringify(v) : String(v))}`).join(' ');
}

/** `#!/usr/bin/env perl` becomes `#!<ansible_perl_interpreter>` when that variable is set, as in Ansible. */
export function rewriteShebang(content: Buffer, vars: Record<string, unknown>): Buffer {
  const text = content.subarray(0, 256).toString('latin1');
  const m = /^#!\s*(\S+)(?:\s+(\S+))?/.exec(text);
  if (!m) return content;
  const interp = (m[1].endsWith('/env') && m[2] ? m[2] : m[1]).split('/').pop()!;
  const override = vars[`ansible_${interp}_interpreter`];
  if (typeof override !== 'string') return content;
  const eol = content.indexOf(0x0a);
  return Buffer.concat([Buffer.from(`#!${override}`), eol >= 0 ? content.subarray(eol) : Buffer.alloc(0)]);
}

function parseOutput(stdout: string, stderr: string, rc: number): ModuleResult {
  const start = stdout.indexOf('{');
  if (start >= 0) {
    try {
      const parsed = JSON.parse(stdout.slice(start, stdout.lastIndexOf('}') + 1)) as ModuleResult;
      if (rc !== 0 && parsed.failed === undefined) parsed.failed = true;
      return parsed;
    } catch {
      // fall through to MODULE FAILURE
    }
  }
  return { failed: true, msg: 'MODULE FAILURE\nSee stdout/stderr for the exact error', module_stdout: stdout, module_stderr: stderr, rc };
}

/**
 * A user's non-JS module from library/ (shell script, Perl, binary, …), run the way Ansible runs
 * it: the file and its arguments file go to a private temp directory and it runs with the
 * arguments file's path as its only argument. One round trip: the module travels on stdin.
 */
export function scriptModule(name: string, path: string): ModuleDefinition {
  return {
    kind: 'module',
    name,
    shortDescription: `User module ${path}`,
    checkMode: 'none',
    async run(ctx: ModuleContext): Promise<ModuleResult> {
      const raw = await readFile(path);
      const style = moduleStyle(raw);
      const content = style === 'binary' ? raw : rewriteShebang(raw, ctx.vars);
      const args = { ...ctx.args, _ansible_check_mode: ctx.check, _ansible_diff: ctx.diff };
      const script = [
        'umask 77', 'd=$(mktemp -d "${TMPDIR:-/tmp}/tsible-module.XXXXXX") || exit 97',
        `cat > "$d/${name}" && chmod 700 "$d/${name}"`,
        `printf '%s' ${shellQuote(argsFile(style, args))} > "$d/args"`,
        `"$d/${name}" "$d/args"`, 'rc=$?', 'rm -rf "$d"', 'exit $rc',
      ].join('\n');
      const res = await ctx.exec(script, { stdin: content });
      return parseOutput(res.stdout, res.stderr, res.rc);
    },
  };
}
