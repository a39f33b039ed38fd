import type { Vars } from 'tsible';
import { deviceFacts, dmiFacts, storageIdFacts } from './_system/facts-devices.js';
import { distributionFacts, lsbFacts } from './_system/facts-distribution.js';
import { cpuFacts, memoryFacts, mountFacts, uptimeFacts } from './_system/facts-hardware.js';
import { localFacts } from './_system/facts-local.js';
import { networkFacts } from './_system/facts-network.js';
import { factsScript, type ScriptParts } from './_system/facts-script.js';
import { cmdlineFacts, dateTimeFacts, dnsFacts, envFacts, pkgMgr, platformFacts, pythonFacts, securityFacts, serviceMgr, sshKeyFacts, userFacts } from './_system/facts-system.js';
import { virtualFacts } from './_system/facts-virtual.js';
import { parseSections } from './_system/remote.js';

/** Collector names that belong to a group (Ansible also accepts these in gather_subset). */
const ALIASES: Record<string, string> = { devices: 'hardware', mounts: 'hardware', interfaces: 'network', virtualization: 'virtual' };
/** Minimal collectors whose facts can be excluded one by one (`!env`). */
const MIN_KEYS: Record<string, RegExp> = {
  env: /^env$/, local: /^local$/, ssh_pub_keys: /^ssh_host_key_/, date_time: /^date_time$/, dns: /^dns$/, cmdline: /^(proc_)?cmdline$/,
  lsb: /^lsb$/, python: /^python(_version)?$/, selinux: /^selinux$/, apparmor: /^apparmor$/, fips: /^fips$/, service_mgr: /^service_mgr$/, pkg_mgr: /^pkg_mgr$/,
};

export interface Subsets { parts: ScriptParts; excluded: string[] }

/** Ansible's gather_subset rules: no positive entry means all; `!all` keeps min; `!min` drops it too. */
export function resolveSubsets(list: string[]): Subsets {
  const norm = list.map((s) => s.trim()).filter(Boolean).map((s) => (s.startsWith('!') ? `!${ALIASES[s.slice(1)] ?? s.slice(1)}` : ALIASES[s] ?? s));
  const positive = norm.filter((s) => !s.startsWith('!'));
  const negative = norm.filter((s) => s.startsWith('!')).map((s) => s.slice(1));
  const all = positive.length === 0 ? !negative.includes('all') : positive.includes('all');
  const has = (g: string) => (all || positive.includes(g)) && !negative.includes(g);
  const min = !negative.includes('min') || positive.includes('min');
  const excluded = negative.filter((n) => n in MIN_KEYS);
  return {
    parts: { min, hardware: has('hardware'), network: has('network'), virtual: has('virtual'),
      env: min && !excluded.includes('env'), local: min && !excluded.includes('local') },
    excluded,
  };
}

export function buildFactsScript(subsets: Subsets, factPath: string, quote: (s: string) => string): string {
  return factsScript(subsets.parts, factPath, quote);
}

function minFacts(s: Record<string, string>, factPath: string, parts: ScriptParts): Vars {
  const platform = platformFacts(s);
  const system = String(platform.system);
  const lsb = lsbFacts(s);
  return {
    ...platform, ...distributionFacts(s, system), ...(lsb ? { lsb } : {}), ...userFacts(s), date_time: dateTimeFacts(s),
    dns: dnsFacts(s.resolv), ...securityFacts(s), ...cmdlineFacts(s.cmdline), service_mgr: serviceMgr(s.init, system),
    pkg_mgr: pkgMgr(s.pkg), ...sshKeyFacts(s.ssh_keys), ...pythonFacts(s.python), ...(parts.local ? { local: localFacts(s, factPath) } : {}),
  };
}

/** Turns the script's sections into Ansible-shaped facts (unprefixed: the engine adds `ansible_`). */
export function parseFacts(stdout: string, subsets: Subsets = resolveSubsets(['all']), factPath = '/etc/ansible/facts.d'): Vars {
  const envAt = stdout.indexOf('@@env@@\n');
  const s = parseSections(envAt >= 0 ? stdout.slice(0, envAt) : stdout);
  const p = subsets.parts;
  let facts: Vars = {};
  if (p.min) facts = minFacts(s, factPath, p);
  if (p.env && envAt >= 0) facts.env = envFacts(stdout.slice(envAt + 8));
  if (p.hardware) Object.assign(facts, cpuFacts(s.cpuinfo, s.nproc), memoryFacts(s.meminfo), uptimeFacts(s.uptime, s.loadavg), { mounts: mountFacts(s.mounts, s.uuids) }, deviceFacts(s.blockdevs), dmiFacts(s.dmi), storageIdFacts(s.storage_ids));
  if (p.network) Object.assign(facts, networkFacts(s));
  if (p.virtual) Object.assign(facts, virtualFacts(s.virt));
  for (const name of subsets.excluded) for (const k of Object.keys(facts)) if (MIN_KEYS[name].test(k)) delete facts[k];
  return facts;
}

