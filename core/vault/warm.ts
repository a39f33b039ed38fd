import { VaultValue } from '../values.js';
import type { VaultSecrets } from './secrets.js';

/**
 * Decrypts every `!vault` value inside `data` on libuv's thread pool, in parallel, so that their
 * later (synchronous) first use is a cache hit instead of ~10 ms of PBKDF2 on the event loop.
 * Values that cannot be decrypted are left alone: they fail, with their position, when used.
 */
export async function warmVaultValues(data: unknown, secrets: VaultSecrets): Promise<number> {
  const ciphertexts = new Set<string>();
  collect(data, ciphertexts, new Set());
  const results = await Promise.allSettled([...ciphertexts].map((text) => secrets.decryptBytesAsync(text)));
  return results.filter((r) => r.status === 'fulfilled').length;
}

function collect(value: unknown, into: Set<string>, seen: Set<object>): void {
  if (value instanceof VaultValue) {
    into.add(value.ciphertext);
    return;
  }
  if (value === null || typeof value !== 'object' || seen.has(value)) return;
  seen.add(value);
  for (const child of Array.isArray(value) ? value : Object.values(value)) collect(child, into, seen);
}
