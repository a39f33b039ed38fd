import type { ModuleContext, ModuleResult } from 'tsible';
import { parseSections, requireTool, runStep, section } from './remote.js';

export interface DnfArgs {
  name?: string[]; state?: string; enablerepo?: string[]; disablerepo?: string[]; disable_gpg_check: boolean; update_cache: boolean;
  autoremove: boolean; exclude?: string[]; allowerasing: boolean; nobest?: boolean; security: boolean; bugfix: boolean;
  update_only: boolean; install_weak_deps: boolean; conf_file?: string; installroot?: string; releasever?: string; download_only: boolean;
}

const isGroupOrPath = (n: string) => n.startsWith('@') || n.includes('/') || /[<>=]/.test(n);

function probeScript(ctx: ModuleContext<DnfArgs>, tool: string, names: string[], latest: boolean): string {
  const q = names.filter((n) => !isGroupOrPath(n)).map((n) => ctx.quote(n)).join(' ');
  return `${requireTool(tool)}
${section('installed')}
${q ? `rpm -q --qf '%{NAME}\\n' ${q} 2>/dev/null | grep -v ' is not installed'` : ':'}
${section('updates')}
${latest && q ? `${tool} -q check-update ${q} 2>/dev/null | awk 'NF==3 {print $1}' | sed 's/\\.[^.]*$//'` : ':'}
exit 0`;
}

function flags(ctx: ModuleContext<DnfArgs>): string[] {
  const a = ctx.args;
  const w: string[] = ['-y'];
  for (const r of a.enablerepo ?? []) w.push(`--enablerepo=${r}`);
  for (const r of a.disablerepo ?? []) w.push(`--disablerepo=${r}`);
  for (const e of a.exclude ?? []) w.push(`--exclude=${e}`);
  if (a.disable_gpg_check) w.push('--nogpgcheck');
  if (a.update_cache) w.push('--refresh');
  if (a.allowerasing) w.push('--allowerasing');
  if (a.nobest === true) w.push('--nobest');
  if (a.security) w.push('--security');
  if (a.bugfix) w.push('--bugfix');
  if (!a.install_weak_deps) w.push('--setopt=install_weak_deps=False');
  if (a.conf_file) w.push(`--config=${a.conf_file}`);
  if (a.installroot) w.push(`--installroot=${a.installroot}`);
  if (a.releasever) w.push(`--releasever=${a.releasever}`);
  if (a.download_only) w.push('--downloadonly');
  return w;
}

/** dnf/yum through their command-line tools and rpm -q: one probe, one transaction. */
export async function runDnf(ctx: ModuleContext<DnfArgs>, tool: 'dnf' | 'yum'): Promise<ModuleResult> {
  const a = ctx.args;
  const names = a.name ?? [];
  const state = a.state ?? (a.autoremove ? 'absent' : 'present');
  const absent = state === 'absent' || state === 'removed';
  const latest = state === 'latest';
  const probe = await runStep(ctx, probeScript(ctx, tool, names, latest), `${tool} probe`);
  if (probe.failure) return probe.failure;
  const s = parseSections(probe.res.stdout);
  const installed = new Set((s.installed ?? '').split('\n').map((l) => l.trim()).filter(Boolean));
  const updates = new Set((s.updates ?? '').split('\n').map((l) => l.trim()).filter(Boolean));
  const todo = names.filter((n) => {
    if (isGroupOrPath(n)) return true;
    if (absent) return installed.has(n);
    if (latest) return !installed.has(n) || updates.has(n) || n === '*';
    return !installed.has(n) && !a.update_only;
  });
  const verb = absent ? 'remove' : latest && names.every((n) => installed.has(n) || n === '*') ? 'upgrade' : 'install';
  const verbPast = absent ? 'Removed' : verb === 'upgrade' ? 'Upgraded' : 'Installed';
  if (!todo.length && !(absent && a.autoremove && !names.length)) return { changed: false, msg: 'Nothing to do', rc: 0, results: [] };
  const results = todo.map((n) => `${verbPast}: ${n}`);
  if (ctx.check) return { changed: true, msg: `Check mode: No changes made, but would have if not in check mode`, rc: 0, results };
  const words = [tool, ...flags(ctx), ...(absent && !names.length ? ['autoremove'] : [verb, ...todo])];
  const step = await runStep(ctx, `${requireTool(tool)}\n${words.map((w) => ctx.quote(w)).join(' ')}`, `${tool} ${verb}`);
  if (step.failure) return { ...step.failure, rc: step.res.rc, results: [], msg: `Failed to ${verb} packages: ${(step.res.stderr || step.res.stdout).trim()}` };
  const nothing = /Nothing to do|No packages marked for/i.test(step.res.stdout);
  return { changed: !nothing, msg: '', rc: 0, results: nothing ? [] : results };
}
