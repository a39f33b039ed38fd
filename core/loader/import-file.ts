import { createRequire } from 'node:module';

type Importer = (file: string) => Promise<unknown>;

/**
 * Loads a user's .ts/.mts/.js/.mjs/.cjs file. Plain CommonJS goes through require; everything
 * else through jiti, which strips types and bridges ESM on Node 20 (no type stripping there).
 * jiti is loaded only when a file needs it, so runs without user TypeScript never pay for it.
 */
export function createFileImporter(): Importer {
  let jiti: ((id: string) => unknown) | undefined;
  const req = createRequire(__filename);
  return async (file: string) => {
    if (!jiti) {
      const { createJiti } = req('jiti') as typeof import('jiti');
      // A user's plugin that imports 'tsible' gets this very instance, wherever the plugin lives.
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const publicApi = require('../index.js') as unknown;
      jiti = createJiti(__filename, { moduleCache: false, interopDefault: true, virtualModules: { tsible: publicApi } });
    }
    // The synchronous form: under a test runner's VM, jiti's async form cannot import Node built-ins.
    return jiti(file);
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
