import { existsSync, statSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { isAbsolute, resolve } from 'node:path';
import { TsibleError, type SourceLocation } from '../errors.js';
import { UnsafeText, VaultValue } from '../values.js';
import { isVaultText } from '../vault/envelope.js';
import type { VaultSecrets } from '../vault/secrets.js';
import { copyLocations } from './locations.js';
import { loadYaml } from './load.js';

export interface DataLoaderOptions {
  basedir: string;
  vault?: VaultSecrets;
  onWarning?: (message: string, loc?: SourceLocation) => void;
}

interface CacheEntry {
  mtimeMs: number;
  size: number;
  data: unknown;
}

/**
 * Reads data files the way Ansible's DataLoader does: relative paths from a base directory,
 * whole-file vault decryption, JSON tried before YAML, and a parse cache keyed by path and mtime
 * (callers get a deep copy, so mutating one result never changes another).
 */
export class DataLoader {
  readonly #basedir: string;
  readonly #vault?: VaultSecrets;
  readonly #onWarning?: (message: string, loc?: SourceLocation) => void;
  readonly #cache = new Map<string, CacheEntry>();

  constructor(options: DataLoaderOptions) {
    this.#basedir = resolve(options.basedir);
    this.#vault = options.vault;
    this.#onWarning = options.onWarning;
  }

  get basedir(): string {
    return this.#basedir;
  }

  get vault(): VaultSecrets | undefined {
    return this.#vault;
  }

  resolvePath(path: string): string {
    return isAbsolute(path) ? path : resolve(this.#basedir, path);
  }

  pathExists(path: string): boolean {
    return existsSync(this.resolvePath(path));
  }

  isDirectory(path: string): boolean {
    try {
      return statSync(this.resolvePath(path)).isDirectory();
    } catch {
      return false;
    }
  }

  /** Parses text as JSON when it is JSON (as Ansible does first), else as YAML; vaulted text is decrypted. */
  loadText(text: string, file: string): unknown {
    const plain = isVaultText(text) ? this.#decrypt(text, file).toString('utf8') : text;
    const json = tryJson(plain);
    if (json.ok) return reviveJson(json.value, (ciphertext) => this.#vaultValue(ciphertext, file));
    return loadYaml(plain, { file, vault: this.#vault, onWarning: this.#onWarning });
  }

  async loadFile(path: string): Promise<unknown> {
    const file = this.resolvePath(path);
    const info = await stat(file).catch((err: NodeJS.ErrnoException) => {
      throw new TsibleError('TSIBLE_PARSE', `Unable to retrieve file contents\nCould not find or access '${path}' (${err.code ?? err.message})`, { cause: err });
    });
    const cached = this.#cache.get(file);
    if (cached && cached.mtimeMs === info.mtimeMs && cached.size === info.size) return cloneData(cached.data);
    const data = this.loadText((await this.readFile(file)).toString('utf8'), file);
    this.#cache.set(file, { mtimeMs: info.mtimeMs, size: info.size, data });
    return cloneData(data);
  }

  /** The file's bytes, decrypted when the whole file is vault data (copy/template sources). */
  async readFile(path: string): Promise<Buffer> {
    const file = this.resolvePath(path);
    const bytes = await readFile(file);
    return isVaultText(bytes) ? this.#decrypt(bytes.toString('latin1'), file) : bytes;
  }

  #decrypt(text: string, file: string): Buffer {
    if (!this.#vault || this.#vault.isEmpty()) {
      throw new TsibleError('TSIBLE_VAULT', `A vault password or secret must be specified to decrypt ${file}`, {
        hints: ['give a password with --vault-id, --vault-password-file or --ask-vault-pass'],
      });
    }
    return this.#vault.decryptBytes(text, file);
  }

  #vaultValue(ciphertext: string, file: string): VaultValue {
    return new VaultValue(ciphertext, (text) => this.#decrypt(text, file).toString('utf8'));
  }
}

function tryJson(text: string): { ok: true; value: unknown } | { ok: false } {
  const first = text.trimStart()[0];
  if (first !== '{' && first !== '[') return { ok: false };
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false };
  }
}

/** Ansible's JSON form of special values: `{"__ansible_vault": ...}` and `{"__ansible_unsafe": ...}`. */
function reviveJson(value: unknown, vaultValue: (ciphertext: string) => VaultValue): unknown {
  if (Array.isArray(value)) return value.map((v) => reviveJson(v, vaultValue));
  if (value === null || typeof value !== 'object') return value;
  const map = value as Record<string, unknown>;
  const keys = Object.keys(map);
  if (keys.length === 1 && typeof map.__ansible_vault === 'string') return vaultValue(map.__ansible_vault);
  if (keys.length === 1 && typeof map.__ansible_unsafe === 'string') return new UnsafeText(map.__ansible_unsafe);
  for (const key of keys) map[key] = reviveJson(map[key], vaultValue);
  return map;
}

/** A deep copy that keeps positions and shares the immutable special values. */
export function cloneData<T>(value: T): T {
  if (Array.isArray(value)) {
    const copy = value.map((v) => cloneData(v));
    copyLocations(value, copy);
    return copy as T;
  }
  if (value === null || typeof value !== 'object' || value instanceof UnsafeText || value instanceof VaultValue) return value;
  if (Object.getPrototypeOf(value) !== Object.prototype && Object.getPrototypeOf(value) !== null) return value;
  const copy: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) copy[k] = cloneData(v);
  copyLocations(value as object, copy);
  return copy as T;
}
