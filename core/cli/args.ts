import { parseArgs, type ParseArgsConfig } from 'node:util';
import { UsageError } from '../errors.js';

type OptionDefs = NonNullable<ParseArgsConfig['options']>;

/** Flags shared by `tsible` and `tsible-playbook`, with Ansible's names. */
export const CONNECTION_FLAGS: OptionDefs = {
  inventory: { type: 'string', short: 'i', multiple: true },
  'inventory-file': { type: 'string', multiple: true },
  limit: { type: 'string', short: 'l' },
  'extra-vars': { type: 'string', short: 'e', multiple: true },
  forks: { type: 'string', short: 'f' },
  user: { type: 'string', short: 'u' },
  'ask-pass': { type: 'boolean', short: 'k' },
  'connection-password-file': { type: 'string' },
  'private-key': { type: 'string' },
  'key-file': { type: 'string' },
  connection: { type: 'string', short: 'c' },
  timeout: { type: 'string', short: 'T' },
  'ssh-common-args': { type: 'string' },
  'ssh-extra-args': { type: 'string' },
  'sftp-extra-args': { type: 'string' },
  'scp-extra-args': { type: 'string' },
  become: { type: 'boolean', short: 'b' },
  'ask-become-pass': { type: 'boolean', short: 'K' },
  'become-password-file': { type: 'string' },
  'become-method': { type: 'string' },
  'become-user': { type: 'string' },
  check: { type: 'boolean', short: 'C' },
  diff: { type: 'boolean', short: 'D' },
  verbose: { type: 'boolean', short: 'v', multiple: true },
  'vault-id': { type: 'string', multiple: true },
  'vault-password-file': { type: 'string', multiple: true },
  'vault-pass-file': { type: 'string', multiple: true },
  'ask-vault-password': { type: 'boolean', short: 'J' },
  'ask-vault-pass': { type: 'boolean' },
  'module-path': { type: 'string', short: 'M', multiple: true },
  'list-hosts': { type: 'boolean' },
  'playbook-dir': { type: 'string' },
  version: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
};

export interface ParsedArgs {
  values: Record<string, string | boolean | string[] | boolean[] | undefined>;
  positionals: string[];
}

/** Parses argv strictly; an unknown or malformed flag is a usage error (exit 2, as argparse). */
export function parseCommandLine(prog: string, argv: string[], options: OptionDefs, usage: string): ParsedArgs {
  try {
    const { values, positionals } = parseArgs({ args: argv, options, allowPositionals: true, strict: true });
    return { values: values as ParsedArgs['values'], positionals };
  } catch (err) {
    const msg = (err as Error).message.replace(/\. To specify a positional argument.*$/s, '');
    throw new UsageError(`${prog}: error: ${msg}`, { hints: [usage] });
  }
}

export function verbosityOf(values: ParsedArgs['values']): number {
  const v = values.verbose;
  return Array.isArray(v) ? v.length : v ? 1 : 0;
}

export function intFlag(prog: string, name: string, raw: unknown): number | undefined {
  if (raw === undefined) return undefined;
  const n = Number(raw);
  if (!Number.isInteger(n)) throw new UsageError(`${prog}: error: argument --${name}: invalid int value: '${String(raw)}'`);
  return n;
}

export function listFlag(raw: unknown): string[] {
  return Array.isArray(raw) ? raw.map(String) : raw === undefined ? [] : [String(raw)];
}
