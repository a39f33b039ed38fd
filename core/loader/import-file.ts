import { createRequire } from 'node:module';
import { extname } from 'node:path';

type Importer = (file: string) => Promise<unknown>;

/**
 * Loads a user's .ts/.mts/.js/.mjs/.cjs file. Plain CommonJS goes through require; everything
 * else through jiti, which strips types and bridges ESM on Node 20 (no type stripping there).
 * jiti is loaded only when a file needs it, so runs without user TypeScript never pay for it.
 */
export function createFileImporter(): Importer {
  let jiti: { import(id: string, opts?: { default?: boolean }): Promise<unknown> } | undefined;
  const req = createRequire(__filename);
  return async (file: string) => {
    if (extname(file) === '.cjs') return req(file);
    if (!jiti) {
      const { createJiti } = req('jiti') as typeof import('jiti');
      jiti = createJiti(__filename, { moduleCache: false, interopDefault: true });
    }
    return jiti.import(file);
  };
}

/** The useful export of a loaded module: its default export, else the namespace itself. */
export function pickExport(mod: unknown): unknown {
  if (mod && typeof mod === 'object' && 'default' in mod) {
    const d = (mod as { default: unknown }).default;
    if (d !== undefined) return d && typeof d === 'object' && 'default' in d && Object.keys(d).length === 1
      ? (d as { default: unknown }).default : d;
  }
  return mod;
}
