import { TsibleError, defineLookup } from 'tsible';
import type { LookupContext } from 'tsible';
import { requireString } from './_shared/errors.js';
import { readOptions } from './_shared/options.js';

const options = {
  default: { type: 'raw', description: 'What to return for a variable that is not defined (otherwise an error).' },
} as const;

const MISSING = Symbol('missing');

function rawValue(ctx: LookupContext, name: string): unknown {
  if (Object.prototype.hasOwnProperty.call(ctx.vars, name)) return ctx.vars[name];
  const hostvars = ctx.vars.hostvars;
  const host = ctx.vars.inventory_hostname;
  // hostvars may be a lazy proxy rather than a plain dict, so any object is accepted.
  if (hostvars !== null && typeof hostvars === 'object' && typeof host === 'string') {
    const mine = (hostvars as Record<string, unknown>)[host];
    if (mine !== null && typeof mine === 'object' && name in mine) return (mine as Record<string, unknown>)[name];
  }
  return MISSING;
}

export default defineLookup({
  name: 'vars',
  shortDescription: 'lookup templated value of variables',
  description: 'Returns the (templated) value of variables whose names are computed, e.g. `lookup("vars", "conf_" ~ env)`.',
  options,
  examples: `- debug: msg="{{ lookup('vars', 'variab' ~ 'le') }}"\n- debug: msg="{{ lookup('vars', 'nope', default='') }}"`,
  returns: { _value: 'the values of the variables' },
  async run(terms, given, ctx) {
    const { default: dflt } = readOptions(options, given, 'vars');
    const out: unknown[] = [];
    for (const term of terms) {
      const name = requireString(term, 'setting identifier');
      const raw = rawValue(ctx, name);
      if (raw === MISSING) {
        if (dflt !== undefined && dflt !== null) {
          out.push(dflt);
          continue;
        }
        throw new TsibleError('TSIBLE_UNDEFINED', `No variable found with this name: ${name}`);
      }
      out.push(await ctx.template(raw as string));
    }
    return out;
  },
});
