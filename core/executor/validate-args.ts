import { ModuleArgsError } from '../errors.js';
import type { OptionSpec, OptionsSchema, OptionType } from '../options.js';
import { parseBoolean } from '../config/coerce.js';

function coerce(value: unknown, type: OptionType | undefined, elements?: OptionType): unknown {
  if (value === null || value === undefined) return value;
  switch (type ?? 'raw') {
    case 'str': case 'path':
      if (typeof value === 'object') return JSON.stringify(value);
      return String(value);
    case 'bool': {
      const b = parseBoolean(typeof value === 'string' ? value : value);
      if (b === undefined) throw new Error(`${JSON.stringify(value)} is not a valid boolean`);
      return b;
    }
    case 'int': {
      const n = typeof value === 'number' ? value : Number(String(value).trim());
      if (!Number.isInteger(n)) throw new Error(`${JSON.stringify(value)} cannot be converted to an int`);
      return n;
    }
    case 'float': {
      const n = Number(value);
      if (Number.isNaN(n)) throw new Error(`${JSON.stringify(value)} cannot be converted to a float`);
      return n;
    }
    case 'list': {
      const list = Array.isArray(value) ? value : typeof value === 'string' ? value.split(',').map((s) => s.trim()) : [value];
      return elements ? list.map((v) => coerce(v, elements)) : list;
    }
    case 'dict':
      if (typeof value === 'object' && !Array.isArray(value)) return value;
      if (typeof value === 'string' && value.trim().startsWith('{')) return JSON.parse(value);
      throw new Error(`${JSON.stringify(value)} cannot be converted to a dict`);
    default:
      return value;
  }
}

/**
 * Validates module arguments as AnsibleModule does: aliases, required, defaults, choices and type
 * conversion. Unknown arguments are an error listing the supported ones.
 */
export function validateArgs(module: string, schema: OptionsSchema | undefined, args: Record<string, unknown>,
  freeForm?: string): Record<string, unknown> {
  if (!schema) return { ...args };
  const input = { ...args };
  if (freeForm && '_raw_params' in input) {
    input[freeForm] = input._raw_params;
    delete input._raw_params;
  }
  const byName = new Map<string, [string, OptionSpec]>();
  for (const [name, spec] of Object.entries(schema)) {
    byName.set(name, [name, spec]);
    for (const alias of spec.aliases ?? []) byName.set(alias, [name, spec]);
  }
  const out: Record<string, unknown> = {};
  const unknown: string[] = [];
  for (const [key, value] of Object.entries(input)) {
    if (key.startsWith('_ansible_')) continue;
    const hit = byName.get(key);
    if (!hit) {
      unknown.push(key);
      continue;
    }
    const [name, spec] = hit;
    try {
      out[name] = coerce(value, spec.type, spec.elements);
    } catch (err) {
      throw new ModuleArgsError(`argument '${name}' of module '${module}': ${(err as Error).message}`);
    }
    if (spec.choices && out[name] !== null && out[name] !== undefined && !spec.choices.includes(out[name])) {
      throw new ModuleArgsError(`value of ${name} must be one of: ${spec.choices.join(', ')}, got: ${String(out[name])}`);
    }
  }
  if (unknown.length) {
    throw new ModuleArgsError(`Unsupported parameters for (${module}) module: ${unknown.sort().join(', ')}. `
      + `Supported parameters include: ${Object.keys(schema).sort().join(', ')}.`);
  }
  const missing = Object.entries(schema).filter(([n, s]) => s.required && (out[n] === undefined || out[n] === null)).map(([n]) => n);
  if (missing.length) throw new ModuleArgsError(`missing required arguments: ${missing.join(', ')}`);
  for (const [name, spec] of Object.entries(schema)) {
    if (out[name] === undefined && spec.default !== undefined) out[name] = spec.default;
  }
  return out;
}
