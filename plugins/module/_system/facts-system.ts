import { shlexSplit, type Vars } from 'tsible';
import { parseKeyValues } from './remote.js';

const lines = (s: string | undefined) => (s ?? '').split('\n').map((l) => l.trim()).filter(Boolean);

/** Python's socket.getfqdn(): the first name with a dot among the address's canonical name and aliases. */
function fqdnOf(text: string | undefined): string {
  const names = (text ?? '').trim().split(/\s+/).slice(1);
  return names.find((n) => n.includes('.')) ?? names[0] ?? '';
}

export function platformFacts(s: Record<string, string>): Vars {
  const [system = '', kernel = '', kernelVersion = '', machine = '', nodename = ''] = (s.uname ?? '').split('\n').map((l) => l.trim());
  const hostname = (s.hostname ?? '').trim() || nodename;
  const fqdn = fqdnOf(s.fqdn) || hostname;
  const bits = (s.bits ?? '').trim();
  const arch = /^i[3-6]86$/.test(machine) ? 'i386' : machine;
  return {
    system, kernel, kernel_version: kernelVersion, machine, architecture: arch, nodename,
    hostname: hostname.split('.')[0], fqdn, domain: fqdn.includes('.') ? fqdn.split('.').slice(1).join('.') : '',
    ...(bits ? { userspace_bits: bits, userspace_architecture: bits === '32' && machine === 'x86_64' ? 'i386' : arch } : {}),
  };
}

export function userFacts(s: Record<string, string>): Vars {
  const [user = '', uid, gid, ruid, rgid, passwd = ''] = (s.user ?? '').split('\n').map((l) => l.trim());
  const pw = passwd.split(':');
  return {
    user_id: user, user_uid: Number(uid), user_gid: Number(gid), user_gecos: pw[4] ?? '', user_dir: pw[5] ?? '', user_shell: pw[6] ?? '',
    real_user_id: Number(ruid), effective_user_id: Number(uid), real_group_id: Number(rgid), effective_group_id: Number(gid),
  };
}

/** date_time as Ansible's DateTimeFactCollector reports it (local time on the target, iso8601 in UTC). */
export function dateTimeFacts(s: Record<string, string>): Vars | undefined {
  const f = (s.date ?? '').trim().split('|');
  if (f.length < 12) return undefined;
  const [year, month, day, hour, minute, second, tz, offset, weekday, wdayNum, weekNum, epoch] = f;
  const micro = /^\d{9}$/.test(f[12] ?? '') ? f[12].slice(0, 6) : '000000';
  const utc = new Date(Number(epoch) * 1000).toISOString().slice(0, 19);
  return {
    date: `${year}-${month}-${day}`, day, epoch, epoch_int: epoch, hour, iso8601: `${utc}Z`,
    iso8601_basic: `${year}${month}${day}T${hour}${minute}${second}${micro}`, iso8601_basic_short: `${year}${month}${day}T${hour}${minute}${second}`,
    iso8601_micro: `${utc}.${micro}Z`, minute, month, second, time: `${hour}:${minute}:${second}`, tz, tz_dst: tz, tz_offset: offset,
    weekday, weekday_number: wdayNum, weeknumber: weekNum, year,
  };
}

export function dnsFacts(text: string | undefined): Vars {
  const dns: Vars = {};
  for (const l of lines(text)) {
    if (l.startsWith('#') || l.startsWith(';')) continue;
    const [key, ...rest] = l.split(/\s+/);
    if (key === 'nameserver') ((dns.nameservers ??= []) as string[]).push(rest[0]);
    else if (key === 'domain') dns.domain = rest[0];
    else if (key === 'search') dns.search = rest;
    else if (key === 'sortlist') dns.sortlist = rest;
    else if (key === 'options') {
      const opts = (dns.options ??= {}) as Vars;
      for (const o of rest) { const [k, v] = o.split(':'); opts[k] = v ?? true; }
    }
  }
  return dns;
}

/** cmdline (last value wins) and proc_cmdline (repeated keys become lists), from shlex-split /proc/cmdline. */
export function cmdlineFacts(text: string | undefined): Vars {
  const cmdline: Vars = {};
  const proc: Vars = {};
  let words: string[];
  try { words = shlexSplit((text ?? '').trim()); } catch { words = (text ?? '').trim().split(/\s+/); }
  for (const w of words.filter(Boolean)) {
    const eq = w.indexOf('=');
    const [k, v]: [string, unknown] = eq > 0 ? [w.slice(0, eq), w.slice(eq + 1)] : [w, true];
    cmdline[k] = v;
    if (k in proc) proc[k] = Array.isArray(proc[k]) ? [...(proc[k] as unknown[]), v] : [proc[k], v];
    else proc[k] = v;
  }
  return { cmdline, proc_cmdline: proc };
}

