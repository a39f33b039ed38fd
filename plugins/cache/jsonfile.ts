import { mkdir, readFile, readdir, rename, stat, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { defineCache, TsibleError, type CacheStore } from 'tsible';

/** Keys become file names; anything that is not safe in a file name is percent-encoded. */
function fileName(prefix: string, key: string): string {
  return encodeURIComponent(prefix + key).replace(/\*/g, '%2A');
}

export default defineCache({
  name: 'jsonfile',
  shortDescription: 'One JSON file per key in the `connection` directory; entries expire `timeout` seconds after they were written.',
  create(options): CacheStore {
    if (!options.connection) {
      throw new TsibleError('TSIBLE_CONFIG', "the jsonfile cache plugin needs a directory: set 'cache_connection' (or fact_caching_connection)");
    }
    const dir = options.connection;
    const prefix = options.prefix ?? '';
    const path = (key: string): string => join(dir, fileName(prefix, key));
    const expired = (mtimeMs: number): boolean => options.timeout > 0 && Date.now() - mtimeMs >= options.timeout * 1000;
    return {
      async get(key) {
        try {
          const info = await stat(path(key));
          if (expired(info.mtimeMs)) return undefined;
          return JSON.parse(await readFile(path(key), 'utf8'));
        } catch (err) {
          if ((err as NodeJS.ErrnoException).code === 'ENOENT' || err instanceof SyntaxError) return undefined;
          throw err;
        }
      },
      async set(key, value) {
        await mkdir(dir, { recursive: true });
        const tmp = `${path(key)}.${process.pid}.tmp`;
        await writeFile(tmp, JSON.stringify(value));
        await rename(tmp, path(key)); // readers never see half a file
      },
      async delete(key) {
        await unlink(path(key)).catch((err: NodeJS.ErrnoException) => {
          if (err.code !== 'ENOENT') throw err;
        });
      },
      async keys() {
        let names: string[];
        try {
          names = await readdir(dir);
        } catch {
          return [];
        }
        const out: string[] = [];
        for (const n of names) {
          const key = decodeURIComponent(n);
          if (!key.startsWith(prefix) || n.endsWith('.tmp')) continue;
          if (!expired((await stat(join(dir, n))).mtimeMs)) out.push(key.slice(prefix.length));
        }
        return out;
      },
      async flush() {
        for (const key of await this.keys()) await this.delete(key);
      },
    };
  },
});
