import { existsSync } from 'node:fs';
import { defineInventory, expandHostPattern } from 'tsible';

export default defineInventory({
  name: 'advanced_host_list',
  shortDescription: 'Parses a comma separated list of hosts with ranges (`-i "web[01:03],db[a:c]:2222,"`).',
  examples: 'tsible -i "web[01:20].example.com," all -m ping',
  verify: (source) => source.includes(',') && !existsSync(source),
  async parse(source, builder) {
    for (const entry of source.split(',')) {
      const text = entry.trim();
      if (!text) continue;
      const { hosts, port } = expandHostPattern(text);
      for (const host of hosts) {
        if (builder.hasHost(host)) continue;
        builder.addHost(host, 'ungrouped');
        if (port !== undefined) builder.setVariable('host', host, 'ansible_port', port);
      }
    }
  },
});
