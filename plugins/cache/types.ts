import type { OptionsSchema, PluginMeta } from 'tsible';

export interface CacheStore {
  get(key: string): Promise<unknown | undefined>;
  set(key: string, value: unknown): Promise<void>;
  delete(key: string): Promise<void>;
  keys(): Promise<string[]>;
  flush(): Promise<void>;
}

export interface CacheOptions {
  /** Where the cache keeps its data (a directory for jsonfile). */
  connection?: string;
  /** Seconds before an entry expires; 0 keeps entries forever. */
  timeout: number;
  prefix?: string;
}

export interface CacheDefinition extends PluginMeta {
  kind: 'cache';
  name: string;
  options?: OptionsSchema;
  create(options: CacheOptions): CacheStore;
}
