import { bindArgs, defineFilters, isVaultValue, TsibleError, vaultFilterDecrypt, vaultFilterEncrypt } from 'tsible';

function text(value: unknown, filter: string): string {
  if (isVaultValue(value)) return value.ciphertext;
  if (typeof value === 'string') return value;
  throw new TsibleError('TSIBLE_TEMPLATE', `Invalid value type (${typeof value}) for the ${filter} filter: a string is required`);
}

/** Ansible's `vault` and `unvault` filters: encrypt a string with a passphrase, or decrypt it again. */
export default defineFilters({
  name: 'vault',
  shortDescription: 'Encrypt and decrypt strings with Ansible Vault',
  filters: {
    vault(value: unknown, ...args: unknown[]) {
      const a = bindArgs(args, ['secret', 'salt', 'vault_id', 'wrap_object'], { vault_id: 'filter_default' });
      if (typeof a.secret !== 'string') throw new TsibleError('TSIBLE_TEMPLATE', 'the vault filter needs a secret (a string)');
      return vaultFilterEncrypt(text(value, 'vault'), a.secret, {
        salt: a.salt === undefined || a.salt === null ? undefined : String(a.salt), vaultId: String(a.vault_id),
      });
    },
    unvault(value: unknown, ...args: unknown[]) {
      const a = bindArgs(args, ['secret', 'vault_id'], { vault_id: 'filter_default' });
      if (typeof a.secret !== 'string') throw new TsibleError('TSIBLE_TEMPLATE', 'the unvault filter needs a secret (a string)');
      return vaultFilterDecrypt(text(value, 'unvault'), a.secret, String(a.vault_id));
    },
  },
});
