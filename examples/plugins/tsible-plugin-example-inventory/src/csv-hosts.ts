import { readFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { defineInventory, ParseError, TsibleError, type InventoryBuilder, type Vars } from 'tsible';
import { parseCsv } from './csv.js';

/** The options of a `plugin: csv_hosts` config file. */
interface CsvHostsConfig {
  plugin: string;
  /** CSV file, relative to the config file. */
  path?: string;
  /** Column holding the host name (default `name`). */
  host_column?: string;
  /** Column holding groups separated by `;` (default `groups`). */
  groups_column?: string;
  /** Jinja2 expressions evaluated per host, as in the constructed plugin. */
  compose?: Record<string, string>;
}

/** A cell becomes a number or boolean when it plainly is one; everything else stays text. */
function typed(cell: string): unknown {
  if (/^-?\d+$/.test(cell)) return Number(cell);
  if (cell === 'true' || cell === 'false') return cell === 'true';
  return cell;
}

function addRows(file: string, text: string, config: CsvHostsConfig, builder: InventoryBuilder): Map<string, Vars> {
  const [header, ...rows] = parseCsv(text);
  if (!header) throw new ParseError(`${file}: the CSV file is empty`, { file, line: 1, column: 1 });
  const columns = header.fields.map((f) => f.trim());
  const hostCol = columns.indexOf(config.host_column ?? 'name');
  const groupsCol = columns.indexOf(config.groups_column ?? 'groups');
  if (hostCol < 0) {
    throw new ParseError(`${file}:1: no '${config.host_column ?? 'name'}' column (columns: ${columns.join(', ')})`, { file, line: 1, column: 1 });
  }
  const hosts = new Map<string, Vars>();
  for (const row of rows) {
    if (row.fields.length !== columns.length) {
      throw new ParseError(`${file}:${row.line}: expected ${columns.length} fields, found ${row.fields.length}`, { file, line: row.line, column: 1 });
    }
    const name = row.fields[hostCol].trim();
    if (!name) throw new ParseError(`${file}:${row.line}: empty host name`, { file, line: row.line, column: 1 });
    builder.addHost(name);
    for (const group of groupsCol < 0 ? [] : row.fields[groupsCol].split(';').map((g) => g.trim()).filter(Boolean)) {
      builder.addGroup(group);
      builder.addHost(name, group);
    }
    const vars: Vars = {};
    columns.forEach((col, i) => {
      if (i !== hostCol && i !== groupsCol && row.fields[i] !== '') vars[col] = typed(row.fields[i]);
    });
    for (const [k, v] of Object.entries(vars)) builder.setVariable('host', name, k, v);
    hosts.set(name, vars);
  }
  return hosts;
}

export default defineInventory({
  name: 'csv_hosts',
  shortDescription: 'Hosts from a CSV file: one row per host, a `groups` column, other columns as variables.',
  examples: 'plugin: example.inventory.csv_hosts\npath: servers.csv\ncompose:\n  ansible_host: ip\n',
  options: {
    path: { type: 'path', required: true, description: 'The CSV file, relative to the config file.' },
    host_column: { type: 'str', default: 'name' },
    groups_column: { type: 'str', default: 'groups' },
    compose: { type: 'dict', default: {} },
  },
  // A config file is ours when it is YAML; `plugin:` already named us (Ansible's auto plugin did the rest).
  verify: (source) => /\.ya?ml$/.test(source),
  async parse(source, builder, ctx) {
    const config = (await ctx.loadDataFile(source)) as CsvHostsConfig;
    if (typeof config.path !== 'string') throw new TsibleError('TSIBLE_INVENTORY', `${source}: the 'path' option is required`);
    const file = resolve(dirname(source), config.path);
    const hosts = addRows(file, await readFile(file, 'utf8'), config, builder);
    for (const [host, vars] of hosts) {
      for (const [key, expr] of Object.entries(config.compose ?? {})) {
        builder.setVariable('host', host, key, await ctx.evaluate(expr, { ...vars, inventory_hostname: host }));
      }
    }
  },
});
