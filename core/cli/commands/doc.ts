import { parseArgs } from 'node:util';
import { UsageError } from '../../errors.js';
import { createKernel } from '../../kernel.js';
import type { OptionsSchema } from '../../options.js';
import { PLUGIN_TYPES, type PluginDefinition, type PluginType } from '../../plugin.js';
import type { CliIO } from '../io.js';
import { version } from '../version.js';

const USAGE = 'usage: tsible-doc [-t TYPE] [-l] [PLUGIN ...]';

function renderOptions(options: OptionsSchema): string[] {
  const out: string[] = ['OPTIONS (= is mandatory):', ''];
  for (const [name, spec] of Object.entries(options).sort(([a], [b]) => a.localeCompare(b))) {
    out.push(`${spec.required ? '=' : '-'} ${name}`);
    if (spec.description) out.push(`        ${spec.description}`);
    if (spec.aliases?.length) out.push(`        aliases: [${spec.aliases.join(', ')}]`);
    if (spec.choices?.length) out.push(`        choices: [${spec.choices.map(String).join(', ')}]`);
    if (spec.default !== undefined) out.push(`        default: ${JSON.stringify(spec.default)}`);
    if (spec.elements) out.push(`        elements: ${spec.elements}`);
    out.push(`        type: ${spec.type ?? 'raw'}`, '');
  }
  return out;
}

/** The documentation page of a plugin, generated from its own definition and options schema. */
export function renderDoc(def: PluginDefinition, location: string): string {
  const lines = [`> ${def.kind.toUpperCase()} ${def.name}    (${location})`, ''];
  if (def.shortDescription) lines.push(`  ${def.shortDescription}`, '');
  if (def.description) lines.push(...def.description.split('\n').map((l) => `  ${l}`), '');
  const options = (def as { options?: OptionsSchema }).options;
  if (options && Object.keys(options).length) lines.push(...renderOptions(options));
  if (def.examples) lines.push('EXAMPLES:', '', def.examples.trimEnd(), '');
  if (def.returns) {
    lines.push('RETURN VALUES:', '');
    for (const [k, d] of Object.entries(def.returns)) lines.push(`- ${k}`, `        ${d}`, '');
  }
  return `${lines.join('\n')}\n`;
}

/** `tsible-doc NAME` / `tsible doc NAME`. */
export async function docMain(argv: string[], io: CliIO): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, allowPositionals: true, strict: true, options: {
      type: { type: 'string', short: 't' }, list: { type: 'boolean', short: 'l' }, version: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' } } });
  } catch (err) {
    throw new UsageError(`tsible-doc: error: ${(err as Error).message}`, { hints: [USAGE] });
  }
  const v = parsed.values;
  if (v.version) return io.stdout.write(`tsible-doc ${version()}\n`), 0;
  if (v.help) return io.stdout.write(`${USAGE}\n`), 0;
  const type = (v.type ?? 'module') as PluginType;
  if (!(PLUGIN_TYPES as readonly string[]).includes(type)) throw new UsageError(`unknown plugin type '${type}'`, { hints: [USAGE] });
  const kernel = await createKernel({ cwd: io.cwd, env: io.env });
  if (v.list) {
    for (const row of kernel.registry.list(type)) io.stdout.write(`${row.fqcn[0] ?? row.name}\n`);
    return 0;
  }
  if (!parsed.positionals.length) throw new UsageError('tsible-doc: error: a plugin name is required', { hints: [USAGE] });
  for (const name of parsed.positionals) {
    const def = await kernel.resolve(type, name);
    io.stdout.write(renderDoc(def, kernel.registry.candidates(type, name)[0]?.location ?? ''));
  }
  return 0;
}
