import type { Vars } from 'tsible';

const lines = (s: string | undefined) => (s ?? '').split('\n').map((l) => l.trim()).filter(Boolean);

/** KEY=value files (/etc/os-release, /etc/lsb-release), quotes removed. */
export function shellVars(text: string | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const l of lines(text)) {
    const m = /^([A-Za-z_][A-Za-z0-9_]*)=(.*)$/.exec(l);
    if (m) out[m[1]] = m[2].replace(/^"(.*)"$/, '$1').replace(/^'(.*)'$/, '$1');
  }
  return out;
}

/** os-release ID → Ansible's distribution name. */
const DISTRIBUTION: Record<string, string> = {
  debian: 'Debian', ubuntu: 'Ubuntu', raspbian: 'Debian', linuxmint: 'Linux Mint', kali: 'Kali', devuan: 'Devuan', pop: 'Pop!_OS',
  centos: 'CentOS', rhel: 'RedHat', fedora: 'Fedora', rocky: 'Rocky', almalinux: 'AlmaLinux', ol: 'OracleLinux', amzn: 'Amazon',
  scientific: 'Scientific', alpine: 'Alpine', arch: 'Archlinux', archarm: 'Archlinux', manjaro: 'ManjaroLinux', gentoo: 'Gentoo',
  'opensuse-leap': 'openSUSE Leap', 'opensuse-tumbleweed': 'openSUSE Tumbleweed', opensuse: 'openSUSE', sles: 'SLES', sles_sap: 'SLES_SAP',
  clear_linux: 'Clear Linux OS', nixos: 'NixOS', void: 'Void', freebsd: 'FreeBSD',
};

/** Ansible's OS_FAMILY_MAP, inverted. */
const FAMILY: Record<string, string> = {};
for (const [family, names] of Object.entries({
  RedHat: ['RedHat', 'Fedora', 'CentOS', 'Scientific', 'OracleLinux', 'Amazon', 'AlmaLinux', 'Rocky', 'EuroLinux', 'Virtuozzo'],
  Debian: ['Debian', 'Ubuntu', 'Raspbian', 'Neon', 'KDE neon', 'Linux Mint', 'SteamOS', 'Devuan', 'Kali', 'Cumulus Linux', 'Pop!_OS', 'Parrot', 'Pardus GNU/Linux', 'Uos', 'Deepin', 'OSMC'],
  Suse: ['SuSE', 'SLES', 'SLED', 'openSUSE', 'openSUSE Tumbleweed', 'SLES_SAP', 'SUSE_LINUX', 'openSUSE Leap'],
  Archlinux: ['Archlinux', 'Antergos', 'Manjaro', 'ManjaroLinux'], Alpine: ['Alpine'], Gentoo: ['Gentoo', 'Funtoo'],
  ClearLinux: ['Clear Linux OS', 'Clear Linux Mix'], Void: ['Void'], FreeBSD: ['FreeBSD'],
})) for (const n of names) FAMILY[n] = family;

function titled(id: string, name: string | undefined): string {
  return DISTRIBUTION[id] ?? (name ? name.split(' ')[0] : id ? id[0].toUpperCase() + id.slice(1) : 'NA');
}

/** distribution, versions, release, os_family and the distribution_file_* facts, as Ansible derives them on Linux. */
export function distributionFacts(s: Record<string, string>, system: string): Vars {
  if (system !== 'Linux') return { distribution: system, distribution_version: 'NA', distribution_major_version: 'NA', distribution_release: 'NA', os_family: system };
  const os = shellVars(s.osrelease);
  const id = (os.ID ?? '').toLowerCase();
  const distribution = titled(id, os.NAME);
  let version = os.VERSION_ID ?? 'NA';
  const debian = (s.debian_version ?? '').trim();
  if (distribution === 'Debian' && /^\d+\.\d+/.test(debian)) version = debian;
  if (distribution === 'Alpine' && s.alpine_release?.trim()) version = s.alpine_release.trim();
  const [major, minor] = version.split('.');
  const release = os.VERSION_CODENAME || os.UBUNTU_CODENAME || (/\(([^)]+)\)/.exec(os.VERSION ?? '')?.[1]) || 'NA';
  const family = FAMILY[distribution] ?? (os.ID_LIKE ? FAMILY[titled(os.ID_LIKE.split(' ')[0], undefined)] : undefined) ?? distribution;
  const out: Vars = {
    distribution, distribution_version: version, distribution_major_version: major || 'NA', distribution_release: release, os_family: family,
  };
  if (minor !== undefined) out.distribution_minor_version = minor;
  if (s.osrelease?.trim()) Object.assign(out, { distribution_file_path: '/etc/os-release', distribution_file_variety: family === 'Debian' ? 'Debian' : distribution, distribution_file_parsed: true });
  return out;
}

/** The lsb fact: /etc/lsb-release, else what lsb_release would print (derived from os-release). */
export function lsbFacts(s: Record<string, string>): Vars | undefined {
  const file = shellVars(s.lsb_release_file);
  if (file.DISTRIB_ID) {
    const release = file.DISTRIB_RELEASE ?? '';
    return { id: file.DISTRIB_ID, release, major_release: release.split('.')[0], description: file.DISTRIB_DESCRIPTION, codename: file.DISTRIB_CODENAME };
  }
  if (!(s.has_lsb_release ?? '').trim()) return undefined;
  const os = shellVars(s.osrelease);
  const release = os.VERSION_ID ?? 'n/a';
  return { codename: os.VERSION_CODENAME, description: os.PRETTY_NAME, id: titled((os.ID ?? '').toLowerCase(), os.NAME), major_release: release.split('.')[0], release };
}
