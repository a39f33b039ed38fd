import * as jsYaml from 'js-yaml';
import { FAILSAFE_SCHEMA, Type, type Schema } from 'js-yaml';
import { UnsafeText, VaultValue } from '../values.js';

/**
 * YAML 1.1 as PyYAML resolves plain scalars (what Ansible sees), on js-yaml 4, which follows
 * YAML 1.2 by default: the regular expressions mirror PyYAML's implicit resolvers.
 */
const BOOL_TRUE = new Set(['yes', 'Yes', 'YES', 'true', 'True', 'TRUE', 'on', 'On', 'ON']);
const BOOL_FALSE = new Set(['no', 'No', 'NO', 'false', 'False', 'FALSE', 'off', 'Off', 'OFF']);
const NULL_RE = /^(?:~|null|Null|NULL|)$/;
const INT_RE = /^(?:[-+]?0b[0-1_]+|[-+]?0[0-7_]+|[-+]?(?:0|[1-9][0-9_]*)|[-+]?0x[0-9a-fA-F_]+|[-+]?[1-9][0-9_]*(?::[0-5]?[0-9])+)$/;
const FLOAT_RE = /^(?:[-+]?(?:[0-9][0-9_]*)\.[0-9_]*(?:[eE][-+][0-9]+)?|\.[0-9][0-9_]*(?:[eE][-+][0-9]+)?|[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\.[0-9_]*|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$/;

/** PyYAML picks resolvers by the first character; this also keeps most strings off the regexes. */
const NUMBER_START = '-+0123456789.';
const BOOL_WORDS = new Set(['yes', 'no', 'true', 'false', 'on', 'off']);
const PY_FLOAT_RE = /^[-+]?(?:(?:[0-9][0-9_]*)?\.?[0-9_]*(?:[eE][-+]?[0-9]+)?|\.?(?:inf|nan|infinity))$/i;

/** The marker a plain `=` resolves to: PyYAML's `value` tag, which Ansible cannot construct. */
export const VALUE_TAG_MARKER = Object.freeze({ yamlValueTag: true });

function splitSign(text: string): { sign: number; digits: string } {
  const sign = text.startsWith('-') ? -1 : 1;
  return { sign, digits: /^[-+]/.test(text) ? text.slice(1) : text };
}

function sexagesimal(parts: string[]): number {
  return parts.reduce((total, part) => total * 60 + Number(part), 0);
}

function constructInt(text: string): number {
  const { sign, digits } = splitSign(text.replace(/_/g, ''));
  if (digits === '0') return 0;
  if (digits.startsWith('0b')) return sign * parseInt(digits.slice(2), 2);
  if (digits.startsWith('0x')) return sign * parseInt(digits.slice(2), 16);
  if (digits.startsWith('0')) return sign * parseInt(digits, 8);
  if (digits.includes(':')) return sign * sexagesimal(digits.split(':'));
  return sign * Number(digits);
}

function constructFloat(text: string): number {
  const { sign, digits } = splitSign(text.replace(/_/g, '').toLowerCase());
  if (digits === '.inf') return sign * Infinity;
  if (digits === '.nan') return NaN;
  if (digits.includes(':')) return sign * sexagesimal(digits.split(':'));
  if (/^(?:inf|infinity)$/.test(digits)) return sign * Infinity;
  if (digits === 'nan') return NaN;
  return sign * Number(digits);
}

const nullType = new Type('tag:yaml.org,2002:null', {
  kind: 'scalar',
  // An explicit `!!null` makes anything null, as PyYAML's constructor does.
  resolve: (data: string | null, tag?: string) => tag !== undefined || data === null || (data.length <= 4 && NULL_RE.test(data)),
  construct: () => null,
  predicate: (v: unknown) => v === null,
  represent: () => 'null',
});

const boolType = new Type('tag:yaml.org,2002:bool', {
  kind: 'scalar',
  resolve: (data: string | null, tag?: string) => data !== null && (BOOL_TRUE.has(data) || BOOL_FALSE.has(data) || (tag !== undefined && BOOL_WORDS.has(data.toLowerCase()))),
  construct: (data: string) => BOOL_TRUE.has(data) || BOOL_TRUE.has(data.toLowerCase()),
  predicate: (v: unknown) => typeof v === 'boolean',
  represent: (v: object) => String(v),
});

const intType = new Type('tag:yaml.org,2002:int', {
  kind: 'scalar',
  resolve: (data: string | null) => data !== null && NUMBER_START.includes(data[0] ?? '') && INT_RE.test(data),
  construct: constructInt,
  predicate: (v: unknown) => typeof v === 'number' && Number.isInteger(v),
  represent: (v: object) => String(v),
});

const floatType = new Type('tag:yaml.org,2002:float', {
  kind: 'scalar',
  // `!!float '1'` is 1.0 in PyYAML: an explicit tag accepts whatever Python's float() accepts.
  resolve: (data: string | null, tag?: string) => data !== null && ((NUMBER_START.includes(data[0] ?? '') && FLOAT_RE.test(data)) || (tag !== undefined && PY_FLOAT_RE.test(data.trim()))),
  construct: constructFloat,
  predicate: (v: unknown) => typeof v === 'number' && !Number.isInteger(v),
  represent: (v: object) => String(v),
});

/** PyYAML resolves dates to datetime objects; they are kept as the text written (see docs/yaml.md). */
const timestampType = new Type('tag:yaml.org,2002:timestamp', { kind: 'scalar', resolve: () => true, construct: (data: string) => data });

/** js-yaml's own YAML 1.1 extras (the typings don't declare `types`). */
const extraTypes = (jsYaml as unknown as { types: Record<'binary' | 'omap' | 'pairs' | 'set', Type> }).types;

const mergeType = new Type('tag:yaml.org,2002:merge', { kind: 'scalar', resolve: (data: string | null) => data === '<<' });

const valueType = new Type('tag:yaml.org,2002:value', {
  kind: 'scalar',
  resolve: (data: string | null) => data === '=',
  construct: () => VALUE_TAG_MARKER,
});

function markUnsafe(value: unknown): unknown {
  if (typeof value === 'string') return new UnsafeText(value);
  if (Array.isArray(value)) return value.map(markUnsafe);
  if (value !== null && typeof value === 'object' && !(value instanceof UnsafeText) && !(value instanceof VaultValue)) {
    for (const key of Object.keys(value)) (value as Record<string, unknown>)[key] = markUnsafe((value as Record<string, unknown>)[key]);
  }
  return value;
}

function unsafeTypes(): Type[] {
  const scalar = new Type('!unsafe', { kind: 'scalar', construct: (data: string | null) => new UnsafeText(data ?? '') });
  const sequence = new Type('!unsafe', { kind: 'sequence', construct: (data: unknown[] | null) => markUnsafe(data ?? []) });
  const mapping = new Type('!unsafe', { kind: 'mapping', construct: (data: object | null) => markUnsafe(data ?? {}) });
  return [scalar, sequence, mapping];
}

/** `!vault` (and its old spelling `!vault-encrypted`): kept encrypted until first used. */
function vaultTypes(makeVaultValue: (ciphertext: string) => VaultValue): Type[] {
  return ['!vault', '!vault-encrypted'].map((tag) => new Type(tag, { kind: 'scalar', construct: (data: string | null) => makeVaultValue(data ?? '') }));
}

/** The schema for one load: the `!vault` constructor is bound to that load's vault secrets. */
export function ansibleSchema(makeVaultValue: (ciphertext: string) => VaultValue): Schema {
  return FAILSAFE_SCHEMA.extend({
    implicit: [nullType, boolType, intType, floatType, mergeType, valueType],
    explicit: [timestampType, extraTypes.binary, extraTypes.omap, extraTypes.pairs, extraTypes.set, ...unsafeTypes(), ...vaultTypes(makeVaultValue)],
  });
}
