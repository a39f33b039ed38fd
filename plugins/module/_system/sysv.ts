import type { ModuleContext, ModuleResult } from 'tsible';
import { parseKeyValues, runStep, SBIN_PATH } from './remote.js';

export interface SysvArgs {
  name: string; state?: 'started' | 'stopped' | 'restarted' | 'reloaded'; enabled?: boolean; sleep?: number; pattern?: string;
  arguments?: string; runlevels?: string[];
}

/** How to run the init script: `service` (generic) or the script itself (sysvinit). */
export type Runner = 'service' | 'script';

function invoke(ctx: ModuleContext<SysvArgs>, runner: Runner, verb: string): string {
  const n = ctx.quote(ctx.args.name);
  const args = ctx.args.arguments ? ` ${ctx.args.arguments}` : '';
  if (runner === 'script') return `/etc/init.d/${n} ${verb}${args}`;
  return `if command -v service >/dev/null 2>&1; then service ${n} ${verb}${args}; elif command -v rc-service >/dev/null 2>&1; then rc-service ${n} ${verb}${args}; else /etc/init.d/${n} ${verb}${args}; fi`;
}

function probeScript(ctx: ModuleContext<SysvArgs>, runner: Runner): string {
  const n = ctx.quote(ctx.args.name);
  const running = ctx.args.pattern
    ? `ps -eo args 2>/dev/null | grep -v grep | grep -Eq ${ctx.quote(ctx.args.pattern)}`
    : `${invoke(ctx, runner, 'status')} >/dev/null 2>&1`;
  return `${SBIN_PATH}
if [ -x /etc/init.d/${n} ] || { [ ${runner === 'service' ? 1 : 0} = 1 ] && command -v rc-service >/dev/null 2>&1 && rc-service -e ${n}; }; then echo found=1; else echo found=0; fi
if ${running}; then echo running=1; else echo running=0; fi
if command -v chkconfig >/dev/null 2>&1 && ! command -v update-rc.d >/dev/null 2>&1; then echo tool=chkconfig; chkconfig ${n} >/dev/null 2>&1 && echo enabled=1
elif command -v rc-update >/dev/null 2>&1; then echo tool=rc-update; rc-update show default 2>/dev/null | grep -q "^ *"${n}" " && echo enabled=1
else echo tool=update-rc.d; ls /etc/rc[2345].d/S??${n} >/dev/null 2>&1 && echo enabled=1; fi
exit 0`;
}

function enableCommand(ctx: ModuleContext<SysvArgs>, tool: string, on: boolean): string {
  const n = ctx.quote(ctx.args.name);
  if (tool === 'chkconfig') return on ? `chkconfig --add ${n} && chkconfig ${n} on` : `chkconfig ${n} off`;
  if (tool === 'rc-update') return on ? `rc-update add ${n} default` : `rc-update del ${n} default`;
  const levels = ctx.args.runlevels?.length ? ` ${ctx.args.runlevels.join(' ')}` : '';
  return on ? `update-rc.d ${n} defaults >/dev/null && update-rc.d ${n} enable${levels}` : `update-rc.d ${n} disable${levels}`;
}

/** What to do for state/enabled, given whether the service runs now. */
function verbsFor(state: SysvArgs['state'], running: boolean): string[] {
  switch (state) {
    case 'started': return running ? [] : ['start'];
    case 'stopped': return running ? ['stop'] : [];
    case 'restarted': return running ? ['stop', 'sleep', 'start'] : ['start'];
    case 'reloaded': return running ? ['reload'] : ['start'];
    default: return [];
  }
}

/** SysV-style services: one probe (script present, running, enabled), one action script. */
export async function runSysv(ctx: ModuleContext<SysvArgs>, runner: Runner): Promise<ModuleResult> {
  const a = ctx.args;
  if (a.state === undefined && a.enabled === undefined) return { failed: true, changed: false, msg: 'Neither argument "state" nor "enabled" was set' };
  const probe = await runStep(ctx, probeScript(ctx, runner), 'service status');
  if (probe.failure) return probe.failure;
  const kv = parseKeyValues(probe.res.stdout);
  if (kv.found !== '1') return { failed: true, changed: false, name: a.name, msg: `could not find the requested service ${a.name}: no init script /etc/init.d/${a.name}` };
  const running = kv.running === '1';
  const enabledNow = kv.enabled === '1';
  const verbs = verbsFor(a.state, running);
  const toggle = a.enabled !== undefined && a.enabled !== enabledNow;
  const out: ModuleResult = { changed: verbs.length > 0 || toggle, name: a.name };
  if (a.state) out.state = a.state;
  if (a.enabled !== undefined) out.enabled = a.enabled;
  if (!out.changed || ctx.check) return out;
  const lines = [SBIN_PATH];
  if (toggle) lines.push(`${enableCommand(ctx, kv.tool, a.enabled as boolean)} || { echo failed_action=${a.enabled ? 'enable' : 'disable'}; exit 1; }`);
  for (const v of verbs) lines.push(v === 'sleep' ? `sleep ${a.sleep ?? 1}` : `${invoke(ctx, runner, v)} || { echo failed_action=${v}; exit 1; }`);
  const step = await runStep(ctx, lines.join('\n'), 'service');
  if (step.failure) {
    const act = /failed_action=(\S+)/.exec(step.res.stdout)?.[1] ?? 'control';
    return { ...step.failure, name: a.name, msg: `Unable to ${act} service ${a.name}: ${(step.res.stderr || step.res.stdout).replace(/failed_action=\S+/, '').trim()}` };
  }
  return out;
}
