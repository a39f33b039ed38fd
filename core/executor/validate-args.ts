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

/** A module's argument schema indexed once (names and aliases), then reused for every call. */
export interface ArgSpec {
  module: string;
  schema?: OptionsSchema;
  freeForm?: string;
  byName: Map<string, [string, OptionSpec]>;
  required: string[];
  defaults: [string, unknown][];
}

export function compileArgSpec(module: string, schema: OptionsSchema | undefined, freeForm?: string): ArgSpec {
  const byName = new Map<string, [string, OptionSpec]>();
  const required: string[] = [];
  const defaults: [string, unknown][] = [];
  for (const [name, spec] of Object.entries(schema ?? {})) {
    byName.set(name, [name, spec]);
    for (const alias of spec.aliases ?? []) byName.set(alias, [name, spec]);
    if (spec.required) required.push(name);
    if (spec.default !== undefined) defaults.push([name, spec.default]);
  }
  return { module, schema, freeForm, byName, required, defaults };
}

/**
 * Validates module arguments as AnsibleModule does: aliases, required, defaults, choices and type
 * conversion. Unknown arguments are an error listing the supported ones.
 */
export function validateArgs(spec: ArgSpec, args: Record<string, unknown>): Record<string, unknown> {
  const { module, schema, freeForm } = spec;
  if (!schema) return { ...args };
  const input = { ...args };
  if (freeForm && '_raw_params' in input) {
    input[freeForm] = input._raw_params;
    delete input._raw_params;
  }
  const out: Record<string, unknown> = {};
  const unknown: string[] = [];
  for (const [key, value] of Object.entries(input)) {
    if (key.startsWith('_ansible_')) continue;
    const hit = spec.byName.get(key);
    if (!hit) {
      unknown.push(key);
      continue;
    }
    const [name, option] = hit;
    try {
      out[name] = coerce(value, option.type, option.elements);
    } catch (err) {
      throw new ModuleArgsError(`argument '${name}' of module '${module}': ${(err as Error).message}`);
    }
    if (option.choices && out[name] !== null && out[name] !== undefined && !option.choices.includes(out[name])) {
      throw new ModuleArgsError(`value of ${name} must be one of: ${option.choices.join(', ')}, got: ${String(out[name])}`);
    }
  }
  if (unknown.length) {
    throw new ModuleArgsError(`Unsupported parameters for (${module}) module: ${unknown.sort().join(', ')}. `
      + `Supported parameters include: ${Object.keys(schema).sort().join(', ')}.`);
  }
  const missing = spec.required.filter((n) => out[n] === undefined || out[n] === null);
  if (missing.length) throw new ModuleArgsError(`missing required arguments: ${missing.join(', ')}`);
  for (const [name, value] of spec.defaults) {
    if (out[name] === undefined) out[name] = value;
  }
  return out;
}
