/**
 * The fact gatherer's remote side: one POSIX script, assembled from the parts the requested
 * subsets need. Every part prints `@@name@@` sections and tolerates missing tools and files, so a
 * minimal target (busybox, no /etc/os-release, no ip) still answers. All parsing is on the controller.
 */
/** A section header on its own line even when the previous file lacked a final newline. */
const S = (name: string) => `echo; echo '@@${name}@@'`;

const MIN = `
${S('uname')}
uname -s; uname -r; uname -v; uname -m; uname -n
${S('hostname')}
hostname 2>/dev/null || cat /proc/sys/kernel/hostname
${S('fqdn')}
h=$(hostname 2>/dev/null || cat /proc/sys/kernel/hostname)
ip=$(getent hosts "$h" 2>/dev/null | awk '{print $1; exit}')
if [ -n "$ip" ]; then getent hosts "$ip" 2>/dev/null | head -n 1; else echo "- $(hostname -f 2>/dev/null || echo "$h")"; fi
${S('bits')}
getconf LONG_BIT 2>/dev/null
${S('osrelease')}
cat /etc/os-release 2>/dev/null || cat /usr/lib/os-release 2>/dev/null
${S('debian_version')}
cat /etc/debian_version 2>/dev/null
${S('redhat_release')}
cat /etc/redhat-release 2>/dev/null
${S('alpine_release')}
cat /etc/alpine-release 2>/dev/null
${S('lsb_release_file')}
cat /etc/lsb-release 2>/dev/null
${S('has_lsb_release')}
command -v lsb_release 2>/dev/null
${S('user')}
u=$(id -un); echo "$u"; id -u; id -g; id -ru; id -rg
getent passwd "$u" 2>/dev/null || grep "^$u:" /etc/passwd
${S('date')}
date '+%Y|%m|%d|%H|%M|%S|%Z|%z|%A|%w|%W|%s|%N'
${S('resolv')}
cat /etc/resolv.conf 2>/dev/null
${S('security')}
if [ -d /sys/fs/selinux ]; then echo "selinux=$(cat /sys/fs/selinux/enforce 2>/dev/null)"; fi
if [ -d /sys/kernel/security/apparmor ]; then echo apparmor=enabled; fi
echo "fips=$(cat /proc/sys/crypto/fips_enabled 2>/dev/null)"
echo "chroot=$(stat -c %d:%i / 2>/dev/null) $(stat -c %d:%i /proc/1/root/. 2>/dev/null)"
echo "machine_id=$(cat /etc/machine-id 2>/dev/null || cat /var/lib/dbus/machine-id 2>/dev/null)"
${S('cmdline')}
cat /proc/cmdline 2>/dev/null
${S('init')}
echo "comm=$(cat /proc/1/comm 2>/dev/null || ps -p 1 -o comm= 2>/dev/null)"
[ -d /run/systemd/system ] && echo systemd_booted=1
[ -d /etc/init.d ] && echo initd=1
command -v openrc >/dev/null 2>&1 && echo openrc=1
${S('pkg')}
for t in apt-get dnf5 dnf yum zypper apk pacman emerge pkg opkg xbps-install swupd brew port; do command -v $t >/dev/null 2>&1 && echo $t; done
${S('python')}
for p in /usr/bin/python3 /usr/libexec/platform-python /usr/bin/python; do [ -x "$p" ] && { echo "$p"; "$p" --version 2>&1; break; }; done
${S('ssh_keys')}
for f in /etc/ssh/ssh_host_*_key.pub; do [ -r "$f" ] && { printf '%s ' "$f"; cat "$f"; }; done
`;

