import type { ModuleContext, ModuleResult } from 'tsible';
import { parseSections, requireTool, runStep, section } from './remote.js';

export interface AptArgs {
  name?: string[]; state: string; update_cache?: boolean; cache_valid_time: number; purge: boolean; default_release?: string;
  install_recommends?: boolean; force: boolean; upgrade?: string; autoremove: boolean; autoclean: boolean; only_upgrade: boolean;
  allow_unauthenticated: boolean; allow_downgrade: boolean; dpkg_options: string; lock_timeout: number; clean: boolean; deb?: string;
}

const ENV = 'DEBIAN_FRONTEND=noninteractive DEBCONF_NONINTERACTIVE_SEEN=true; export DEBIAN_FRONTEND DEBCONF_NONINTERACTIVE_SEEN';

interface PkgState { installed?: string; candidate?: string }

/** `name=version` and `name:arch` specs; wildcards are resolved by apt itself. */
function splitSpec(spec: string): { name: string; version?: string } {
  const eq = spec.indexOf('=');
  return eq > 0 ? { name: spec.slice(0, eq), version: spec.slice(eq + 1) } : { name: spec };
}

function probeScript(ctx: ModuleContext<AptArgs>, names: string[]): string {
  const q = names.map((n) => ctx.quote(n)).join(' ');
  return `${requireTool('apt-get')}
${section('cache')}
if [ -e /var/lib/apt/periodic/update-success-stamp ]; then stat -c %Y /var/lib/apt/periodic/update-success-stamp; elif [ -e /var/lib/apt/lists ]; then stat -c %Y /var/lib/apt/lists; else echo 0; fi
date +%s
${section('policy')}
${names.length ? `LC_ALL=C apt-cache policy ${q} 2>/dev/null` : ':'}
exit 0`;
}

/** `apt-cache policy` into installed/candidate per package ('(none)' → undefined). */
export function parsePolicy(text: string): Record<string, PkgState> {
  const out: Record<string, PkgState> = {};
  let cur: string | undefined;
  for (const line of text.split('\n')) {
    const head = /^(\S+):$/.exec(line);
    if (head) { cur = head[1]; out[cur] = {}; continue; }
    const m = /^\s+(Installed|Candidate):\s*(.*)$/.exec(line);
    if (cur && m) {
      const v = m[2].trim() === '(none)' ? undefined : m[2].trim();
      if (m[1] === 'Installed') out[cur].installed = v; else out[cur].candidate = v;
    }
  }
  return out;
}

