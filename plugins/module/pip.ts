import { defineModule, shlexSplit, type ModuleContext, type ModuleResult } from 'tsible';
import { normalizeName, parseFreeze, pipSelector, splitRequirement, type PipArgs } from './_system/pip.js';
import { parseKeyValues, parseSections, runStep, section } from './_system/remote.js';

function specs(a: PipArgs): string[] {
  const names = a.name ?? [];
  if (a.version && names.length === 1) return [`${names[0]}==${a.version}`];
  return names;
}

/** Whether every requested spec is already satisfied by the freeze output (only exact pins are compared). */
function satisfied(a: PipArgs, installed: Map<string, string>): boolean {
  if (a.requirements || a.state === 'forcereinstall' || a.state === 'latest') return false;
  return specs(a).every((spec) => {
    const r = splitRequirement(spec);
    if (!r.name) return false;
    const have = installed.get(normalizeName(r.name));
    if (a.state === 'absent') return have === undefined;
    if (have === undefined) return false;
    return r.op !== '==' || have === r.version;
  });
}

function command(ctx: ModuleContext<PipArgs>): string[] {
  const a = ctx.args;
  const w = [a.state === 'absent' ? 'uninstall' : 'install'];
  if (a.state === 'absent') w.push('-y');
  if (a.state === 'latest') w.push('-U');
  if (a.state === 'forcereinstall') w.push('--force-reinstall');
  if (a.extra_args) w.push(...shlexSplit(a.extra_args));
  if (a.requirements) w.push('-r', a.requirements);
  for (const s of specs(a)) w.push(...(a.editable ? ['-e', s] : [s]));
  return w;
}

/** Python packages through the target's pip (or a virtualenv's): one probe (pip freeze), one pip call. */
export default defineModule<PipArgs>({
  name: 'pip',
  shortDescription: 'Manages Python library dependencies',
  options: {
    name: { type: 'list', elements: 'str', description: 'Package names or URLs.' },
    version: { type: 'str', description: 'Version for a single name.' },
    requirements: { type: 'str', description: 'Path to a requirements file on the target.' },
    virtualenv: { type: 'path', description: 'Virtualenv to install into (created when missing).' },
    virtualenv_site_packages: { type: 'bool', default: false, description: 'Give the venv access to site-packages.' },
    virtualenv_command: { type: 'path', default: 'virtualenv', description: 'Command that creates the venv.' },
    virtualenv_python: { type: 'str', description: 'Python for the venv.' },
    state: { type: 'str', default: 'present', choices: ['absent', 'forcereinstall', 'latest', 'present'], description: 'Desired state.' },
    extra_args: { type: 'str', description: 'Extra pip arguments.' },
    editable: { type: 'bool', default: false, description: 'Install in editable mode.' },
    chdir: { type: 'path', description: 'Run pip in this directory.' },
    executable: { type: 'path', description: 'The pip to use.' },
    umask: { type: 'str', description: 'umask for pip.' },
  },
  checkMode: 'full',
  async run(ctx): Promise<ModuleResult> {
    const a = ctx.args;
    if (!a.name?.length && !a.requirements) return { failed: true, changed: false, msg: 'one of the following is required: name, requirements' };
    if (a.version && (a.name?.length ?? 0) !== 1) return { failed: true, changed: false, msg: 'version is incompatible with multiple names' };
    const base = { cmd: '', name: a.name ?? null, requirements: a.requirements ?? null, state: a.state, version: a.version ?? null, virtualenv: a.virtualenv ?? null };
    const pre = `${a.umask ? `umask ${a.umask}\n` : ''}${a.chdir ? `cd ${ctx.quote(a.chdir)} || exit 1\n` : ''}`;
    const probe = await runStep(ctx, `${pre}${pipSelector(ctx, false)}\n${section('freeze')}\n"$PIP" freeze --all 2>/dev/null; exit 0`, 'pip freeze');
    if (probe.failure) return { ...probe.failure, ...base };
    const venvMissing = parseKeyValues(probe.res.stdout).venv_missing === '1';
    const installed = venvMissing ? new Map<string, string>() : parseFreeze(parseSections(probe.res.stdout).freeze ?? '');
    const words = command(ctx);
    const cmdText = `${a.virtualenv ? `${a.virtualenv}/bin/pip` : a.executable ?? 'pip'} ${words.join(' ')}`;
    if (satisfied(a, installed) && !venvMissing) return { changed: false, ...base, cmd: cmdText, stdout: '', stderr: '' };
    if (a.state === 'absent' && venvMissing) return { changed: false, ...base, cmd: cmdText };
    if (ctx.check) return { changed: true, ...base, cmd: cmdText };
    const step = await runStep(ctx, `${pre}${pipSelector(ctx, true)}\n"$PIP" ${words.map((w) => ctx.quote(w)).join(' ')}`, 'pip');
    if (step.failure) return { ...step.failure, ...base, cmd: cmdText, msg: `stdout: ${step.res.stdout}\n\n:stderr: ${step.res.stderr}` };
    const out = step.res.stdout;
    const changed = a.state === 'absent' ? /Successfully uninstalled/.test(out)
      : a.state === 'latest' || a.requirements ? /Successfully installed|Successfully uninstalled/.test(out) || venvMissing : true;
    return { changed, ...base, cmd: cmdText, stdout: out, stderr: step.res.stderr };
  },
});
