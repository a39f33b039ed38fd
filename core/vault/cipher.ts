import { createCipheriv, createDecipheriv, createHmac, pbkdf2, pbkdf2Sync, randomBytes, timingSafeEqual } from 'node:crypto';
import { promisify } from 'node:util';
import { formatVaultEnvelope, type VaultEnvelope } from './envelope.js';

/**
 * VaultAES256: PBKDF2-HMAC-SHA256 (10000 rounds, 80 bytes) gives the AES key, the HMAC key and the
 * CTR counter block; the plaintext is PKCS#7 padded even though CTR does not need it.
 */
const ITERATIONS = 10000;
const KEY_BYTES = 80;
const pbkdf2Async = promisify(pbkdf2);

interface DerivedKeys {
  cipherKey: Buffer;
  hmacKey: Buffer;
  iv: Buffer;
}

function splitKeys(dk: Buffer): DerivedKeys {
  return { cipherKey: dk.subarray(0, 32), hmacKey: dk.subarray(32, 64), iv: dk.subarray(64, 80) };
}

function deriveKeys(password: Buffer, salt: Buffer): DerivedKeys {
  return splitKeys(pbkdf2Sync(password, salt, ITERATIONS, KEY_BYTES, 'sha256'));
}

async function deriveKeysAsync(password: Buffer, salt: Buffer): Promise<DerivedKeys> {
  return splitKeys(await pbkdf2Async(password, salt, ITERATIONS, KEY_BYTES, 'sha256'));
}

/** Why one password did not open the data; the caller turns it into a message without secrets. */
export type DecryptFailure = 'hmac' | 'padding';

export type DecryptOutcome = { ok: true; plaintext: Buffer } | { ok: false; reason: DecryptFailure };

function openWithKeys(envelope: VaultEnvelope, keys: DerivedKeys): DecryptOutcome {
  const expected = createHmac('sha256', keys.hmacKey).update(envelope.ciphertext).digest();
  if (expected.length !== envelope.hmac.length || !timingSafeEqual(expected, envelope.hmac)) return { ok: false, reason: 'hmac' };
  const decipher = createDecipheriv('aes-256-ctr', keys.cipherKey, keys.iv);
  const padded = Buffer.concat([decipher.update(envelope.ciphertext), decipher.final()]);
  const pad = padded.length ? padded[padded.length - 1]! : 0;
  if (pad < 1 || pad > 16 || pad > padded.length) return { ok: false, reason: 'padding' };
  return { ok: true, plaintext: padded.subarray(0, padded.length - pad) };
}

export function openEnvelope(envelope: VaultEnvelope, password: Buffer): DecryptOutcome {
  return openWithKeys(envelope, deriveKeys(password, envelope.salt));
}

/** Same as openEnvelope, with PBKDF2 on libuv's thread pool so many values don't block the loop. */
export async function openEnvelopeAsync(envelope: VaultEnvelope, password: Buffer): Promise<DecryptOutcome> {
  return openWithKeys(envelope, await deriveKeysAsync(password, envelope.salt));
}

export interface SealOptions {
  label?: string;
  /** Only for reproducible test vectors; a fresh random 32-byte salt otherwise. */
  salt?: Buffer;
}

/** Encrypts bytes into ansible-vault text (format 1.1, or 1.2 when a non-default label is given). */
export function sealVault(plaintext: Buffer | string, password: Buffer, options: SealOptions = {}): string {
  const salt = options.salt ?? randomBytes(32);
  const keys = deriveKeys(password, salt);
  const data = typeof plaintext === 'string' ? Buffer.from(plaintext, 'utf8') : plaintext;
  const pad = 16 - (data.length % 16);
  const cipher = createCipheriv('aes-256-ctr', keys.cipherKey, keys.iv);
  const ciphertext = Buffer.concat([cipher.update(Buffer.concat([data, Buffer.alloc(pad, pad)])), cipher.final()]);
  const hmac = createHmac('sha256', keys.hmacKey).update(ciphertext).digest();
  return formatVaultEnvelope({ label: options.label, salt, hmac, ciphertext });
}
