import { parseArgs } from 'node:util';
import { UsageError } from '../../errors.js';
import { loadConfig } from '../../config/load-config.js';
import { SETTINGS } from '../../config/settings.js';
import type { SettingValue } from '../../config/resolved-config.js';
import type { CliIO } from '../io.js';
import { version } from '../version.js';

const USAGE = 'usage: tsible-config [-h] [--version] {list,dump,view} [--only-changed]';

function origin(s: SettingValue): string {
  if (s.source === 'default') return 'default';
  if (s.source === 'env') return `env: ${s.detail}`;
  return s.detail ?? s.source;
}

function show(value: unknown): string {
  if (value === null || value === undefined) return 'None';
  if (typeof value === 'boolean') return value ? 'True' : 'False';
  if (Array.isArray(value)) return `[${value.map((v) => `'${String(v)}'`).join(', ')}]`;
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

/** `tsible-config dump|list|view` and `tsible config ...`: every setting, its value and its origin. */
export async function configMain(argv: string[], io: CliIO): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, allowPositionals: true, strict: true, options: {
      'only-changed': { type: 'boolean' }, version: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } } });
  } catch (err) {
    throw new UsageError(`tsible-config: error: ${(err as Error).message}`, { hints: [USAGE] });
  }
  if (parsed.values.version) return io.stdout.write(`tsible-config ${version()}\n`), 0;
  const action = parsed.positionals[0];
  if (parsed.values.help || !action) {
    if (!action && !parsed.values.help) throw new UsageError('tsible-config: error: the following arguments are required: action', { hints: [USAGE] });
    return io.stdout.write(`${USAGE}\n`), 0;
  }
  const config = await loadConfig({ cwd: io.cwd, env: io.env });
  if (action === 'dump') {
    for (const [name, s] of config.entries()) {
      if (parsed.values['only-changed'] && s.source === 'default') continue;
      io.stdout.write(`${name}(${origin(s)}) = ${show(s.value)}\n`);
    }
    return 0;
  }
  if (action === 'list') {
    for (const [name, def] of Object.entries(SETTINGS)) {
      io.stdout.write(`${name}:\n  default: ${show(def.default)}\n  description: ${def.description}\n  type: ${def.type}\n`);
    }
    return 0;
  }
  if (action === 'view') {
    io.stdout.write(`${config.configFile ?? config.ansibleCfgFile ?? 'No config file found; using defaults'}\n`);
    return 0;
  }
  throw new UsageError(`tsible-config: error: argument action: invalid choice: '${action}' (choose from 'list', 'dump', 'view')`, { hints: [USAGE] });
}
