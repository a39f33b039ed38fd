import { defineModule, type ModuleContext, type ModuleResult, type Vars } from 'tsible';
import { parseKeyValues } from './_system/remote.js';
import { runSystemd } from './_system/systemd.js';
import { runSysv } from './_system/sysv.js';

interface ServiceArgs { name: string; state?: 'started' | 'stopped' | 'restarted' | 'reloaded'; enabled?: boolean; sleep?: number; pattern?: string; arguments?: string; runlevel: string; use: string }

/** ansible_service_mgr from gathered facts, else a quick probe (as Ansible's service action does). */
async function serviceManager(ctx: ModuleContext<ServiceArgs>): Promise<string> {
  if (ctx.args.use !== 'auto') return ctx.args.use;
  const facts = (ctx.vars.ansible_facts ?? {}) as Vars;
  const known = facts.service_mgr ?? ctx.vars.ansible_service_mgr;
  if (typeof known === 'string' && known) return known;
  const res = await ctx.exec('if [ -d /run/systemd/system ]; then echo mgr=systemd; elif command -v rc-service >/dev/null 2>&1; then echo mgr=openrc; else echo mgr=service; fi');
  return parseKeyValues(res.stdout).mgr ?? 'service';
}

/** Controls services through the target's service manager: systemd, or SysV/OpenRC via `service`. */
export default defineModule<ServiceArgs>({
  name: 'service',
  shortDescription: 'Manage services',
  options: {
    name: { type: 'str', required: true, description: 'Name of the service.' },
    state: { type: 'str', choices: ['reloaded', 'restarted', 'started', 'stopped'], description: 'Desired state.' },
    enabled: { type: 'bool', description: 'Start on boot.' },
    sleep: { type: 'int', description: 'Seconds between stop and start on restart.' },
    pattern: { type: 'str', description: 'Regex matched against the process list when there is no status command.' },
    arguments: { type: 'str', default: '', aliases: ['args'], description: 'Extra arguments.' },
    runlevel: { type: 'str', default: 'default', description: 'OpenRC runlevel.' },
    use: { type: 'str', default: 'auto', description: 'Backend (auto: from ansible_service_mgr).' },
  },
  checkMode: 'full',
  async run(ctx): Promise<ModuleResult> {
    const mgr = await serviceManager(ctx);
    if (mgr === 'systemd') {
      const { name, state, enabled } = ctx.args;
      const sctx = { ...ctx, args: { name, state, enabled, daemon_reload: false, daemon_reexec: false, scope: 'system' as const, no_block: false } };
      return runSystemd(sctx);
    }
    const { name, state, enabled, sleep, pattern } = ctx.args;
    return runSysv({ ...ctx, args: { name, state, enabled, sleep, pattern, arguments: ctx.args.arguments || undefined } }, 'service');
  },
});
