import { SETTINGS, defineLookup, type SettingDef } from 'tsible';
import { extrasOf } from './_shared/context.js';
import { lookupError, requireString } from './_shared/errors.js';
import { readOptions, toBool } from './_shared/options.js';

const options = {
  on_missing: { type: 'str', default: 'error', choices: ['error', 'warn', 'skip'], description: 'What to do with a setting tsible does not know.' },
  plugin_type: { type: 'str', description: 'Not supported yet: plugin options are not readable from lookups.' },
  plugin_name: { type: 'str', description: 'Not supported yet: plugin options are not readable from lookups.' },
} as const;

const DEFS = SETTINGS as Record<string, SettingDef>;

/** Ansible's constant names (`DEFAULT_FORKS`, `HOST_KEY_CHECKING`) and tsible's own names map to a tsible setting. */
export function settingForName(name: string): string | undefined {
  if (Object.prototype.hasOwnProperty.call(DEFS, name)) return name;
  const upper = name.toUpperCase();
  for (const [key, def] of Object.entries(DEFS)) {
    const bases = [key.toUpperCase(), ...(def.ansibleEnv ?? []).map((e) => e.replace(/^ANSIBLE_/, ''))];
    if (bases.some((b) => b === upper || `DEFAULT_${b}` === upper)) return key;
  }
  return undefined;
}

/** Without the engine's resolved settings, the default, overridden by the environment as the config loader would. */
function fallbackValue(key: string): unknown {
  const def = DEFS[key]!;
  const envName = [`TSIBLE_${key.toUpperCase()}`, ...(def.ansibleEnv ?? [])].find((n) => process.env[n] !== undefined);
  if (!envName) return def.default;
  const raw = process.env[envName]!;
  if (def.type === 'integer' || def.type === 'number') return Number(raw);
  if (def.type === 'boolean') return toBool(raw, envName);
  if (def.type === 'list' || def.type === 'pathlist') return raw.split(def.type === 'list' ? ',' : ':').map((s) => s.trim()).filter(Boolean);
  return raw;
}

export default defineLookup({
  name: 'config',
  shortDescription: 'display the value of a tsible (Ansible) setting',
  description: 'Returns the current value of settings, by Ansible constant name (`DEFAULT_FORKS`, `HOST_KEY_CHECKING`) '
    + 'or by tsible setting name (`forks`).',
  options,
  examples: `- debug: msg="{{ lookup('config', 'DEFAULT_ROLES_PATH') }}"`,
  returns: { _raw: 'the values of the settings' },
  run(terms, given, ctx) {
    const opts = readOptions(options, given, 'config');
    const missing = String(opts.on_missing);
    if (!['error', 'warn', 'skip'].includes(missing)) {
      throw lookupError(`"on_missing" must be a string and one of "error", "warn" or "skip", not ${missing}`);
    }
    if (opts.plugin_type || opts.plugin_name) {
      if (!(opts.plugin_type && opts.plugin_name)) throw lookupError('Both plugin_type and plugin_name are required, cannot use one without the other');
      throw lookupError('tsible cannot read plugin options through the config lookup yet');
    }
    const settings = extrasOf(ctx).settings;
    const out: unknown[] = [];
    for (const term of terms) {
      const name = requireString(term, 'setting identifier');
      const key = settingForName(name);
      if (key === undefined) {
        if (missing === 'error') throw lookupError(`Unable to find setting ${name}`);
        if (missing === 'warn') ctx.log.warn(`Skipping, did not find setting ${name}`);
        continue;
      }
      out.push(settings && key in settings ? settings[key] : fallbackValue(key));
    }
    return out;
  },
});