/** Which specs need work for the state; a package unknown to apt is an error as in Ansible. */
function pending(a: AptArgs, specs: string[], policy: Record<string, PkgState>): { todo: string[]; error?: string } {
  const todo: string[] = [];
  for (const spec of specs) {
    const { name, version } = splitSpec(spec);
    const p = policy[name.replace(/:.*$/, '')] ?? policy[name];
    const wildcard = /[*?[]/.test(name);
    if (a.state === 'absent') { if (wildcard || p?.installed) todo.push(name); continue; }
    if (!wildcard && (!p || (!p.installed && !p.candidate))) return { todo, error: `No package matching '${name}' is available` };
    if (wildcard) todo.push(spec);
    else if (!p?.installed) { if (!a.only_upgrade) todo.push(spec); }
    else if (version !== undefined && !p.installed.startsWith(version.replace(/\*$/, ''))) todo.push(spec);
    else if (a.state === 'latest' && p.candidate && p.installed !== p.candidate) todo.push(spec);
  }
  return { todo };
}

function aptGet(ctx: ModuleContext<AptArgs>, verb: string, pkgs: string[]): string {
  const a = ctx.args;
  const w = ['apt-get', '-y', '-q', ...(ctx.check ? ['-s'] : [])];
  for (const o of a.dpkg_options.split(',').filter(Boolean)) w.push('-o', `Dpkg::Options::=--${o}`);
  w.push('-o', `DPkg::Lock::Timeout=${a.lock_timeout}`);
  if (verb === 'install') {
    if (a.default_release) w.push('-t', a.default_release);
    if (a.install_recommends === false) w.push('--no-install-recommends');
    if (a.install_recommends === true) w.push('--install-recommends');
    if (a.force || a.allow_unauthenticated) w.push('--allow-unauthenticated');
    if (a.force || a.allow_downgrade) w.push('--allow-downgrades');
    if (a.only_upgrade) w.push('--only-upgrade');
  }
  if (verb === 'remove' && a.purge) w.push('--purge');
  if (a.autoremove && verb !== 'install') w.push('--auto-remove');
  return [...w, verb, ...pkgs].map((x) => ctx.quote(x)).join(' ');
}

/** apt through apt-get / apt-cache / dpkg: one probe (cache age, policy), then update + action in one script. */
export async function runApt(ctx: ModuleContext<AptArgs>): Promise<ModuleResult> {
  const a = ctx.args;
  const specs = a.name ?? [];
  const probe = await runStep(ctx, probeScript(ctx, specs.map((s) => splitSpec(s).name)), 'apt probe');
  if (probe.failure) return probe.failure;
  const s = parseSections(probe.res.stdout);
  const [mtime, now] = (s.cache ?? '0\n0').trim().split('\n').map(Number);
  const wantUpdate = a.update_cache === true && !(a.cache_valid_time > 0 && now - mtime < a.cache_valid_time);
  const need = pending(a, specs, parsePolicy(s.policy ?? ''));
  if (need.error && !wantUpdate) return { failed: true, changed: false, msg: need.error, cache_updated: false, cache_update_time: mtime };
  const verb = a.state === 'absent' ? 'remove' : a.state === 'build-dep' ? 'build-dep' : 'install';
  const lines = [ENV, requireTool('apt-get')];
  if (wantUpdate && !ctx.check) lines.push(`apt-get update -q >/dev/null || { echo update_failed=1; exit 1; }`);
  const upgradeVerb = a.upgrade && a.upgrade !== 'no' ? (a.upgrade === 'full' || a.upgrade === 'dist' ? 'dist-upgrade' : 'upgrade') : undefined;
  const todo = wantUpdate && need.error ? specs : need.todo;
  if (todo.length) lines.push(aptGet(ctx, verb, todo));
  else if (upgradeVerb) lines.push(aptGet(ctx, upgradeVerb, []));
  if (a.autoclean) lines.push('apt-get -q -y autoclean');
  if (a.clean) lines.push('apt-get clean');
  const cacheTime = `${section('cache')}\nstat -c %Y /var/lib/apt/periodic/update-success-stamp 2>/dev/null || stat -c %Y /var/lib/apt/lists`;
  if (!todo.length && !upgradeVerb && !wantUpdate && !a.autoclean && !a.clean) return { changed: false, cache_updated: false, cache_update_time: mtime };
  const step = await runStep(ctx, `${lines.join('\n')}\nrc=$?\n${cacheTime}\nexit $rc`, `apt-get ${verb}`);
  const after = Number((parseSections(step.res.stdout).cache ?? '').trim()) || mtime;
  const stdout = step.res.stdout.split('\n@@cache@@')[0];
  if (step.failure) return { ...step.failure, stdout, msg: `'${todo.length ? `apt-get ${verb} ${todo.join(' ')}` : 'apt-get'}' failed: ${step.res.stderr.trim()}` };
  const changed = todo.length > 0 ? (ctx.check ? /^(Inst|Remv|Purg) /m.test(stdout) || a.state !== 'absent' : true)
    : upgradeVerb ? !/\b0 upgraded, 0 newly installed/.test(stdout) : wantUpdate;
  const out: ModuleResult = { changed, cache_updated: wantUpdate && !ctx.check, cache_update_time: after };
  if (todo.length || upgradeVerb) Object.assign(out, { stdout, stderr: step.res.stderr });
  return out;
}
