import { readFile } from 'node:fs/promises';
import { defineInventory, expandHostPattern, ParseError, TsibleError, type InventoryBuilder, type InventorySourceContext } from 'tsible';
import { hasExtension, isReadableFile } from './_files.js';
import { parseToml, TomlError } from './_toml.js';
import { typeName } from './_locate.js';

function isMapping(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function group(builder: InventoryBuilder, ctx: InventorySourceContext, name: string, data: unknown): void {
  if (data !== null && data !== undefined && !isMapping(data)) {
    ctx.log.warn(`Skipping '${name}' as this is not a valid group definition`);
    return;
  }
  builder.addGroup(name);
  for (const [key, value] of Object.entries(data ?? {})) {
    if (key === 'vars') {
      if (!isMapping(value)) throw new TsibleError('TSIBLE_INVENTORY', `Invalid "vars" entry for "${name}" group, requires a dict, found "${typeName(value)}" instead.`);
      for (const [k, v] of Object.entries(value)) builder.setVariable('group', name, k, v);
    } else if (key === 'children') {
      if (!Array.isArray(value)) throw new TsibleError('TSIBLE_INVENTORY', `Invalid "children" entry for "${name}" group, requires a list, found "${typeName(value)}" instead.`);
      for (const child of value) {
        group(builder, ctx, String(child), {});
        builder.addChild(name, String(child));
      }
    } else if (key === 'hosts') {
      if (!isMapping(value)) throw new TsibleError('TSIBLE_INVENTORY', `Invalid "hosts" entry for "${name}" group, requires a dict, found "${typeName(value)}" instead.`);
      for (const [pattern, vars] of Object.entries(value)) {
        const { hosts, port } = expandHostPattern(pattern);
        for (const h of hosts) {
          builder.addHost(h, name);
          if (port !== undefined) builder.setVariable('host', h, 'ansible_port', port);
          for (const [k, v] of Object.entries(isMapping(vars) ? vars : {})) builder.setVariable('host', h, k, v);
        }
      }
    } else {
      ctx.log.warn(`Skipping unexpected key "${key}" in group "${name}", only "vars", "children" and "hosts" are valid`);
    }
  }
}

export default defineInventory({
  name: 'toml',
  shortDescription: 'Uses a TOML file (.toml) as inventory source.',
  examples: '[all.vars]\nntp = "time.example.com"\n\n[web]\nchildren = ["apache"]\n\n[web.hosts]\nweb1 = {}\nweb2 = { ansible_port = 222 }\n',
  verify: (source) => isReadableFile(source) && hasExtension(source, ['.toml']),
  async parse(source, builder, ctx) {
    let data: Record<string, unknown>;
    try {
      data = parseToml(await readFile(source, 'utf8'));
    } catch (err) {
      if (!(err instanceof TomlError)) throw err;
      throw new ParseError(`TOML file (${source}) is invalid: ${err.message}`, { file: source, line: err.line, column: err.column });
    }
    if (Object.keys(data).length === 0) throw new TsibleError('TSIBLE_INVENTORY', 'Parsed empty TOML file');
    if (data.plugin) throw new TsibleError('TSIBLE_INVENTORY', 'Plugin configuration TOML file, not TOML inventory');
    for (const [name, g] of Object.entries(data)) group(builder, ctx, name, g);
  },
});
