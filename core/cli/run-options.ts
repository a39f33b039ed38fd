import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { UsageError } from '../errors.js';
import type { RunOptions } from '../executor/run.js';
import type { SettingName } from '../config/settings.js';
import { loadVaultSecrets } from '../vault/load-secrets.js';
import type { VaultSecrets } from '../vault/secrets.js';
import { intFlag, listFlag, verbosityOf, type ParsedArgs } from './args.js';
import { parseExtraVars } from './extra-vars.js';
import { interactive, type CliIO } from './io.js';
import { promptHidden, promptVisible } from './prompt.js';

/** Settings the command line overrides (highest precedence in config resolution). */
export function cliSettings(prog: string, v: ParsedArgs['values']): Partial<Record<SettingName, unknown>> {
  return {
    forks: intFlag(prog, 'forks', v.forks),
    timeout: intFlag(prog, 'timeout', v.timeout),
    remote_user: v.user,
    private_key_file: v['private-key'] ?? v['key-file'],
    become: v.become ? true : undefined,
    become_method: v['become-method'],
    become_user: v['become-user'],
    // -M prepends to the module path, as Ansible's --module-path (colon-separated allowed).
    library: listFlag(v['module-path']).length ? listFlag(v['module-path']).flatMap((p) => p.split(':')) : undefined,
  };
}

export function inventorySources(v: ParsedArgs['values']): string[] {
  return [...listFlag(v.inventory), ...listFlag(v['inventory-file'])];
}

async function readSecretFile(io: CliIO, file: unknown): Promise<string | undefined> {
  if (file === undefined) return undefined;
  return (await readFile(resolve(io.cwd, String(file)), 'utf8')).replace(/\r?\n$/, '');
}

/** Run options from flags, asking for passwords (-k, -K) on the terminal when requested. */
export async function runOptionsFrom(prog: string, v: ParsedArgs['values'], io: CliIO): Promise<RunOptions> {
  const ask = async (flag: unknown, prompt: string) => (flag ? promptHidden(io, prompt) : undefined);
  const connPass = (await ask(v['ask-pass'], 'SSH password: ')) ?? (await readSecretFile(io, v['connection-password-file']));
  const becomePass = (await ask(v['ask-become-pass'], 'BECOME password: ')) ?? (await readSecretFile(io, v['become-password-file']));
  return {
    check: v.check === true, diff: v.diff === true, verbosity: verbosityOf(v), processExitsAfterRun: io.processExitsAfter === true,
    forks: intFlag(prog, 'forks', v.forks), limit: v.limit as string | undefined,
    extraVars: parseExtraVars(listFlag(v['extra-vars']), io.cwd),
    connection: v.connection as string | undefined, remoteUser: v.user as string | undefined,
    privateKeyFile: (v['private-key'] ?? v['key-file']) as string | undefined,
    timeout: intFlag(prog, 'timeout', v.timeout),
    become: v.become ? true : undefined, becomeMethod: v['become-method'] as string | undefined,
    becomeUser: v['become-user'] as string | undefined,
    passwords: { connPass, becomePass },
    prompt: interactive(io) ? (q) => {
      const text = `${q.prompt}${q.default !== undefined ? ` [${q.default}]` : ''}: `;
      return q.private ? promptHidden(io, text) : promptVisible(io, text);
    } : undefined,
  };
}

/** Vault secrets from --vault-id, --vault-password-file and --ask-vault-pass. */
export async function vaultFrom(v: ParsedArgs['values'], io: CliIO, configured: string | undefined): Promise<VaultSecrets> {
  const files = [...listFlag(v['vault-password-file']), ...listFlag(v['vault-pass-file'])];
  if (!files.length && configured && !listFlag(v['vault-id']).length) files.push(configured);
  if (v['ask-vault-password'] && v['ask-vault-pass']) throw new UsageError('--ask-vault-password given twice');
  const askPass = v['ask-vault-password'] || v['ask-vault-pass'] ? () => promptHidden(io, 'Vault password: ') : undefined;
  return loadVaultSecrets({ vaultIds: listFlag(v['vault-id']), passwordFiles: files, askPass, cwd: io.cwd, env: io.env });
}
