import { sealVault } from './cipher.js';
import { VaultSecrets } from './secrets.js';

/**
 * What Ansible's `vault` and `unvault` filters do, for the filter plugins: a secret given as a
 * string, the vault id 'filter_default' (so a 1.2 header), and an optional fixed salt.
 */
export const FILTER_VAULT_ID = 'filter_default';

export function vaultFilterEncrypt(data: string | Buffer, secret: string, options: { salt?: string; vaultId?: string } = {}): string {
  const salt = options.salt === undefined ? undefined : Buffer.from(options.salt, 'utf8');
  return sealVault(data, Buffer.from(secret, 'utf8'), { label: options.vaultId ?? FILTER_VAULT_ID, salt });
}

export function vaultFilterDecrypt(vaultText: string, secret: string, vaultId = FILTER_VAULT_ID): string {
  return new VaultSecrets([{ label: vaultId, password: secret }]).decrypt(vaultText);
}