export function securityFacts(s: Record<string, string>): Vars {
  const kv = parseKeyValues(s.security ?? '');
  const [root, init] = (kv.chroot ?? '').split(' ');
  const selinux = kv.selinux === undefined ? { status: 'disabled' } : { status: 'enabled', mode: kv.selinux === '1' ? 'enforcing' : 'permissive' };
  return {
    selinux, apparmor: { status: kv.apparmor === 'enabled' ? 'enabled' : 'disabled' }, fips: kv.fips === '1',
    is_chroot: Boolean(root && init && root !== init), ...(kv.machine_id ? { machine_id: kv.machine_id } : {}),
  };
}

const PROC1: Record<string, string> = { procd: 'openwrt_init', 'runit-init': 'runit', svscan: 'svc', 'openrc-init': 'openrc' };

/** Ansible's service_mgr logic: PID 1's name unless it is a generic init or a shell, then systemd/openrc/sysvinit checks. */
export function serviceMgr(text: string | undefined, system: string): string {
  const kv = parseKeyValues(text ?? '');
  let comm = (kv.comm ?? '').trim().split('/').pop() ?? '';
  if (['COMMAND', 'init'].includes(comm) || comm.endsWith('sh')) comm = '';
  if (comm) return PROC1[comm] ?? comm;
  if (system !== 'Linux') return 'service';
  if (kv.systemd_booted) return 'systemd';
  if (kv.openrc) return 'openrc';
  if (kv.initd) return 'sysvinit';
  return 'service';
}

const PKG: Record<string, string> = { 'apt-get': 'apt', dnf5: 'dnf5', dnf: 'dnf', yum: 'yum', zypper: 'zypper', apk: 'apk', pacman: 'pacman',
  emerge: 'portage', pkg: 'pkgng', opkg: 'opkg', 'xbps-install': 'xbps', swupd: 'swupd', brew: 'homebrew', port: 'macports' };

/** First package manager found; on the RedHat family dnf wins over yum, as in Ansible. */
export function pkgMgr(text: string | undefined): string {
  const found = lines(text);
  return found.length ? PKG[found[0]] ?? found[0] : 'unknown';
}

export function sshKeyFacts(text: string | undefined): Vars {
  const out: Vars = {};
  for (const l of lines(text)) {
    const m = /ssh_host_(\w+)_key\.pub (\S+) (\S+)/.exec(l);
    if (m) {
      out[`ssh_host_key_${m[1]}_public`] = m[3];
      out[`ssh_host_key_${m[1]}_public_keytype`] = m[2];
    }
  }
  return out;
}

export function envFacts(text: string | undefined): Vars {
  const raw = text ?? '';
  const entries = raw.includes('\0') ? raw.split('\0') : raw.split('\n');
  const env: Vars = {};
  for (const e of entries) {
    const eq = e.indexOf('=');
    if (eq > 0) env[e.slice(0, eq).replace(/^\n/, '')] = e.slice(eq + 1);
  }
  return env;
}

/**
 * The python fact describes the target's Python when one exists (Ansible reports the interpreter
 * that ran the module; tsible runs none, so it reports the one Ansible's discovery would pick).
 */
export function pythonFacts(text: string | undefined): Vars {
  const [exe, version] = lines(text);
  const m = /^Python (\d+)\.(\d+)\.(\d+)(?:([a-z]+)(\d+))?/.exec(version ?? '');
  if (!exe || !m) return {};
  const level = { a: 'alpha', b: 'beta', rc: 'candidate' }[m[4] ?? ''] ?? 'final';
  const [major, minor, micro, serial] = [Number(m[1]), Number(m[2]), Number(m[3]), Number(m[5] ?? 0)];
  return {
    python: { executable: exe, has_sslcontext: true, type: 'cpython', version: { major, micro, minor, releaselevel: level, serial },
      version_info: [major, minor, micro, level, serial] },
    python_version: `${major}.${minor}.${micro}`,
  };
}
