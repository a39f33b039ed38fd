import { existsSync } from 'node:fs';
import { defineInventory, hasHostRange, parseHostAddress, TsibleError } from 'tsible';

export default defineInventory({
  name: 'host_list',
  shortDescription: 'Parses a comma separated list of hosts (`-i "web1,web2:2222,"`).',
  examples: 'tsible-playbook -i "10.10.2.6, 10.10.2.4" site.yml\ntsible all -i "host1.example.com," -m ping',
  verify: (source) => source.includes(',') && !existsSync(source),
  async parse(source, builder) {
    for (const entry of source.split(',')) {
      const text = entry.trim();
      if (!text) continue;
      const { host, port } = parseHostAddress(text);
      if (hasHostRange(host)) {
        throw new TsibleError('TSIBLE_INVENTORY', `Invalid data from string, could not parse: '${text}' holds a range (the advanced_host_list plugin expands ranges)`);
      }
      if (builder.hasHost(host)) continue;
      builder.addHost(host, 'ungrouped');
      if (port !== undefined) builder.setVariable('host', host, 'ansible_port', port);
    }
  },
});
