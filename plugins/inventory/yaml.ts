import {
  defineInventory, expandHostPattern, ParseError, type InventoryBuilder, type InventorySourceContext,
} from 'tsible';
import { closeSync, openSync, readSync } from 'node:fs';
import { hasExtension, isReadableFile } from './_files.js';
import { locate, typeName, where } from './_locate.js';

const SECTIONS = ['vars', 'children', 'hosts'];

function isMapping(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

class YamlInventory {
  constructor(private readonly file: string, private readonly builder: InventoryBuilder,
    private readonly ctx: InventorySourceContext) {}

  fail(message: string, node?: unknown, key?: string): never {
    const loc = locate(this.ctx, node, key);
    throw new ParseError(`${where(loc, this.file)}: ${message}`, loc ?? { file: this.file, line: 1, column: 1 });
  }

  group(name: string, data: unknown, parent: unknown): string {
    if (data !== null && data !== undefined && !isMapping(data)) {
      this.ctx.log.warn(`Skipping '${name}' as this is not a valid group definition (${where(locate(this.ctx, parent, name), this.file)})`);
      return name;
    }
    this.builder.addGroup(name);
    if (!data) return name;
    // A bare string section (`hosts: web1`) means a one-entry mapping, as in Ansible.
    const section = (key: string, v: unknown): unknown => (SECTIONS.includes(key) && typeof v === 'string' ? { [v]: null } : v);
    for (const s of SECTIONS) {
      const value = section(s, data[s]);
      if (s in data && value !== null && value !== undefined && !isMapping(value)) {
        this.fail(`Invalid "${s}" entry for "${name}" group, requires a dictionary, found "${typeName(value)}" instead.`, data, s);
      }
    }
    for (const [key, raw] of Object.entries(data)) {
      const value = section(key, raw);
      if (value === null || value === undefined) continue;
      if (!isMapping(value)) {
        this.ctx.log.warn(`Skipping key (${key}) in group (${name}) as it is not a mapping, it is a ${typeName(value)}`);
        continue;
      }
      if (key === 'vars') for (const [k, v] of Object.entries(value)) this.builder.setVariable('group', name, k, v);
      else if (key === 'children') {
        for (const [child, childData] of Object.entries(value)) this.builder.addChild(name, this.group(child, childData, value));
      } else if (key === 'hosts') this.hosts(name, value);
      else this.ctx.log.warn(`Skipping unexpected key (${key}) in group (${name}), only "vars", "children" and "hosts" are valid`);
    }
    return name;
  }

  hosts(group: string, hosts: Record<string, unknown>): void {
    for (const [pattern, vars] of Object.entries(hosts)) {
      if (vars !== null && vars !== undefined && !isMapping(vars)) {
        this.fail(`host '${pattern}' of group '${group}' must map to a dictionary of variables (or nothing), found "${typeName(vars)}"`, hosts, pattern);
      }
      let expanded: { hosts: string[]; port?: number };
      try {
        expanded = expandHostPattern(pattern);
      } catch (err) {
        this.fail((err as Error).message, hosts, pattern);
      }
      for (const host of expanded.hosts) {
        this.builder.addHost(host, group);
        if (expanded.port !== undefined) this.builder.setVariable('host', host, 'ansible_port', expanded.port);
        for (const [k, v] of Object.entries(vars ?? {})) this.builder.setVariable('host', host, k, v);
      }
    }
  }
}

/**
 * For a file without extension: can its first line start a YAML mapping? An INI file's `[group]`
 * or bare host line cannot, so the (often large) INI file is not parsed as YAML first just to fail.
 */
function mayBeYamlMapping(path: string): boolean {
  let head: string;
  try {
    const fd = openSync(path, 'r');
    const buf = Buffer.alloc(4096);
    const n = readSync(fd, buf, 0, buf.length, 0);
    closeSync(fd);
    head = buf.toString('utf8', 0, n);
  } catch {
    return false;
  }
  const first = head.split(/\r?\n/).map((l) => l.trim()).find((l) => l !== '' && !l.startsWith('#') && !l.startsWith(';'));
  if (first === undefined) return true;
  return /^(---|%|\{|\?\s)/.test(first) || (!first.startsWith('[') && first.includes(':'));
}

export default defineInventory({
  name: 'yaml',
  shortDescription: 'Uses a YAML (or JSON) file as inventory source.',
  description: 'Top-level keys are groups; each group has `hosts`, `vars` and `children`. Files ending in .yaml, .yml, .json or with no extension.',
  examples: 'all:\n  hosts:\n    web1:\n      ansible_host: 10.0.0.1\n  children:\n    db:\n      hosts:\n        db[01:03]:\n',
  verify: (source) => isReadableFile(source)
    && (hasExtension(source, ['.yaml', '.yml', '.json']) || (hasExtension(source, ['']) && mayBeYamlMapping(source))),
  async parse(source, builder, ctx) {
    const data = await ctx.loadDataFile(source);
    const inventory: YamlInventory = new YamlInventory(source, builder, ctx);
    if (data === null || data === undefined || (isMapping(data) && Object.keys(data).length === 0)) {
      inventory.fail('Parsed empty YAML file');
    }
    if (!isMapping(data)) inventory.fail(`YAML inventory has invalid structure, it should be a dictionary, got: ${typeName(data)}`, data);
    if (data.plugin) inventory.fail('Plugin configuration YAML file, not YAML inventory', data, 'plugin');
    for (const [name, group] of Object.entries(data)) inventory.group(name, group, data);
  },
});
