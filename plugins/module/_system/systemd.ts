import type { ModuleContext, ModuleResult } from 'tsible';
import { parseSections, requireTool, runStep, section } from './remote.js';

export interface SystemdArgs {
  name?: string; state?: 'started' | 'stopped' | 'restarted' | 'reloaded'; enabled?: boolean; force?: boolean; masked?: boolean;
  daemon_reload: boolean; daemon_reexec: boolean; scope: 'system' | 'user' | 'global'; no_block: boolean;
}

/** `systemctl show` output into a dict; multi-line values (ExecStart={ … }) stay on one key. */
export function parseShow(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of text.split('\n')) {
    const eq = line.indexOf('=');
    if (eq > 0) out[line.slice(0, eq)] = line.slice(eq + 1);
  }
  return out;
}

/** The systemctl calls that bring the unit from `status` to what was asked, in Ansible's order. */
export function systemdActions(a: SystemdArgs, status: Record<string, string>, enabledNow: boolean): string[] {
  const actions: string[] = [];
  const masked = status.LoadState === 'masked';
  if (a.masked !== undefined && a.masked !== masked) actions.push(a.masked ? 'mask' : 'unmask');
  if (a.enabled !== undefined && a.enabled !== enabledNow) actions.push(a.enabled ? 'enable' : 'disable');
  const active = ['active', 'activating', 'reloading'].includes(status.ActiveState ?? '');
  if (a.state === 'started' && !active) actions.push('start');
  if (a.state === 'stopped' && (active || status.ActiveState === 'deactivating')) actions.push('stop');
  if (a.state === 'restarted') actions.push('restart');
  if (a.state === 'reloaded') actions.push(active ? 'reload' : 'start');
  return actions;
}

function systemctl(ctx: ModuleContext<SystemdArgs>): string {
  const scope = ctx.args.scope === 'system' ? '' : ` --${ctx.args.scope}`;
  return `systemctl${scope}${ctx.args.no_block ? ' --no-block' : ''}`;
}

function probeScript(ctx: ModuleContext<SystemdArgs>, unit: string): string {
  const sc = systemctl(ctx);
  const pre = [ctx.args.daemon_reload && !ctx.check ? `${sc} daemon-reload || exit 1` : '', ctx.args.daemon_reexec && !ctx.check ? `${sc} daemon-reexec || exit 1` : ''];
  return `${requireTool('systemctl')}\n${pre.filter(Boolean).join('\n')}
${section('show')}
${sc} show ${ctx.quote(unit)} 2>/dev/null || { echo "__NO_SYSTEMD__ $(${sc} show ${ctx.quote(unit)} 2>&1 | head -n 1)"; exit 0; }
${section('enabled')}
${sc} is-enabled ${ctx.quote(unit)} 2>/dev/null; echo "rc=$?"
exit 0`;
}

/** systemd through systemctl: one probe (show + is-enabled), one action script with every needed call. */
export async function runSystemd(ctx: ModuleContext<SystemdArgs>): Promise<ModuleResult> {
  const a = ctx.args;
  const unit = a.name ?? '';
  if (!a.name) {
    if (a.daemon_reload || a.daemon_reexec) {
      if (ctx.check) return { changed: true, name: null };
      const step = await runStep(ctx, `${requireTool('systemctl')}\n${a.daemon_reload ? `${systemctl(ctx)} daemon-reload` : ''}\n${a.daemon_reexec ? `${systemctl(ctx)} daemon-reexec` : ''}`, 'systemctl daemon-reload');
      return step.failure ?? { changed: true, name: null };
    }
    return { failed: true, changed: false, msg: 'one of the following is required: name, daemon_reload, daemon_reexec' };
  }
  const probe = await runStep(ctx, probeScript(ctx, unit), 'systemctl');
  if (probe.failure) return { ...probe.failure, name: unit };
  const s = parseSections(probe.res.stdout);
  const noSystemd = /__NO_SYSTEMD__ (.*)/.exec(probe.res.stdout);
  if (noSystemd) return { failed: true, changed: false, name: unit, msg: `systemctl could not talk to systemd on the target: ${noSystemd[1].trim()}` };
  const status = parseShow(s.show ?? '');
  const enabledLines = (s.enabled ?? '').trim().split('\n');
  const enabledNow = enabledLines[enabledLines.length - 1] === 'rc=0';
  const found = status.LoadState !== 'not-found' || (status.UnitFileState ?? '') !== '';
  if (!found && (a.state !== undefined || a.enabled !== undefined) && a.masked === undefined) {
    return { failed: true, changed: false, name: unit, msg: `Could not find the requested service ${unit}: host` };
  }
  const actions = systemdActions(a, status, enabledNow);
  const out: ModuleResult = { changed: actions.length > 0, name: unit, status };
  if (a.state) out.state = a.state;
  if (a.enabled !== undefined) out.enabled = a.enabled;
  if (!actions.length || ctx.check) return out;
  const sc = systemctl(ctx);
  const script = actions.map((act) => `${sc}${a.force && ['enable', 'disable', 'mask'].includes(act) ? ' --force' : ''} ${act} ${ctx.quote(unit)} || { echo "failed_action=${act}"; exit 1; }`).join('\n');
  const step = await runStep(ctx, `${requireTool('systemctl')}\n${script}`, 'systemctl');
  if (step.failure) {
    const act = /failed_action=(\S+)/.exec(step.res.stdout)?.[1] ?? actions[0];
    return { ...step.failure, name: unit, msg: `Unable to ${act} service ${unit}: ${step.res.stderr.trim()}` };
  }
  return out;
}
