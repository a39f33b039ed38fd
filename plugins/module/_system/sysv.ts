import type { ModuleContext, ModuleResult } from 'tsible';
import { parseKeyValues, parseSections, runStep, SBIN_PATH } from './remote.js';

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

interface Part { key: string; action: string; cmd: string }

/** One action script; each part's rc/stdout/stderr come back in sections (Ansible's sysvinit `status`). */
function actionScript(parts: Part[]): string {
  const lines = [SBIN_PATH, 't=$(mktemp -d "${TMPDIR:-/tmp}/tsible-svc.XXXXXX") || exit 1'];
  for (const p of parts) {
    lines.push(`{ ${p.cmd}
} >"$t/o" 2>"$t/e"; rc=$?`,
      // The echo after each cat keeps the next header on its own line; parseSections then returns the output exactly.
      `echo '@@${p.key}.rc@@'; echo "$rc"; echo '@@${p.key}.out@@'; cat "$t/o"; echo; echo '@@${p.key}.err@@'; cat "$t/e"; echo`,
      `[ "$rc" = 0 ] || { echo '@@failed@@'; echo ${p.action}; rm -rf "$t"; exit 1; }`);
  }
  lines.push(`echo '@@end@@'`, 'rm -rf "$t"');
  return lines.join('\n');
}

function partStatus(sections: Record<string, string>, key: string): Record<string, unknown> {
  if (sections[`${key}.rc`] === undefined) return { changed: false, rc: null, stdout: null, stderr: null };
  return { changed: true, rc: Number(sections[`${key}.rc`].trim()), stdout: sections[`${key}.out`] ?? '', stderr: sections[`${key}.err`] ?? '' };
}

/** SysV-style services: one probe (script present, running, enabled), one action script. */
export async function runSysv(ctx: ModuleContext<SysvArgs>, runner: Runner): Promise<ModuleResult> {
  const a = ctx.args;
  if (a.state === undefined && a.enabled === undefined) return { failed: true, changed: false, msg: 'Neither argument "state" nor "enabled" was set' };
  const probe = await runStep(ctx, probeScript(ctx, runner), 'service status');
  if (probe.failure) return probe.failure;
  const kv = parseKeyValues(probe.res.stdout);
  if (kv.found !== '1') return { failed: true, changed: false, name: a.name, msg: `could not find the requested service ${a.name}: no init script /etc/init.d/${a.name}` };
  const verbs = verbsFor(a.state, kv.running === '1');
  const toggle = a.enabled !== undefined && a.enabled !== (kv.enabled === '1');
  const parts: Part[] = [];
  if (toggle) parts.push({ key: 'enabled', action: a.enabled ? 'enable' : 'disable', cmd: enableCommand(ctx, kv.tool, a.enabled as boolean) });
  if (verbs.length && a.state) {
    parts.push({ key: a.state, action: verbs[verbs.length - 1], cmd: verbs.map((v) => (v === 'sleep' ? `sleep ${a.sleep ?? 1}` : invoke(ctx, runner, v))).join(' &&\n') });
  }
  const out: ModuleResult = { changed: parts.length > 0, name: a.name };
  if (a.state) out.state = a.state;
  if (a.enabled !== undefined) out.enabled = a.enabled;
  if (!parts.length || ctx.check) return out;
  const step = await runStep(ctx, actionScript(parts), 'service');
  const sections = parseSections(step.res.stdout);
  if (runner === 'script') {
    out.status = Object.fromEntries([...(a.enabled !== undefined ? ['enabled'] : []), ...(a.state ? [a.state] : [])].map((k) => [k, partStatus(sections, k)]));
  }
  if (step.failure) {
    const act = (sections.failed ?? '').trim() || 'control';
    const failedKey = parts.find((p) => p.action === act)?.key ?? parts[0].key;
    const detail = ((sections[`${failedKey}.err`] ?? '') || (sections[`${failedKey}.out`] ?? '')).trim();
    return { ...out, failed: true, changed: false, rc: step.res.rc, msg: `Unable to ${act} service ${a.name}: ${detail}` };
  }
  return out;
}
