import type { Vars } from 'tsible';

const TYPES: Record<string, string> = { 1: 'ether', 772: 'loopback', 768: 'tunnel', 776: 'tunnel6', 65534: 'unknown', 32: 'infiniband' };

function ipv4Details(cidr: string, brd: string | undefined): Vars {
  const [address, prefixText] = cidr.split('/');
  const prefix = Number(prefixText ?? 32);
  const mask = prefix === 0 ? 0 : (0xffffffff << (32 - prefix)) >>> 0;
  const n = address.split('.').reduce((acc, o) => ((acc << 8) | Number(o)) >>> 0, 0);
  const dot = (x: number) => [24, 16, 8, 0].map((s) => (x >>> s) & 255).join('.');
  return { address, broadcast: brd ?? '', netmask: dot(mask), network: dot((n & mask) >>> 0), prefix: String(prefix) };
}

/** Interfaces from /sys/class/net lines and `ip -o addr` lines, in Ansible's per-interface shape. */
export function interfaceFacts(links: string | undefined, addrs: string | undefined): { interfaces: string[]; byName: Record<string, Vars> } {
  const byName: Record<string, Vars> = {};
  for (const l of (links ?? '').split('\n')) {
    const [name, mac, mtu, flags, type, speed, driver, pci] = l.trim().split('|');
    if (!name) continue;
    const fl = parseInt(flags ?? '0', 16);
    const iface: Vars = { device: name, active: (fl & 1) === 1, mtu: Number(mtu), promisc: (fl & 0x100) !== 0, type: TYPES[type] ?? 'unknown' };
    if (mac && mac !== '00:00:00:00:00:00') iface.macaddress = mac;
    if (speed) iface.speed = Number(speed);
    if (driver) iface.module = driver.split('/').pop();
    if (pci) iface.pciid = pci.split('/').pop();
    byName[name] = iface;
  }
  for (const l of (addrs ?? '').split('\n')) {
    const m = /^\d+:\s+(\S+?)(?:@\S+)?\s+(inet6?)\s+(\S+)(.*)$/.exec(l.trim());
    if (!m || !byName[m[1]]) continue;
    const iface = byName[m[1]];
    const rest = m[4];
    if (m[2] === 'inet') {
      const v4 = ipv4Details(m[3], /\bbrd (\S+)/.exec(rest)?.[1]);
      if (!iface.ipv4) iface.ipv4 = v4;
      else ((iface.ipv4_secondaries ??= []) as Vars[]).push(v4);
    } else {
      const [address, prefix] = m[3].split('/');
      ((iface.ipv6 ??= []) as Vars[]).push({ address, prefix: prefix ?? '128', scope: /\bscope (\S+)/.exec(rest)?.[1] ?? 'global' });
    }
  }
  return { interfaces: Object.keys(byName).sort(), byName };
}

/** default_ipv4/ipv6 from `ip route get`: the route's interface facts plus the gateway and source address. */
export function defaultRoute(route: string | undefined, byName: Record<string, Vars>, family: 4 | 6): Vars {
  const text = (route ?? '').trim();
  const dev = /\bdev (\S+)/.exec(text)?.[1];
  if (!dev || !byName[dev]) return {};
  const iface = byName[dev];
  const src = /\bsrc (\S+)/.exec(text)?.[1];
  const gateway = /\bvia (\S+)/.exec(text)?.[1];
  const base: Vars = { interface: dev, ...(iface.macaddress ? { macaddress: iface.macaddress } : {}), mtu: iface.mtu, type: iface.type };
  if (gateway) base.gateway = gateway;
  if (family === 4) {
    const v4 = (iface.ipv4 as Vars | undefined) ?? {};
    return { ...v4, ...base, address: src ?? v4.address, alias: dev };
  }
  const v6 = ((iface.ipv6 as Vars[] | undefined) ?? []).find((a) => a.address === src) ?? ((iface.ipv6 as Vars[] | undefined) ?? [])[0] ?? {};
  return { ...v6, ...base, address: src ?? v6.address };
}

export function networkFacts(s: Record<string, string>): Vars {
  const { interfaces, byName } = interfaceFacts(s.links, s.addrs);
  const out: Vars = { interfaces };
  const all4: string[] = [];
  const all6: string[] = [];
  for (const [name, iface] of Object.entries(byName)) {
    out[name.replace(/[-:.]/g, '_')] = iface;
    if (name === 'lo') continue;
    for (const v4 of [iface.ipv4, ...((iface.ipv4_secondaries as Vars[] | undefined) ?? [])]) if (v4) all4.push((v4 as Vars).address as string);
    for (const v6 of (iface.ipv6 as Vars[] | undefined) ?? []) all6.push(v6.address as string);
  }
  return { ...out, all_ipv4_addresses: all4, all_ipv6_addresses: all6,
    default_ipv4: defaultRoute(s.route4, byName, 4), default_ipv6: defaultRoute(s.route6, byName, 6) };
}
