import type { Vars } from 'tsible';
import { parseKeyValues } from './remote.js';

/** virtualization_* from container markers, DMI strings and /dev/kvm, in Ansible's order of checks. */
export function virtualFacts(text: string | undefined): Vars {
  const kv = parseKeyValues(text ?? '');
  const guest = new Set<string>();
  const host = new Set<string>();
  let type = '';
  let role = '';
  const set = (t: string, r: string) => { if (!type) { type = t; role = r; } };
  if (kv.cgroup === 'docker' || kv.dockerenv) { guest.add('docker'); guest.add('container'); set('docker', 'guest'); }
  if (kv.lxc || kv.cgroup === 'lxc') { guest.add('lxc'); guest.add('container'); set('lxc', 'guest'); }
  if (kv.podman || kv.containerenv) { guest.add('podman'); guest.add('container'); set('podman', 'guest'); }
  if (kv.cgroup === 'kubepods') { guest.add('container'); set('container', 'guest'); }
  if (kv.openvz) { guest.add('openvz'); set('openvz', 'guest'); }
  const dmi = `${kv.product ?? ''} ${kv.vendor ?? ''} ${kv.bios ?? ''}`;
  const vm: Array<[RegExp, string]> = [[/KVM|QEMU|Bochs/i, 'kvm'], [/VMware/i, 'VMware'], [/VirtualBox/i, 'virtualbox'],
    [/Microsoft Corporation|Hyper-V/i, 'VirtualPC'], [/Xen|HVM domU/i, 'xen'], [/OpenStack/i, 'openstack'], [/Amazon EC2/i, 'kvm']];
  for (const [re, t] of vm) if (re.test(dmi)) { guest.add(t); set(t, 'guest'); break; }
  if (kv.xen) { guest.add('xen'); set('xen', 'guest'); }
  if (kv.devkvm) { host.add('kvm'); set('kvm', 'host'); }
  if (kv.hypervisor && !type) set('kvm', 'guest');
  return { virtualization_type: type || 'NA', virtualization_role: role || 'NA',
    virtualization_tech_guest: [...guest], virtualization_tech_host: [...host] };
}
