import { parseArgs } from 'node:util';
import { UsageError } from '../../errors.js';
import { createKernel } from '../../kernel.js';
import { PLUGIN_TYPES, type PluginType } from '../../plugin.js';
import type { CliIO } from '../io.js';

const USAGE = 'usage: tsible plugins list [--type TYPE] | tsible plugins why NAME [--type TYPE]';

function typeFlag(raw: unknown): PluginType | undefined {
  if (raw === undefined) return undefined;
  if (!(PLUGIN_TYPES as readonly string[]).includes(String(raw))) {
    throw new UsageError(`unknown plugin type '${String(raw)}' (choose from ${PLUGIN_TYPES.join(', ')})`, { hints: [USAGE] });
  }
  return raw as PluginType;
}

function table(rows: string[][]): string {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  return rows.map((r) => r.map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i]))).join('  ').trimEnd()).join('\n');
}

/** `tsible plugins list|why`: what is installed, where it came from, and which candidate wins. */
export async function pluginsMain(argv: string[], io: CliIO): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options: { type: { type: 'string', short: 't' } }, allowPositionals: true, strict: true });
  } catch (err) {
    throw new UsageError(`tsible plugins: ${(err as Error).message}`, { hints: [USAGE] });
  }
  const [action, name] = parsed.positionals;
  const type = typeFlag(parsed.values.type);
  const kernel = await createKernel({ cwd: io.cwd, env: io.env });
  if (action === 'list') {
    const rows = kernel.registry.list(type).map((r) => [r.type, r.name, r.origin, r.location,
      r.overrides.length ? `overrides ${r.overrides.join(', ')}` : '']);
    io.stdout.write(`${table([['TYPE', 'NAME', 'ORIGIN', 'LOCATION', 'OVERRIDES'], ...rows])}\n`);
    return 0;
  }
  if (action === 'why' && name) {
    const types = type ? [type] : PLUGIN_TYPES.filter((t) => kernel.registry.has(t, name));
    if (!types.length) throw kernel.registry.notFound(type ?? 'module', name);
    for (const t of types) {
      io.stdout.write(`${t} '${name}':\n`);
      kernel.registry.candidates(t, name).forEach((c, i) => {
        io.stdout.write(`  ${i === 0 ? '* used   ' : '  hidden '} ${c.origin.padEnd(8)} ${c.location}\n`);
      });
    }
    return 0;
  }
  throw new UsageError(`tsible plugins: expected 'list' or 'why NAME'`, { hints: [USAGE] });
}
