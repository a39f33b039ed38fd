import type { ModuleContext } from 'tsible';

export interface PipArgs {
  name?: string[]; version?: string; requirements?: string; virtualenv?: string; virtualenv_site_packages: boolean;
  virtualenv_command: string; virtualenv_python?: string; state: 'present' | 'absent' | 'latest' | 'forcereinstall';
  extra_args?: string; editable: boolean; chdir?: string; executable?: string; umask?: string;
}

/** PEP 503 normalised project name, as pip compares them. */
export const normalizeName = (n: string) => n.toLowerCase().replace(/[-_.]+/g, '-');

/** `name`, `name==1.0`, `name>=1`; URLs and paths have no comparable name. */
export function splitRequirement(spec: string): { name?: string; op?: string; version?: string } {
  if (/^(\.|\/|[a-z+]+:\/\/|git\+)/i.test(spec) || spec.endsWith('.whl') || spec.endsWith('.tar.gz')) return {};
  const m = /^([A-Za-z0-9][A-Za-z0-9._-]*)(\[[^\]]*\])?\s*(==|>=|<=|~=|!=|>|<)?\s*(\S+)?$/.exec(spec.trim());
  return m ? { name: m[1], op: m[3], version: m[4] } : {};
}

/** `pip freeze` lines into name → version. */
export function parseFreeze(text: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const line of text.split('\n')) {
    const m = /^([A-Za-z0-9][A-Za-z0-9._-]*)==(\S+)/.exec(line.trim()) ?? /^([A-Za-z0-9][A-Za-z0-9._-]*) @ /.exec(line.trim());
    if (m) out.set(normalizeName(m[1]), m[2] ?? '');
  }
  return out;
}

/** Shell that sets $PIP: the venv's pip (creating the venv first), the given executable, or pip3/pip. */
export function pipSelector(ctx: ModuleContext<PipArgs>, createVenv: boolean): string {
  const a = ctx.args;
  const q = ctx.quote;
  if (a.virtualenv) {
    const venv = q(a.virtualenv);
    const py = a.virtualenv_python ? ` -p ${q(a.virtualenv_python)}` : '';
    const site = a.virtualenv_site_packages ? ' --system-site-packages' : '';
    const cmd = a.virtualenv_command;
    const create = /(^|\/)python[0-9.]*\s+-m\s+venv$/.test(cmd) || !createVenv
      ? `${cmd}${site} ${venv}`
      : `if command -v ${q(cmd.split(' ')[0])} >/dev/null 2>&1; then ${cmd}${py}${site} ${venv}; else ${a.virtualenv_python ? q(a.virtualenv_python) : 'python3'} -m venv${site} ${venv}; fi`;
    return `if [ ! -x ${venv}/bin/pip ]; then ${createVenv ? `${create} >&2 || exit 1; echo venv_created=1` : 'echo venv_missing=1'}; fi\nPIP=${venv}/bin/pip`;
  }
  if (a.executable) return `PIP=${q(a.executable)}`;
  return 'if command -v pip3 >/dev/null 2>&1; then PIP=pip3; elif command -v pip >/dev/null 2>&1; then PIP=pip; else echo "__TSIBLE_MISSING__ pip3 or pip in paths: $PATH"; exit 127; fi';
}
