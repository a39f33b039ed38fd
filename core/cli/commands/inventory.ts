import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { TsibleError, UsageError } from '../../errors.js';
import { isUnsafe, isVaultValue } from '../../values.js';
import { createKernel } from '../../kernel.js';
import { openInventory } from '../../inventory/open.js';
import { InventoryDump } from '../../inventory/inventory-dump.js';
import { dumpToml } from '../../inventory/toml-dump.js';
import { dumpInventoryYaml } from '../../inventory/yaml-anchors.js';
import type { Vars } from '../../vars.js';
import { listFlag, parseCommandLine, type ParsedArgs } from '../args.js';
import { parseExtraVars } from '../extra-vars.js';
import type { CliIO } from '../io.js';
import { version } from '../version.js';
import { vaultFrom } from '../run-options.js';

const USAGE = `usage: tsible-inventory [-h] [--version] [-v] [-i INVENTORY] [--vault-id VAULT_IDS]
                        [--ask-vault-password | --vault-password-file VAULT_PASSWORD_FILES]
                        [--playbook-dir BASEDIR] [-e EXTRA_VARS] [--list] [--host HOST] [--graph]
                        [-y] [--toml] [--vars] [--export] [--output OUTPUT_FILE] [host|group]`;

const HELP = `${USAGE}

Show Ansible inventory information, by default it uses the inventory script JSON format

Actions:
  --list                Output all hosts info, works as inventory script
  --host HOST           Output specific host info, works as inventory script
  --graph               create inventory graph, if supplying pattern it must be a valid group name

options:
  -i, --inventory INVENTORY   inventory host path or comma separated host list (repeatable)
  -y, --yaml                  use YAML format instead of default JSON, ignored for --graph
  --toml                      use TOML format instead of default JSON, ignored for --graph
  --vars                      add vars to graph display, ignored unless used with --graph
  --export                    when doing --list, represent in a way that is optimized for export
  --output OUTPUT_FILE        when doing --list, send the inventory to a file instead of to the screen
  --playbook-dir BASEDIR      use this as the playbook directory (for its group_vars/ and host_vars/)
  -e, --extra-vars EXTRA_VARS set additional variables as key=value or YAML/JSON, if filename prepend with @
`;

const FLAGS = {
  inventory: { type: 'string', short: 'i', multiple: true },
  'inventory-file': { type: 'string', multiple: true },
  list: { type: 'boolean' },
  host: { type: 'string' },
  graph: { type: 'boolean' },
  yaml: { type: 'boolean', short: 'y' },
  toml: { type: 'boolean' },
  vars: { type: 'boolean' },
  export: { type: 'boolean' },
  output: { type: 'string' },
  'playbook-dir': { type: 'string' },
  'extra-vars': { type: 'string', short: 'e', multiple: true },
  'vault-id': { type: 'string', multiple: true },
  'vault-password-file': { type: 'string', multiple: true },
  'vault-pass-file': { type: 'string', multiple: true },
  'ask-vault-password': { type: 'boolean', short: 'J' },
  'ask-vault-pass': { type: 'boolean' },
  verbose: { type: 'boolean', short: 'v', multiple: true },
  version: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

function optionsError(message: string): TsibleError {
  return new UsageError(message, { exitCode: 5 });
}

function chooseAction(v: ParsedArgs['values']): 'list' | 'host' | 'graph' {
  const chosen = (['list', 'host', 'graph'] as const).filter((a) => v[a] !== undefined && v[a] !== false);
  if (chosen.length === 0) throw optionsError('No action selected, at least one of --host, --graph or --list needs to be specified.');
  if (chosen.length > 1) throw optionsError('Conflicting options used, only one of --host, --graph or --list can be used at the same time.');
  return chosen[0];
}

/** JSON as Python's json.dumps(sort_keys=True, indent=4) prints it. */
export function pythonJson(value: unknown): string {
  const sort = (v: unknown): unknown => {
    // As AnsibleJSONEncoder(preprocess_unsafe=True): vaulted values stay encrypted, unsafe text is tagged.
    if (isVaultValue(v)) return { __ansible_vault: v.ciphertext };
    if (isUnsafe(v)) return { __ansible_unsafe: v.text };
    if (Array.isArray(v)) return v.map(sort);
    if (v instanceof Map) return sort(Object.fromEntries(v));
    if (typeof v === 'object' && v !== null && (v.constructor === Object || v.constructor === undefined)) {
      const out: Record<string, unknown> = {};
      for (const k of Object.keys(v).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))) out[k] = sort((v as Record<string, unknown>)[k]);
      return out;
    }
    return v;
  };
  return JSON.stringify(sort(value), null, 4);
}

function render(data: unknown, v: ParsedArgs['values']): string {
  if (v.yaml) return dumpInventoryYaml(data);
  if (v.toml) {
    if (typeof data !== 'object' || data === null) throw new TsibleError('TSIBLE_USAGE', 'TOML output needs a mapping');
    return dumpToml(data as Record<string, unknown>);
  }
  return pythonJson(data);
}

/** `tsible-inventory`: shows the inventory as `ansible-inventory` does (same flags, same output). */
export async function inventoryMain(argv: string[], io: CliIO): Promise<number> {
  const { values: v, positionals } = parseCommandLine('tsible-inventory', argv, FLAGS, USAGE);
  if (v.version) return io.stdout.write(`tsible-inventory ${version()}\n`), 0;
  if (v.help) return io.stdout.write(HELP), 0;
  const action = chooseAction(v);
  const kernel = await createKernel({ cwd: io.cwd, env: io.env,
    logSink: (e) => {
      if (e.level === 'warning') io.stderr.write(`[WARNING]: ${e.message}\n`);
      else if (e.level === 'deprecation') io.stderr.write(`[DEPRECATION WARNING]: ${e.message}\n`);
      else if (e.level === 'error') io.stderr.write(`ERROR! ${e.message}\n`);
    } });
  try {
    const given = [...listFlag(v.inventory), ...listFlag(v['inventory-file'])];
    const sources = given.length ? given : kernel.config.list('inventory');
    const vault = await vaultFrom(v, io, kernel.config.string('vault_password_file'));
    const inv = await openInventory({ kernel, sources, cwd: io.cwd, vault });
    if (typeof v['playbook-dir'] === 'string') await inv.addPlaybookDir(v['playbook-dir']);
    const extra: Vars = parseExtraVars(listFlag(v['extra-vars']), io.cwd);
    const dump = new InventoryDump(inv, v.export === true, extra);
    let text: string;
    if (action === 'host') {
      const hosts = inv.getHosts(String(v.host));
      if (hosts.length !== 1) throw optionsError('You must pass a single valid host to --host parameter');
      text = render(dump.hostVars(hosts[0]), v);
    } else if (action === 'graph') {
      const start = positionals.length ? positionals.join(',') : 'all';
      if (!inv.groupNames().includes(start)) throw optionsError('Pattern must be valid group name when using --graph');
      text = dump.graph(start, v.vars === true).join('\n');
    } else {
      text = render(v.yaml ? dump.yaml() : v.toml ? dump.toml() : dump.json(), v);
    }
    if (!text) return 1;
    if (typeof v.output === 'string') await writeFile(resolve(io.cwd, v.output), text);
    else io.stdout.write(text.endsWith('\n') ? text : `${text}\n`);
    return 0;
  } finally {
    await kernel.dispose();
  }
}
