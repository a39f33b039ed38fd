import { TsibleError } from '../errors.js';
import type { DecryptOutcome } from './cipher.js';
import { parseVaultEnvelope, type VaultEnvelope } from './envelope.js';

/** The AES code (and node:crypto) load when something is first encrypted or decrypted, not with every run. */
function cipher(): typeof import('./cipher.js') {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require('./cipher.js') as typeof import('./cipher.js');
}

interface Secret {
  label: string;
  password: Buffer;
}

/**
 * The vault passwords of one run, in the order they were given. Decryption tries the secrets whose
 * label matches the vault id in the data first, then every other one (Ansible's default when
 * vault id matching is not enforced). Plaintexts are cached per vault text; no error, message or
 * property ever shows a password.
 */
export class VaultSecrets {
  readonly #secrets: Secret[];
  readonly #plaintexts = new Map<string, Buffer>();

  constructor(ids: Array<{ label: string; password: string | Buffer }>) {
    this.#secrets = ids.map(({ label, password }) => {
      const bytes = typeof password === 'string' ? Buffer.from(password, 'utf8') : Buffer.from(password);
      if (bytes.length === 0) throw new TsibleError('TSIBLE_VAULT', `Invalid vault password was provided for vault id '${label}': the password is empty`);
      return { label: label || 'default', password: bytes };
    });
  }

  isEmpty(): boolean {
    return this.#secrets.length === 0;
  }

  /** The vault ids, in the order they are tried. */
  get labels(): string[] {
    return this.#secrets.map((s) => s.label);
  }

  decrypt(vaultText: string, source?: string): string {
    return this.decryptBytes(vaultText, source).toString('utf8');
  }

  async decryptAsync(vaultText: string, source?: string): Promise<string> {
    return (await this.decryptBytesAsync(vaultText, source)).toString('utf8');
  }

  decryptBytes(vaultText: string, source?: string): Buffer {
    const cached = this.#plaintexts.get(vaultText);
    return cached ?? this.decryptWithId(vaultText, source).plaintext;
  }

  /** Decrypts and tells which vault id's secret worked (ansible-vault edit re-encrypts with it). */
  decryptWithId(vaultText: string, source?: string): { plaintext: Buffer; label: string } {
    const envelope = parseVaultEnvelope(vaultText, source);
    const failures: DecryptOutcome[] = [];
    for (const secret of this.#candidates(envelope, source)) {
      const outcome = cipher().openEnvelope(envelope, secret.password);
      if (outcome.ok) return { plaintext: this.#remember(vaultText, outcome.plaintext), label: secret.label };
      failures.push(outcome);
    }
    throw this.#failure(envelope, failures, source);
  }

  async decryptBytesAsync(vaultText: string, source?: string): Promise<Buffer> {
    const cached = this.#plaintexts.get(vaultText);
    if (cached) return cached;
    const envelope = parseVaultEnvelope(vaultText, source);
    const failures: DecryptOutcome[] = [];
    for (const secret of this.#candidates(envelope, source)) {
      const outcome = await cipher().openEnvelopeAsync(envelope, secret.password);
      if (outcome.ok) return this.#remember(vaultText, outcome.plaintext);
      failures.push(outcome);
    }
    throw this.#failure(envelope, failures, source);
  }

  /**
   * Encrypts with the secret of `label`, or the first secret when no label is given. The id goes
   * into a 1.2 header unless it is 'default' (then the 1.1 header, as ansible-vault writes it).
   */
  encrypt(plaintext: string | Buffer, label?: string): string {
    const secret = this.#encryptSecret(label);
    return cipher().sealVault(plaintext, secret.password, { label: secret.label });
  }

  /** Encrypts with one id's secret under another header id (or none): what `edit` does to keep a header. */
  encryptAs(plaintext: string | Buffer, secretLabel: string, headerLabel: string | undefined): string {
    return cipher().sealVault(plaintext, this.#encryptSecret(secretLabel).password, { label: headerLabel });
  }

  #encryptSecret(label?: string): Secret {
    if (this.#secrets.length === 0) throw new TsibleError('TSIBLE_VAULT', 'A vault password must be specified to encrypt data');
    if (label === undefined) return this.#secrets[0]!;
    const match = this.#secrets.find((s) => s.label === label);
    if (!match) {
      throw new TsibleError('TSIBLE_VAULT', `Did not find a match for --encrypt-vault-id=${label} in the known vault-ids [${this.labels.map((l) => `'${l}'`).join(', ')}]`);
    }
    return match;
  }

  #candidates(envelope: VaultEnvelope, source?: string): Secret[] {
    if (this.#secrets.length === 0) {
      const where = source ? ` (${source})` : '';
      throw new TsibleError('TSIBLE_VAULT', `Attempting to decrypt but no vault secrets found${where}`, {
        hints: ['give a password with --vault-id, --vault-password-file or --ask-vault-pass'],
      });
    }
    const label = envelope.label;
    const matching = label ? this.#secrets.filter((s) => s.label === label) : [];
    return [...matching, ...this.#secrets.filter((s) => !matching.includes(s))];
  }

  #remember(vaultText: string, plaintext: Buffer): Buffer {
    this.#plaintexts.set(vaultText, plaintext);
    return plaintext;
  }

  #failure(envelope: VaultEnvelope, failures: DecryptOutcome[], source?: string): TsibleError {
    const on = source ? ` on ${source}` : '';
    const tried = `tried vault id${this.#secrets.length > 1 ? 's' : ''} ${this.labels.map((l) => `'${l}'`).join(', ')}`;
    const padding = failures.some((f) => !f.ok && f.reason === 'padding');
    const why = padding ? 'the data is corrupt (bad padding)' : 'HMAC verification failed: a wrong password, or the encrypted data was modified';
    const foreign = envelope.label !== undefined && !this.labels.includes(envelope.label);
    const idNote = foreign ? `; the data was encrypted for vault id '${envelope.label}', which is not among the given vault ids` : '';
    const hints = foreign ? [`pass its password with --vault-id ${envelope.label}@<source>`] : [];
    return new TsibleError('TSIBLE_VAULT', `Decryption failed (no vault secrets were found that could decrypt)${on}: ${tried}; ${why}${idNote}`, { hints });
  }
}
