import { execFileSync } from 'node:child_process';
import { runPlay, sshHost } from './harness';

/** Real Ansible's facts for localhost (ansible-core is installed here), prefix stripped. */
function ansibleFacts(): Record<string, unknown> {
  const out = execFileSync('ansible', ['localhost', '-m', 'setup'], { env: { ...process.env, ANSIBLE_LOCALHOST_WARNING: 'false', ANSIBLE_PYTHON_INTERPRETER: '/usr/bin/python3' } }).toString();
  const json = JSON.parse(out.slice(out.indexOf('{'))) as { ansible_facts: Record<string, unknown> };
  return Object.fromEntries(Object.entries(json.ansible_facts).map(([k, v]) => [k.replace(/^ansible_/, ''), v]));
}

const SAME = ['distribution', 'distribution_version', 'distribution_major_version', 'distribution_minor_version', 'distribution_release',
  'distribution_file_path', 'distribution_file_variety', 'os_family', 'system', 'kernel', 'kernel_version', 'machine', 'architecture',
  'nodename', 'hostname', 'fqdn', 'domain', 'user_id', 'user_uid', 'user_gid', 'user_dir', 'user_shell', 'user_gecos', 'real_user_id', 'effective_user_id',
  'pkg_mgr', 'service_mgr', 'dns', 'lsb', 'interfaces', 'all_ipv4_addresses', 'all_ipv6_addresses', 'default_ipv4', 'default_ipv6', 'lo',
  'processor', 'processor_count', 'processor_cores', 'processor_threads_per_core', 'processor_vcpus', 'processor_nproc', 'memtotal_mb',
  'swaptotal_mb', 'selinux', 'apparmor', 'fips', 'is_chroot', 'machine_id', 'cmdline', 'proc_cmdline', 'userspace_bits', 'userspace_architecture',
  'virtualization_type', 'virtualization_role', 'virtualization_tech_guest', 'virtualization_tech_host', 'ssh_host_key_ed25519_public',
  'ssh_host_key_ed25519_public_keytype', 'devices', 'device_links', 'bios_date', 'bios_vendor', 'bios_version',
  'board_name', 'chassis_vendor', 'form_factor', 'product_name', 'product_uuid', 'product_version', 'system_vendor', 'iscsi_iqn', 'hostnqn',
  'fibre_channel_wwn', 'lvm', 'python', 'python_version'];

/** A registered setup result names facts with the ansible_ prefix, as Ansible's does; compare without it. */
function unprefixed(facts: unknown): Record<string, unknown> {
  return Object.fromEntries(Object.entries(facts as Record<string, unknown>).map(([k, v]) => [k.replace(/^ansible_/, ''), v]));
}

