import { defineModule, type ModuleContext, type ModuleResult } from 'tsible';
import { parseKeyValues, requireTool, runStep } from './_system/remote.js';

interface HostnameArgs { name: string; use?: string }

const PROBE = `echo "current=$(hostname 2>/dev/null || cat /proc/sys/kernel/hostname)"
echo "permanent=$(cat /etc/hostname 2>/dev/null | head -n 1)"
if command -v hostnamectl >/dev/null 2>&1 && [ -d /run/systemd/system ]; then echo "strategy=systemd"; echo "permanent=$(hostnamectl --static 2>/dev/null)"
elif [ -f /etc/conf.d/hostname ]; then echo "strategy=openrc"
else echo "strategy=file"; fi
exit 0`;

/** The action for a strategy: systemd uses hostnamectl; others write the config file and set the live name. */
function setScript(ctx: ModuleContext<HostnameArgs>, strategy: string): string {
  const n = ctx.quote(ctx.args.name);
  if (strategy === 'systemd') return `${requireTool('hostnamectl')}\nhostnamectl set-hostname ${n}`;
  const file = strategy === 'openrc'
    ? `printf 'hostname="%s"\\n' ${n} > /etc/conf.d/hostname`
    : `printf '%s\\n' ${n} > /etc/hostname`;
  return `${file} || exit 1\nif command -v hostname >/dev/null 2>&1; then hostname ${n}; else printf '%s' ${n} > /proc/sys/kernel/hostname; fi`;
}

/** Sets the system hostname, live and permanently. Facts are updated as Ansible's module does. */
export default defineModule<HostnameArgs>({
  name: 'hostname',
  shortDescription: 'Manage hostname',
  options: {
    name: { type: 'str', required: true, description: 'Name of the host.' },
    use: { type: 'str', choices: ['alpine', 'debian', 'freebsd', 'generic', 'macos', 'macosx', 'darwin', 'openbsd', 'openrc', 'redhat', 'sles', 'solaris', 'systemd'], description: 'Strategy (default: detected).' },
  },
  checkMode: 'full',
  async run(ctx): Promise<ModuleResult> {
    const probe = await runStep(ctx, PROBE, 'reading the hostname');
    if (probe.failure) return probe.failure;
    const kv = parseKeyValues(probe.res.stdout);
    const name = ctx.args.name;
    const use = ctx.args.use;
    const strategy = use === 'systemd' ? 'systemd' : use === 'openrc' || use === 'alpine' ? 'openrc' : use ? 'file' : kv.strategy;
    const changed = kv.current !== name || (kv.permanent ?? '') !== name;
    const short = name.split('.')[0];
    const out: ModuleResult = { changed, name,
      ansible_facts: { ansible_hostname: short, ansible_nodename: name, ansible_fqdn: name, ansible_domain: name.split('.').slice(1).join('.') } };
    if (changed && ctx.diff) out.diff = { before: `hostname = ${kv.current}\n`, after: `hostname = ${name}\n` };
    if (!changed || ctx.check) return out;
    const step = await runStep(ctx, setScript(ctx, strategy), 'setting the hostname');
    if (step.failure) return { ...step.failure, msg: `Command failed rc=${step.res.rc}, out=${step.res.stdout.trim()}, err=${step.res.stderr.trim()}` };
    return out;
  },
});
