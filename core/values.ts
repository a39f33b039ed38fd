/**
 * Special scalar values produced by the YAML loader and understood by the templating engine.
 */

/** A string that must never be templated (YAML `!unsafe`). */
export class UnsafeText {
  constructor(readonly text: string) {}
  toString(): string {
    return this.text;
  }
  toJSON(): string {
    return this.text;
  }
}

export function isUnsafe(value: unknown): value is UnsafeText {
  return value instanceof UnsafeText;
}

/**
 * A vaulted scalar (YAML `!vault`). Decrypted lazily, the first time its value is used, and the
 * plaintext is cached. The ciphertext is what is shown in logs; the plaintext never is.
 */
export class VaultValue {
  private plaintext?: string;
  constructor(readonly ciphertext: string, private readonly decrypt: (ciphertext: string) => string) {}

  reveal(): string {
    this.plaintext ??= this.decrypt(this.ciphertext);
    return this.plaintext;
  }

  toString(): string {
    return this.reveal();
  }

  toJSON(): string {
    return this.reveal();
  }
}

export function isVaultValue(value: unknown): value is VaultValue {
  return value instanceof VaultValue;
}
