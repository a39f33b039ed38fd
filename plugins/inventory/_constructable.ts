import { TsibleError, type InventoryBuilder, type InventorySourceContext, type Vars } from 'tsible';

/**
 * Ansible's Constructable helpers (compose, groups, keyed_groups), shared by constructed and by
 * any dynamic inventory plugin that wants the same options for the hosts it adds.
 */
export interface ConstructOptions {
  compose?: Record<string, string>;
  groups?: Record<string, string>;
  keyed_groups?: KeyedGroup[];
  strict?: boolean;
  leading_separator?: boolean;
}

export interface KeyedGroup {
  key: string;
  prefix?: string;
  separator?: string;
  parent_group?: string;
  default_value?: string;
  trailing_separator?: boolean;
}

/** Group names made from data: anything but letters, digits and `_` (and a leading digit) becomes `_`. */
export function safeGroupName(name: string): string {
  return name.replace(/^\p{N}|[^\p{L}\p{N}_]/gu, '_');
}

/** Python truthiness, as a Jinja `{% if %}` sees a value. */
export function truthy(v: unknown): boolean {
  if (v === null || v === undefined || v === false || v === 0 || v === '') return false;
  if (Array.isArray(v)) return v.length > 0;
  if (typeof v === 'object' && v.constructor === Object) return Object.keys(v).length > 0;
  return true;
}

function why(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/**
 * What Ansible's (non-native) templating makes of a `{{ expression }}` result: numbers and None
 * come back as text, while strings, booleans, lists and mappings keep their type.
 */
export function composedValue(v: unknown): unknown {
  if (v === null || v === undefined) return 'None';
  if (typeof v === 'number') return Number.isInteger(v) ? String(v) : pythonFloatText(v);
  return v;
}

function pythonFloatText(n: number): string {
  if (Number.isNaN(n)) return 'nan';
  if (!Number.isFinite(n)) return n > 0 ? 'inf' : '-inf';
  const exp = n === 0 ? 0 : Math.floor(Math.log10(Math.abs(n)));
  if (exp >= -4 && exp < 16) return String(n);
  const [mantissa, power] = n.toExponential().split('e') as [string, string];
  return `${mantissa}e${power.startsWith('-') ? '-' : '+'}${power.replace(/^[-+]/, '').padStart(2, '0')}`;
}

/** compose: each expression evaluated against the host's variables; returns the new variables. */
export async function composeVars(ctx: InventorySourceContext, host: string, vars: Vars, options: ConstructOptions): Promise<Vars> {
  const out: Vars = {};
  for (const [name, expr] of Object.entries(options.compose ?? {})) {
    try {
      out[name] = composedValue(await ctx.evaluate(String(expr), vars));
    } catch (err) {
      if (options.strict) throw new TsibleError('TSIBLE_INVENTORY', `Could not set ${name} for host ${host}: ${why(err)}`, { cause: err });
    }
  }
  return out;
}

/** groups: the host joins each group whose condition is true. */
export async function addComposedGroups(ctx: InventorySourceContext, builder: InventoryBuilder, host: string, vars: Vars,
  options: ConstructOptions): Promise<void> {
  for (const [rawName, condition] of Object.entries(options.groups ?? {})) {
    const name = safeGroupName(rawName);
    let result: unknown;
    try {
      result = await ctx.evaluate(String(condition), vars);
    } catch (err) {
      if (options.strict) throw new TsibleError('TSIBLE_INVENTORY', `Could not add host ${host} to group ${name}: ${why(err)}`, { cause: err });
      continue;
    }
    if (truthy(result)) {
      builder.addGroup(name);
      builder.addHost(host, name);
    }
  }
}

function bareNames(key: unknown, keyed: KeyedGroup, sep: string): string[] {
  const dflt = keyed.default_value;
  const one = (v: unknown): string => (v === '' && dflt !== undefined && dflt !== null ? String(dflt) : String(v));
  if (typeof key === 'string' || typeof key === 'number' || typeof key === 'boolean') return [one(key)];
  if (Array.isArray(key)) return key.map(one);
  if (typeof key === 'object' && key !== null) {
    return Object.entries(key).map(([k, v]) => {
      if (v === '' && dflt !== undefined && dflt !== null) return `${k}${sep}${dflt}`;
      if (v === '' && keyed.trailing_separator === false) return k;
      return `${k}${sep}${String(v)}`;
    });
  }
  throw new TsibleError('TSIBLE_INVENTORY', `Invalid group name format, expected a string or a list of them or dictionary, got: ${typeof key}`);
}

/** keyed_groups: groups named after variable values (`prefix` + `separator` + value). */
export async function addKeyedGroups(ctx: InventorySourceContext, builder: InventoryBuilder, host: string, vars: Vars,
  options: ConstructOptions): Promise<void> {
  for (const keyed of options.keyed_groups ?? []) {
    if (!keyed || typeof keyed !== 'object') throw new TsibleError('TSIBLE_INVENTORY', `Invalid keyed group entry, it must be a dictionary: ${JSON.stringify(keyed)}`);
    if (keyed.trailing_separator !== undefined && keyed.default_value !== undefined) {
      throw new TsibleError('TSIBLE_INVENTORY', 'parameters are mutually exclusive for keyed groups: default_value|trailing_separator');
    }
    let key: unknown;
    try {
      key = composedValue(await ctx.evaluate(String(keyed.key), vars));
    } catch (err) {
      if (options.strict) throw new TsibleError('TSIBLE_INVENTORY', `Could not generate group for host ${host} from ${keyed.key} entry: ${why(err)}`, { cause: err });
      continue;
    }
    const hasDefault = keyed.default_value !== undefined && keyed.default_value !== null;
    if (!truthy(key) && !(key === '' && hasDefault)) {
      const empty = (Array.isArray(key) && key.length === 0) || (typeof key === 'object' && key !== null && Object.keys(key).length === 0);
      if (options.strict && !empty) throw new TsibleError('TSIBLE_INVENTORY', `No key or key resulted empty for ${keyed.key} in host ${host}, invalid entry`);
      continue;
    }
    const prefix = keyed.prefix ?? '';
    let sep = keyed.separator ?? '_';
    const parent = keyed.parent_group ? safeGroupName(String(await ctx.template(String(keyed.parent_group), vars))) : undefined;
    const names = bareNames(key, keyed, sep);
    if (prefix === '' && options.leading_separator === false) sep = '';
    for (const bare of names) {
      const group = builder.addGroup(safeGroupName(`${prefix}${sep}${bare}`));
      builder.addHost(host, group);
      if (parent) {
        builder.addGroup(parent);
        builder.addChild(parent, group);
      }
    }
  }
}
