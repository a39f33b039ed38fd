import type { OptionSpec, OptionsSchema } from 'tsible';
import { isUnsafe, isVaultValue } from 'tsible';
import { lookupError } from './errors.js';

const TRUE = new Set(['yes', 'on', '1', 'true', 'y', 't']);
const FALSE = new Set(['no', 'off', '0', 'false', 'n', 'f', '']);

/**
 * Applies a lookup's option schema to the keyword arguments it was called with: defaults for what
 * is missing, aliases, and Ansible's coercions (`'yes'` → true, `'5'` → 5, `'a,b'` → ['a', 'b']).
 * Unknown keywords are ignored, as Ansible's plugin config does.
 */
export function readOptions(schema: OptionsSchema, given: Record<string, unknown>, lookup: string): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, spec] of Object.entries(schema)) {
    const key = [name, ...(spec.aliases ?? [])].find((k) => given[k] !== undefined);
    const raw = key === undefined ? structuredClone(spec.default) : given[key];
    const value = raw === undefined || raw === null ? raw : coerce(plainValue(raw), spec, `${lookup}: option ${name}`);
    if (spec.choices && value !== undefined && value !== null && !spec.choices.includes(value)) {
      throw lookupError(`${lookup}: invalid value "${String(value)}" for option ${name}, valid values are: ${spec.choices.join(', ')}`);
    }
    out[name] = value;
  }
  return out;
}

function plainValue(value: unknown): unknown {
  if (isUnsafe(value)) return value.text;
  if (isVaultValue(value)) return value.reveal();
  return value;
}

export function toBool(value: unknown, what: string): boolean {
  if (typeof value === 'boolean') return value;
  if (typeof value === 'number') return value !== 0;
  const text = String(value).trim().toLowerCase();
  if (TRUE.has(text)) return true;
  if (FALSE.has(text)) return false;
  throw lookupError(`${what}: '${String(value)}' is not a valid boolean`);
}

function coerce(value: unknown, spec: OptionSpec, what: string): unknown {
  switch (spec.type) {
    case 'bool':
      return toBool(value, what);
    case 'int': {
      const n = typeof value === 'number' ? value : Number(String(value).trim());
      if (!Number.isInteger(n)) throw lookupError(`${what}: '${String(value)}' is not an integer`);
      return n;
    }
    case 'float': {
      const n = Number(value);
      if (Number.isNaN(n)) throw lookupError(`${what}: '${String(value)}' is not a number`);
      return n;
    }
    case 'str':
    case 'path':
      return typeof value === 'string' ? value : String(value);
    case 'list':
      if (Array.isArray(value)) return value.map(plainValue);
      return typeof value === 'string' ? value.split(',').map((s) => s.trim()) : [value];
    case 'dict':
      if (value === null || typeof value !== 'object' || Array.isArray(value)) {
        throw lookupError(`${what}: expected a dictionary, got ${JSON.stringify(value)}`);
      }
      return value;
    default:
      return value;
  }
}
