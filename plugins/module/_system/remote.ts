import type { ExecResult, ModuleContext, ModuleResult } from 'tsible';

/** Printed by a remote script when a required tool is absent: `__MISSING__ <tool>`. */
export const MISSING_MARK = '__TSIBLE_MISSING__';

/**
 * A shell snippet that stops the script when none of `tools` is installed. The controller turns
 * the marker into Ansible's "Failed to find required executable" message.
 */
export function requireTool(...tools: string[]): string {
  const tests = tools.map((t) => `command -v ${t} >/dev/null 2>&1`).join(' || ');
  return `${SBIN_PATH}\nif ! { ${tests}; }; then echo "${MISSING_MARK} ${tools.join(' or ')} in paths: $PATH"; exit 127; fi`;
}

/** Ansible's get_bin_path also looks in the sbin directories, which a non-root login PATH lacks. */
export const SBIN_PATH = 'case ":$PATH:" in *:/usr/sbin:*) ;; *) PATH="$PATH:/usr/local/sbin:/usr/sbin:/sbin"; export PATH ;; esac';

/** The failure result for a missing tool, or undefined when the script ran. */
export function missingTool(res: ExecResult): ModuleResult | undefined {
  const line = res.stdout.split('\n').find((l) => l.startsWith(MISSING_MARK));
  if (!line) return undefined;
  const rest = line.slice(MISSING_MARK.length + 1).trim();
  const at = rest.indexOf(' in paths: ');
  const tool = at >= 0 ? rest.slice(0, at) : rest;
  const paths = at >= 0 ? rest.slice(at + 11) : '';
  return { failed: true, changed: false, msg: `Failed to find required executable "${tool}"${paths ? ` in paths: ${paths}` : ' on the target'}` };
}

/** `key=value` lines into a map; the first `=` splits, later lines with the same key win. */
export function parseKeyValues(stdout: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of stdout.split('\n')) {
    const eq = line.indexOf('=');
    if (eq > 0) out[line.slice(0, eq)] = line.slice(eq + 1);
  }
  return out;
}

/**
 * Splits output into sections introduced by `@@name` lines, so one remote script can report
 * several files or command outputs at once.
 */
export function parseSections(stdout: string): Record<string, string> {
  const out: Record<string, string> = {};
  let name: string | undefined;
  let buf: string[] = [];
  const flush = () => { if (name !== undefined) out[name] = buf.join('\n'); };
  for (const line of stdout.split('\n')) {
    const m = /^@@([A-Za-z0-9_.:-]+)@@$/.exec(line);
    if (m) {
      flush();
      name = m[1];
      buf = [];
    } else buf.push(line);
  }
  flush();
  return out;
}

/** A shell line printing a section header, for parseSections. */
export function section(name: string): string {
  return `echo '@@${name}@@'`;
}

/** Runs one script; a missing tool or a non-zero exit becomes a failure result carrying the output. */
export async function runStep(ctx: ModuleContext<unknown>, script: string, what: string,
  options: { stdin?: string; okCodes?: number[]; timeoutSeconds?: number } = {}): Promise<{ res: ExecResult; failure?: ModuleResult }> {
  const res = await ctx.exec(script, { stdin: options.stdin, timeoutSeconds: options.timeoutSeconds });
  const missing = missingTool(res);
  if (missing) return { res, failure: missing };
  if (!(options.okCodes ?? [0]).includes(res.rc)) {
    const detail = (res.stderr || res.stdout).trim();
    return { res, failure: { failed: true, changed: false, rc: res.rc, stdout: res.stdout, stderr: res.stderr,
      msg: `${what} failed${detail ? `: ${detail}` : ` (rc ${res.rc})`}` } };
  }
  return { res };
}

/** Expands a leading `~/` to the target's $HOME inside a double-quoted shell word. */
export function remotePath(ctx: ModuleContext<unknown>, path: string): string {
  if (path === '~') return '"$HOME"';
  if (path.startsWith('~/')) return `"$HOME"/${ctx.quote(path.slice(2))}`;
  return ctx.quote(path);
}

/** Ansible's unified-diff-free diff entry: before/after text with headers. */
export function textDiff(before: string, after: string, header: string) {
  return { before, after, before_header: header, after_header: header };
}
