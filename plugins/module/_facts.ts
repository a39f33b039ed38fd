import type { Vars } from 'tsible';

/**
 * One remote script prints `key=value` lines; everything is parsed on the controller. Each probe
 * tolerates a missing tool, so a minimal target (busybox, no /etc/os-release) still answers.
 */
export const FACTS_SCRIPT = `
echo "hostname=$(hostname 2>/dev/null || uname -n)"
echo "fqdn=$(hostname -f 2>/dev/null || hostname 2>/dev/null || uname -n)"
echo "nodename=$(uname -n)"
echo "system=$(uname -s)"
echo "kernel=$(uname -r)"
echo "kernel_version=$(uname -v)"
echo "machine=$(uname -m)"
echo "user_id=$(id -un)"
echo "user_uid=$(id -u)"
echo "user_gid=$(id -g)"
echo "user_dir=$HOME"
echo "user_shell=$SHELL"
echo "nproc=$(nproc 2>/dev/null || getconf _NPROCESSORS_ONLN 2>/dev/null)"
echo "epoch=$(date +%s)"
echo "tz=$(date +%Z)"
echo "pkg_apt=$(command -v apt-get)"
echo "pkg_dnf=$(command -v dnf)"
echo "pkg_yum=$(command -v yum)"
echo "pkg_apk=$(command -v apk)"
echo "init=$(cat /proc/1/comm 2>/dev/null)"
if [ -r /proc/meminfo ]; then awk '/^MemTotal:/{print "memtotal_kb="$2} /^MemFree:/{print "memfree_kb="$2} /^SwapTotal:/{print "swaptotal_kb="$2} /^SwapFree:/{print "swapfree_kb="$2}' /proc/meminfo; fi
if [ -r /etc/os-release ]; then sed -n 's/^\\(ID\\|VERSION_ID\\|NAME\\|VERSION_CODENAME\\|ID_LIKE\\|PRETTY_NAME\\)=/osr_\\1=/p' /etc/os-release; fi
`;

const OS_FAMILY: Record<string, string> = {
  debian: 'Debian', ubuntu: 'Debian', raspbian: 'Debian', linuxmint: 'Debian', centos: 'RedHat', rhel: 'RedHat',
  fedora: 'RedHat', rocky: 'RedHat', almalinux: 'RedHat', amzn: 'RedHat', alpine: 'Alpine', arch: 'Archlinux',
  opensuse: 'Suse', sles: 'Suse', gentoo: 'Gentoo',
};

function unquote(v: string): string {
  return v.replace(/^"(.*)"$/, '$1').replace(/^'(.*)'$/, '$1');
}

export function parseFacts(stdout: string): Vars {
  const kv: Record<string, string> = {};
  for (const line of stdout.split('\n')) {
    const eq = line.indexOf('=');
    if (eq > 0) kv[line.slice(0, eq)] = unquote(line.slice(eq + 1).trim());
  }
  const id = kv.osr_ID ?? kv.system?.toLowerCase() ?? '';
  const version = kv.osr_VERSION_ID ?? '';
  const mb = (k: string) => (kv[k] ? Math.floor(Number(kv[k]) / 1024) : undefined);
  const epoch = Number(kv.epoch);
  const date = new Date(epoch * 1000);
  return {
    hostname: kv.hostname?.split('.')[0], fqdn: kv.fqdn, nodename: kv.nodename, system: kv.system,
    kernel: kv.kernel, kernel_version: kv.kernel_version, architecture: kv.machine, machine: kv.machine,
    distribution: kv.osr_NAME ? kv.osr_NAME.split(' ')[0] : kv.system, distribution_version: version,
    distribution_major_version: version.split('.')[0] || 'NA', distribution_release: kv.osr_VERSION_CODENAME ?? 'NA',
    os_family: OS_FAMILY[id] ?? (kv.osr_ID_LIKE ? OS_FAMILY[kv.osr_ID_LIKE.split(' ')[0]] : undefined) ?? kv.system,
    user_id: kv.user_id, user_uid: Number(kv.user_uid), user_gid: Number(kv.user_gid), user_dir: kv.user_dir,
    user_shell: kv.user_shell, processor_vcpus: Number(kv.nproc) || undefined, processor_nproc: Number(kv.nproc) || undefined,
    memtotal_mb: mb('memtotal_kb'), memfree_mb: mb('memfree_kb'), swaptotal_mb: mb('swaptotal_kb'), swapfree_mb: mb('swapfree_kb'),
    pkg_mgr: kv.pkg_apt ? 'apt' : kv.pkg_dnf ? 'dnf' : kv.pkg_yum ? 'yum' : kv.pkg_apk ? 'apk' : 'unknown',
    service_mgr: kv.init === 'systemd' ? 'systemd' : kv.init || 'service',
    date_time: Number.isFinite(epoch) ? {
      epoch: String(epoch), iso8601: date.toISOString().replace(/\.\d{3}Z$/, 'Z'), date: date.toISOString().slice(0, 10),
      year: String(date.getUTCFullYear()), tz: kv.tz,
    } : undefined,
  };
}
