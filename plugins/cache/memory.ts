import { defineCache, type CacheStore } from 'tsible';

interface Entry {
  value: unknown;
  at: number;
}

export default defineCache({
  name: 'memory',
  shortDescription: 'Keeps entries in this process only (each create() is a new, empty store).',
  create(options): CacheStore {
    const entries = new Map<string, Entry>();
    const prefix = options.prefix ?? '';
    const live = (e: Entry | undefined): e is Entry => e !== undefined && (options.timeout <= 0 || Date.now() - e.at < options.timeout * 1000);
    return {
      async get(key) {
        const e = entries.get(prefix + key);
        if (live(e)) return structuredClone(e.value);
        entries.delete(prefix + key);
        return undefined;
      },
      async set(key, value) {
        entries.set(prefix + key, { value: structuredClone(value), at: Date.now() });
      },
      async delete(key) {
        entries.delete(prefix + key);
      },
      async keys() {
        return [...entries.entries()].filter(([k, e]) => k.startsWith(prefix) && live(e)).map(([k]) => k.slice(prefix.length));
      },
      async flush() {
        entries.clear();
      },
    };
  },
});