const HARDWARE = `
${S('cpuinfo')}
cat /proc/cpuinfo 2>/dev/null
${S('nproc')}
nproc 2>/dev/null || getconf _NPROCESSORS_ONLN 2>/dev/null
${S('meminfo')}
cat /proc/meminfo 2>/dev/null
${S('uptime')}
cat /proc/uptime 2>/dev/null
${S('loadavg')}
cat /proc/loadavg 2>/dev/null
${S('blockdevs')}
for b in /sys/block/*; do [ -e "$b" ] || continue; n=\${b##*/}; q=$b/queue; virt=0
  if [ -L "$b" ] || [ ! -e "$b/device" ]; then virt=1; fi
  echo "dev|$n|$(rd $b/removable)|$(rd $q/rotational)|$(rd $q/scheduler)|$(rd $b/size)|$(rd $q/logical_block_size)|$(rd $q/hw_sector_size)|$(rd $q/discard_granularity)|$(rd $b/device/vendor)|$(rd $b/device/model)|$(rd $b/device/sas_address)|$(rd $b/device/sas_device_handle)|$(rd $b/device/serial)|$virt|$(ls $b/holders 2>/dev/null | tr '\n' ' ')"
  for p in "$b/$n"*; do [ -d "$p" ] || continue; echo "part|$n|\${p##*/}|$(rd $p/start)|$(rd $p/size)|$(ls $p/holders 2>/dev/null | tr '\n' ' ')"; done
  for s in "$b"/slaves/*; do [ -e "$s" ] && echo "slave|\${s##*/}|$n"; done
done
for kind in id uuid label; do for l in /dev/disk/by-$kind/*; do [ -L "$l" ] && echo "link|$kind|$(readlink "$l" | sed 's|.*/||')|\${l##*/}"; done; done
${S('dmi')}
for k in bios_date bios_vendor bios_version board_asset_tag board_name board_serial board_vendor board_version chassis_asset_tag chassis_serial chassis_vendor chassis_version chassis_type product_name product_serial product_uuid product_version sys_vendor; do
  f=/sys/devices/virtual/dmi/id/$k; [ -r "$f" ] && echo "$k=$(rd $f)"
done
${S('storage_ids')}
sed -n 's/^InitiatorName=//p' /etc/iscsi/initiatorname.iscsi 2>/dev/null | sed 's/^/iqn=/'
[ -r /etc/nvme/hostnqn ] && echo "nqn=$(rd /etc/nvme/hostnqn)"
for f in /sys/class/fc_host/*/port_name; do [ -r "$f" ] && echo "wwn=$(rd $f)"; done
if [ "$(id -u)" = 0 ] && command -v vgs >/dev/null 2>&1; then
  echo lvm=1
  vgs --noheadings --nosuffix --units g --separator ',' -o vg_name,vg_size,vg_free,lv_count,pv_count 2>/dev/null | sed 's/^ */vg=/'
  lvs --noheadings --nosuffix --units g --separator ',' -o lv_name,vg_name,lv_size 2>/dev/null | sed 's/^ */lv=/'
  pvs --noheadings --nosuffix --units g --separator ',' -o pv_name,vg_name,pv_size,pv_free 2>/dev/null | sed 's/^ */pv=/'
fi
${S('uuids')}
for l in /dev/disk/by-uuid/*; do [ -e "$l" ] && echo "$(readlink -f "$l") \${l##*/}"; done
${S('mounts')}
while read -r dev mnt fs opts dump pass; do
  case "$dev" in /*|*:/*) ;; *) continue ;; esac
  [ "$fs" = none ] && continue
  m=$(printf '%s' "$mnt" | sed 's/\\\\040/ /g; s/\\\\011/\t/g')
  echo "$dev|$mnt|$fs|$opts|$dump|$pass|$(stat -f -c '%S %s %b %f %a %c %d' "$m" 2>/dev/null)"
done < /proc/mounts
`;

const NETWORK = `
${S('links')}
for d in /sys/class/net/*; do [ -e "$d" ] || continue; n=\${d##*/}; mod=; pci=
  [ -e "$d/device/driver/module" ] && mod=$(readlink "$d/device/driver/module")
  [ -e "$d/device" ] && pci=$(readlink "$d/device")
  echo "$n|$(rd $d/address)|$(rd $d/mtu)|$(rd $d/flags)|$(rd $d/type)|$(rd $d/speed)|$mod|$pci"
done
${S('addrs')}
ip -o addr show 2>/dev/null || { command -v ifconfig >/dev/null 2>&1 && echo "__IFCONFIG__" && ifconfig -a; }
${S('route4')}
ip -4 route get 8.8.8.8 2>/dev/null
${S('route6')}
ip -6 route get 2404:6800:400a:800::1012 2>/dev/null
`;

const VIRTUAL = `
${S('virt')}
[ -e /.dockerenv ] && echo dockerenv=1
[ -e /run/.containerenv ] && echo containerenv=1
grep -qa 'container=lxc' /proc/1/environ 2>/dev/null && echo lxc=1
grep -qa 'container=podman' /proc/1/environ 2>/dev/null && echo podman=1
grep -qE 'docker|/lxc/|kubepods' /proc/1/cgroup 2>/dev/null && echo "cgroup=$(grep -oE 'docker|lxc|kubepods' /proc/1/cgroup | head -n 1)"
[ -e /proc/vz ] && [ ! -e /proc/bc ] && echo openvz=guest
[ -e /proc/xen ] && echo xen=1
[ -e /dev/kvm ] && echo devkvm=1
grep -q '^flags.* hypervisor' /proc/cpuinfo 2>/dev/null && echo hypervisor=1
echo "product=$(cat /sys/devices/virtual/dmi/id/product_name 2>/dev/null)"
echo "vendor=$(cat /sys/devices/virtual/dmi/id/sys_vendor 2>/dev/null)"
echo "bios=$(cat /sys/devices/virtual/dmi/id/bios_vendor 2>/dev/null)"
`;

const ENV = `
${S('env')}
env -0 2>/dev/null || env
`;

/** Local facts: executable *.fact files are run, others printed (JSON or INI, parsed on the controller). */
function localFacts(factPath: string, quote: (s: string) => string): string {
  return `
for f in ${quote(factPath)}/*.fact; do
  [ -f "$f" ] || continue
  n=\${f##*/}; n=\${n%.fact}
  echo; echo "@@local:$n@@"
  if [ -x "$f" ]; then "$f" 2>/dev/null; else cat "$f"; fi
done
`;
}

export interface ScriptParts { min: boolean; hardware: boolean; network: boolean; virtual: boolean; env: boolean; local: boolean }

/** Env goes last: its NUL-separated body must not swallow other sections. */
export function factsScript(p: ScriptParts, factPath: string, quote: (s: string) => string): string {
  const rd = `rd() { v=; { IFS= read -r v < "$1"; } 2>/dev/null; printf '%s' "$v"; }`;
  return [rd, p.min ? MIN : '', p.hardware ? HARDWARE : '', p.network ? NETWORK : '', p.virtual ? VIRTUAL : '',
    p.local ? localFacts(factPath, quote) : '', p.env ? ENV : '', 'exit 0'].join('\n');
}
