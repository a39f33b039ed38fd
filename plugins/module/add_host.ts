import { defineModule } from 'tsible';

function asList(value: unknown): string[] {
  if (value === undefined || value === null) return [];
  if (Array.isArray(value)) return value.map(String);
  return String(value).split(',').map((s) => s.trim()).filter(Boolean);
}

/** `host:port` / `[v6]:port` as Ansible's parse_address splits it; a bare IPv6 address has no port. */
function splitHostPort(name: string): [string, number | undefined] {
  const v6 = /^\[([^\]]+)\](?::(\d+))?$/.exec(name);
  if (v6) return [v6[1], v6[2] ? Number(v6[2]) : undefined];
  const m = /^([^:]+):(\d+)$/.exec(name);
  return m ? [m[1], Number(m[2])] : [name, undefined];
}

/**
 * Adds a host (and its groups and variables) to the in-memory inventory. Runs once for the host
 * list; the engine applies `add_host` from the result and reports changed.
 */
export default defineModule<Record<string, unknown>>({
  name: 'add_host',
  shortDescription: 'Add a host (and alternatively a group) to the ansible-playbook in-memory inventory',
  bypassHostLoop: true,
  checkMode: 'full',
  returns: { add_host: 'host_name, groups and host_vars the engine adds to the inventory' },
  async run(ctx) {
    const args = { ...ctx.args };
    const nameKey = ['name', 'host', 'hostname'].find((k) => args[k] !== undefined);
    if (!nameKey) return { failed: true, changed: false, msg: 'name or host or hostname is required' };
    const [hostName, port] = splitHostPort(String(args[nameKey]));
    const groupKey = ['groups', 'group', 'groupname'].find((k) => args[k] !== undefined);
    const groups = groupKey ? asList(args[groupKey]) : [];
    for (const k of ['name', 'host', 'hostname', 'groups', 'group', 'groupname', '_raw_params']) delete args[k];
    const hostVars: Record<string, unknown> = { ...args };
    if (port !== undefined) hostVars.ansible_ssh_port = port;
    return { changed: false, add_host: { host_name: hostName, groups, host_vars: hostVars } };
  },
});
