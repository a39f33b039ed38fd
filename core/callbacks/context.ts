/**
 * The CallbackContext each callback is created with: its options (schema defaults, then
 * `callbacks.<name>` from config, then the option's environment variables), colours and width.
 */
import type { CallbackContext, CallbackDefinition } from '../../plugins/callback/types.js';
import type { OptionSpec } from '../options.js';
import { ConfigError } from '../errors.js';

export interface OutputOptions {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  verbosity: number;
  check: boolean;
  diff: boolean;
  color?: boolean;
  env?: Readonly<Record<string, string | undefined>>;
  now?: () => number;
  callbackOptions?: Record<string, Record<string, unknown>>;
}

type Tty = NodeJS.WritableStream & { isTTY?: boolean; columns?: number };

export function isTerminal(stream: NodeJS.WritableStream): boolean {
  return (stream as Tty).isTTY === true;
}

/** Ansible's rule: nocolor (or NO_COLOR) turns colours off, a non-terminal too; force_color wins over both. */
export function useColour(options: OutputOptions, settings: Readonly<Record<string, unknown>>): boolean {
  if (options.color !== undefined) return options.color;
  const env = options.env ?? {};
  if (settings.force_color === true) return true;
  if (settings.nocolor === true || (env.NO_COLOR !== undefined && env.NO_COLOR !== '')) return false;
  return isTerminal(options.stdout) && env.TERM !== 'dumb';
}

export function outputColumns(stream: NodeJS.WritableStream): number {
  const tty = stream as Tty;
  return tty.isTTY === true && typeof tty.columns === 'number' ? Math.max(79, tty.columns - 1) : 79;
}

function coerce(def: CallbackDefinition, name: string, spec: OptionSpec | undefined, raw: string): unknown {
  switch (spec?.type) {
    case 'bool': {
      const v = raw.toLowerCase();
      if (['1', 'true', 'yes', 'on', 'y', 't'].includes(v)) return true;
      if (['0', 'false', 'no', 'off', 'n', 'f', ''].includes(v)) return false;
      throw new ConfigError(`callback '${def.name}': option ${name} must be a boolean, got '${raw}'`);
    }
    case 'int': case 'float': {
      const n = Number(raw);
      if (Number.isNaN(n)) throw new ConfigError(`callback '${def.name}': option ${name} must be a number, got '${raw}'`);
      return n;
    }
    case 'list': return raw.split(',').map((s) => s.trim()).filter(Boolean);
    default: return raw;
  }
}

export function callbackOptions(def: CallbackDefinition, settings: Readonly<Record<string, unknown>>,
  env: Readonly<Record<string, string | undefined>>, overrides?: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, spec] of Object.entries(def.options ?? {})) if (spec.default !== undefined) out[name] = spec.default;
  const all = settings.callbacks;
  const configured = all && typeof all === 'object' ? (all as Record<string, unknown>)[def.name] : undefined;
  if (configured && typeof configured === 'object') Object.assign(out, configured);
  for (const [name, vars] of Object.entries(def.optionEnv ?? {})) {
    const found = vars.find((v) => env[v] !== undefined);
    if (found) out[name] = coerce(def, name, def.options?.[name], env[found]!);
  }
  if (overrides) Object.assign(out, overrides);
  return Object.freeze(out);
}

export function buildContext(def: CallbackDefinition, options: OutputOptions, settings: Readonly<Record<string, unknown>>,
  warn: (message: string) => void): CallbackContext {
  const env = options.env ?? process.env;
  return {
    verbosity: options.verbosity, stdout: options.stdout, stderr: options.stderr,
    color: useColour({ ...options, env }, settings), options: callbackOptions(def, settings, env, options.callbackOptions?.[def.name]), settings,
    check: options.check, diff: options.diff, columns: outputColumns(options.stdout), isTTY: isTerminal(options.stdout),
    env, now: options.now ?? Date.now, warn,
  };
}
