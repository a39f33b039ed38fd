import type { Vars } from 'tsible';

const UNITS: Array<[string, number]> = [['Y', 2 ** 80], ['Z', 2 ** 70], ['E', 2 ** 60], ['P', 2 ** 50], ['T', 2 ** 40], ['G', 2 ** 30], ['M', 2 ** 20], ['K', 2 ** 10]];

/** Ansible's bytes_to_human: two decimals, binary units written as "GB", plain bytes as "Bytes". */
export function bytesToHuman(n: number): string {
  const hit = UNITS.find(([, limit]) => n >= limit);
  return hit ? `${(n / hit[1]).toFixed(2)} ${hit[0]}B` : `${n.toFixed(2)} Bytes`;
}

type Links = Record<'ids' | 'uuids' | 'labels' | 'masters', Record<string, string[]>>;

function linksOf(lines: string[][]): Links {
  const links: Links = { ids: {}, uuids: {}, labels: {}, masters: {} };
  const kinds: Record<string, keyof Links> = { id: 'ids', uuid: 'uuids', label: 'labels' };
  for (const f of lines) {
    if (f[0] === 'link' && kinds[f[1]]) (links[kinds[f[1]]][f[2]] ??= []).push(f[3]);
    if (f[0] === 'slave') (links.masters[f[1]] ??= []).push(f[2]);
  }
  return links;
}

const orNull = (v: string | undefined) => (v === undefined || v === '' ? null : v);
const words = (v: string | undefined) => (v ?? '').trim().split(/\s+/).filter(Boolean);
const linkFor = (links: Links, name: string) => ({ ids: links.ids[name] ?? [], uuids: links.uuids[name] ?? [], labels: links.labels[name] ?? [], masters: links.masters[name] ?? [] });

/** devices and device_links from /sys/block and /dev/disk/by-*, in Ansible's shape. */
export function deviceFacts(text: string | undefined): Vars {
  const rows = (text ?? '').split('\n').filter(Boolean).map((l) => l.split('|'));
  const links = linksOf(rows);
  const devices: Record<string, Vars> = {};
  for (const f of rows.filter((r) => r[0] === 'dev')) {
    const [, name, removable, rotational, scheduler, sectors, logical, hw, discard, vendor, model, sas, sasHandle, serial, virt, holders] = f;
    const sched = /\[(.*)\]/.exec(scheduler ?? '')?.[1] ?? '';
    const d: Vars = {
      holders: words(holders), host: '', links: linkFor(links, name), model: orNull(model), partitions: {}, removable: orNull(removable),
      rotational: orNull(rotational), sas_address: orNull(sas), sas_device_handle: orNull(sasHandle), scheduler_mode: sched,
      sectors: sectors || '0', sectorsize: logical || hw || 512, size: bytesToHuman(Number(sectors || 0) * 512),
      support_discard: orNull(discard), vendor: orNull(vendor), virtual: Number(virt),
    };
    if (serial) d.serial = serial;
    devices[name] = d;
  }
  for (const [, disk, part, start, sectors, holders] of rows.filter((r) => r[0] === 'part')) {
    const d = devices[disk];
    if (!d || !new RegExp(`^${disk.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}p?\\d+$`).test(part)) continue;
    (d.partitions as Vars)[part] = { holders: words(holders), links: linkFor(links, part), sectors: sectors || '0', sectorsize: 512,
      size: bytesToHuman(Number(sectors || 0) * 512), start: start || '0', uuid: links.uuids[part]?.[0] ?? null };
  }
  return { devices, device_links: links };
}

/** SMBIOS chassis types (DMTF DSP0134), as Ansible names them for form_factor. */
const FORM_FACTORS = ['Unknown', 'Other', 'Unknown', 'Desktop', 'Low Profile Desktop', 'Pizza Box', 'Mini Tower', 'Tower', 'Portable',
  'Laptop', 'Notebook', 'Hand Held', 'Docking Station', 'All In One', 'Sub Notebook', 'Space-saving', 'Lunch Box', 'Main System Chassis',
  'Expansion Chassis', 'Sub Chassis', 'Bus Expansion Chassis', 'Peripheral Chassis', 'RAID Chassis', 'Rack Mount Chassis', 'Sealed-case PC',
  'Multi-system', 'CompactPCI', 'AdvancedTCA', 'Blade', 'Blade Enclosure', 'Tablet', 'Convertible', 'Detachable', 'IoT Gateway',
  'Embedded PC', 'Mini PC', 'Stick PC'];

const DMI_KEYS = ['bios_date', 'bios_vendor', 'bios_version', 'board_asset_tag', 'board_name', 'board_serial', 'board_vendor', 'board_version',
  'chassis_asset_tag', 'chassis_serial', 'chassis_vendor', 'chassis_version', 'product_name', 'product_serial', 'product_uuid', 'product_version'];

/** DMI facts from /sys/devices/virtual/dmi/id; 'NA' where the file is missing or unreadable (serials need root). */
export function dmiFacts(text: string | undefined): Vars {
  const kv: Record<string, string> = {};
  for (const l of (text ?? '').split('\n')) {
    const i = l.indexOf('=');
    if (i > 0) kv[l.slice(0, i)] = l.slice(i + 1).trim();
  }
  const out: Vars = {};
  for (const k of DMI_KEYS) out[k] = kv[k] || 'NA';
  out.system_vendor = kv.sys_vendor || 'NA';
  out.form_factor = kv.chassis_type ? FORM_FACTORS[Number(kv.chassis_type)] ?? 'unknown' : 'NA';
  return out;
}

/** iscsi_iqn, hostnqn, fibre_channel_wwn and lvm ('N/A' without root or the LVM tools, as Ansible). */
export function storageIdFacts(text: string | undefined): Vars {
  const rows = (text ?? '').split('\n').map((l) => l.trim()).filter(Boolean);
  const val = (k: string) => rows.filter((r) => r.startsWith(`${k}=`)).map((r) => r.slice(k.length + 1));
  const out: Vars = { iscsi_iqn: val('iqn')[0] ?? '', hostnqn: val('nqn')[0] ?? '', fibre_channel_wwn: val('wwn').map((w) => w.replace(/^0x/, '')) };
  if (!val('lvm').length) return { ...out, lvm: 'N/A' };
  const vgs: Vars = {};
  const lvs: Vars = {};
  const pvs: Vars = {};
  for (const v of val('vg')) { const [n, size, free, lvCount, pvCount] = v.split(','); vgs[n] = { size_g: size, free_g: free, num_lvs: lvCount, num_pvs: pvCount }; }
  for (const v of val('lv')) { const [n, vg, size] = v.split(','); lvs[n] = { size_g: size, vg }; }
  for (const v of val('pv')) { const [n, vg, size, free] = v.split(','); pvs[n] = { size_g: size, free_g: free, vg }; }
  return { ...out, lvm: { vgs, lvs, pvs } };
}