describe('setup / gather_facts (one exec, Ansible-shaped)', () => {
  test('localhost facts equal real Ansible\'s for the deterministic facts', async () => {
    const expected = ansibleFacts();
    const out = await runPlay(`
- hosts: localhost
  gather_facts: false
  tasks:
    - { name: facts, setup: {} }
`);
    const facts = unprefixed(out.r('facts').ansible_facts);
    const sorted = (v: unknown) => (Array.isArray(v) && v.every((x) => typeof x === 'string') && v !== expected.processor ? [...v].sort() : v);
    for (const key of SAME) {
      if (!(key in expected)) continue;
      const want = key === 'processor' ? expected[key] : sorted(expected[key]);
      expect({ key, value: key === 'processor' ? facts[key] : sorted(facts[key]) }).toEqual({ key, value: want });
    }
    const eth = (expected.default_ipv4 as Record<string, string>).interface;
    const pick = (o: Record<string, unknown>) => ({ device: o.device, ipv4: o.ipv4, ipv6: o.ipv6, mtu: o.mtu, macaddress: o.macaddress, type: o.type, active: o.active, promisc: o.promisc,
      speed: o.speed, pciid: o.pciid, module: o.module });
    for (const name of expected.interfaces as string[]) expect({ name, ...pick(facts[name] as Record<string, unknown>) }).toEqual({ name, ...pick(expected[name] as Record<string, unknown>) });
    if (eth) expect(pick(facts[eth] as Record<string, unknown>)).toEqual(pick(expected[eth] as Record<string, unknown>));
    const m = (facts.mounts as Array<Record<string, unknown>>).find((x) => x.mount === '/');
    expect(m).toMatchObject({ device: (expected.mounts as Array<Record<string, unknown>>)[0].device, fstype: 'ext4', block_total: (expected.mounts as Array<Record<string, unknown>>)[0].block_total });
    expect(Object.keys(facts.date_time as object).sort()).toEqual(Object.keys(expected.date_time as object).sort());
    expect(Object.keys(facts.memory_mb as object).sort()).toEqual(Object.keys(expected.memory_mb as object).sort());
    expect((facts.env as Record<string, string>).HOME).toBe((expected.env as Record<string, string>).HOME);
    expect(facts.gather_subset).toEqual(['all']);
    expect(facts.module_setup).toBe(true);
  }, 60000);

  test('gather_subset, filter, local facts; facts reach ansible_* variables; over ssh as the fixture user', async () => {
    const out = await runPlay(`
- hosts: all
  gather_facts: false
  tasks:
    - { name: min, setup: { gather_subset: ["!all"] } }
    - { name: network only, setup: { gather_subset: ["network", "!min"] } }
    - { name: no env, setup: { gather_subset: ["!hardware", "!env"] } }
    - { name: filtered, setup: { filter: ["ansible_distribution*", "ansible_user_id"] } }
    - { name: gather, gather_facts: { parallel: true } }
    - { name: local, setup: { gather_subset: ["!all"], fact_path: "{{ playbook_dir }}/facts.d" } }
    - { name: show, debug: { msg: "{{ ansible_distribution }} {{ ansible_facts.user_id }} {{ ansible_local.custom.general.name }} {{ ansible_local.js.n }}" } }
`, { inventory: `${sshHost('h1')}\n`, files: { 'facts.d/custom.fact': '[general]\nName = tsible\n', 'facts.d/js.fact': '{"n": 3}\n' },
      keep: (dir) => { require('node:fs').chmodSync(dir, 0o755); } });
    const min = unprefixed(out.r('min').ansible_facts);
    expect(min).toHaveProperty('distribution');
    expect(min).toHaveProperty('env');
    expect(min).not.toHaveProperty('memtotal_mb');
    expect(min).not.toHaveProperty('interfaces');
    const net = unprefixed(out.r('network only').ansible_facts);
    expect(net).toHaveProperty('interfaces');
    expect(net).not.toHaveProperty('distribution');
    const noEnv = unprefixed(out.r('no env').ansible_facts);
    expect(noEnv).not.toHaveProperty('env');
    expect(noEnv).not.toHaveProperty('mounts');
    expect(noEnv).toHaveProperty('virtualization_type');
    const filtered = Object.keys(unprefixed(out.r('filtered').ansible_facts)).sort();
    expect(filtered.filter((k) => !['gather_subset', 'module_setup'].includes(k)).every((k) => k.startsWith('distribution') || k === 'user_id')).toBe(true);
    expect(filtered).toContain('user_id');
    expect(unprefixed(out.r('local').ansible_facts).local).toEqual({ custom: { general: { name: 'tsible' } }, js: { n: 3 } });
    expect(String(out.r('show').msg)).toMatch(/^Debian \S+ tsible 3$/);
  }, 60000);

  test('implicit fact gathering of a play (two ssh hosts, gather_subset from the play)', async () => {
    const out = await runPlay(`
- hosts: all
  gather_facts: true
  gather_subset: ["!all", "network"]
  tasks:
    - { name: show, debug: { msg: "{{ ansible_os_family }} {{ ansible_default_ipv4.interface is defined }} {{ ansible_memtotal_mb is defined }}" } }
`, { inventory: `${sshHost('h1', 0)}\n${sshHost('h2', 1)}\n` });
    expect(out.results['Gathering Facts'].h1).toMatchObject({ _status: 'ok' });
    expect(out.results.show.h1.msg).toBe('Debian True False');
    expect(out.results.show.h2.msg).toBe('Debian True False');
  });
});
