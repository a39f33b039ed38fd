import { TsibleError, UsageError } from '../errors.js';
import { VaultSecrets } from './secrets.js';

export const DEFAULT_VAULT_ID = 'default';

export interface LoadVaultSecretsOptions {
  /** `--vault-id` values: `label@source` or just `source`; source is `prompt`, a file or an executable. */
  vaultIds?: string[];
  /** `--vault-password-file` values (label 'default'). */
  passwordFiles?: string[];
  /** `--ask-vault-pass` asks once for the 'default' id. */
  askVaultPass?: boolean;
  /** Reads a password from the terminal without echo; called with the prompt to show. */
  askPass?: (prompt: string) => Promise<string>;
  /** Ask for a password when nothing else gives one (ansible-vault does, playbooks don't). */
  autoPrompt?: boolean;
  /** Prompts ask for a new password and its confirmation (create, encrypt, encrypt_string, rekey). */
  newPassword?: boolean;
  cwd: string;
  env: NodeJS.ProcessEnv;
  /** A password source that failed while another one worked is a warning, as in Ansible. */
  onWarning?: (message: string) => void;
}

interface VaultIdSpec {
  label: string;
  source: string;
  /** Prompts from --ask-vault-pass keep Ansible's old wording ("Vault password: "). */
  legacyPrompt?: boolean;
}

export function splitVaultId(slug: string): { label?: string; source: string } {
  const at = slug.indexOf('@');
  return at < 0 ? { source: slug } : { label: slug.slice(0, at) || undefined, source: slug.slice(at + 1) };
}

function listFromEnv(value: string | undefined): string[] {
  return (value ?? '').split(',').map((s) => s.trim()).filter(Boolean);
}

/** Ansible's order: configured identities, then --vault-id, then password files, then the prompt. */
function vaultIdSpecs(opts: LoadVaultSecretsOptions): VaultIdSpec[] {
  const slugs = [...listFromEnv(opts.env.ANSIBLE_VAULT_IDENTITY_LIST), ...(opts.vaultIds ?? [])];
  const specs: VaultIdSpec[] = slugs.map((slug) => {
    const { label, source } = splitVaultId(slug);
    return { label: label ?? DEFAULT_VAULT_ID, source };
  });
  const files = [...(opts.passwordFiles ?? []), ...listFromEnv(opts.env.ANSIBLE_VAULT_PASSWORD_FILE)];
  for (const file of files) specs.push({ label: DEFAULT_VAULT_ID, source: file });
  if (opts.askVaultPass || (specs.length === 0 && opts.autoPrompt)) specs.push({ label: DEFAULT_VAULT_ID, source: 'prompt', legacyPrompt: true });
  return specs;
}

async function promptPassword(spec: VaultIdSpec, opts: LoadVaultSecretsOptions): Promise<string> {
  if (!opts.askPass) throw new UsageError(`a vault password prompt for vault id '${spec.label}' needs a terminal`);
  const prompts = opts.newPassword
    ? spec.legacyPrompt ? ['New Vault password: ', 'Confirm New Vault password: '] : [`New vault password (${spec.label}): `, `Confirm new vault password (${spec.label}): `]
    : [spec.legacyPrompt ? 'Vault password: ' : `Vault password (${spec.label}): `];
  const answers: string[] = [];
  for (const prompt of prompts) answers.push(await opts.askPass(prompt));
  if (answers.length === 2 && answers[0] !== answers[1]) throw new TsibleError('TSIBLE_VAULT', 'Passwords do not match');
  if (!answers[0]) throw new TsibleError('TSIBLE_VAULT', 'Invalid vault password was provided from prompt');
  return answers[0];
}

/** Builds the run's vault secrets from the command line and the environment, in Ansible's order. */
export async function loadVaultSecrets(opts: LoadVaultSecretsOptions): Promise<VaultSecrets> {
  const found: Array<{ label: string; password: string | Buffer }> = [];
  let lastError: unknown;
  for (const spec of vaultIdSpecs(opts)) {
    if (spec.source === 'prompt' || spec.source === 'prompt_ask_vault_pass') {
      found.push({ label: spec.label, password: await promptPassword(spec, opts) });
      continue;
    }
    try {
      // Password files and scripts are rare: their code (and node:child_process) loads only for them.
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const { passwordFromPath } = require('./password-source.js') as typeof import('./password-source.js');
      found.push({ label: spec.label, password: await passwordFromPath(spec.source, spec.label, opts.cwd, opts.env, new VaultSecrets(found)) });
    } catch (err) {
      opts.onWarning?.(`Error getting vault password file (${spec.label}): ${(err as Error).message}`);
      lastError = err;
    }
  }
  if (lastError && found.length === 0) throw lastError;
  return new VaultSecrets(found);
}
