import { readFile } from 'node:fs/promises';
import { isVaultText, type LookupContext } from 'tsible';
import { extrasOf } from './context.js';
import { lookupError } from './errors.js';

/**
 * A controller file's bytes, decrypted when the whole file is vault data. Decryption needs the
 * run's vault secrets, which reach lookups through the engine's loader (LookupExtras.loader).
 */
export async function readControllerFile(ctx: LookupContext, path: string): Promise<Buffer> {
  const loader = extrasOf(ctx).loader;
  if (loader) return loader.readFile(path);
  const bytes = await readFile(path);
  if (isVaultText(bytes)) {
    throw lookupError(`A vault password or secret must be specified to decrypt ${path}`);
  }
  return bytes;
}
