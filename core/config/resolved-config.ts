import type { PluginEntry } from './define-config.js';
import { SETTINGS, type SettingName } from './settings.js';

export type SettingSource = 'default' | 'ansible.cfg' | 'config' | 'env' | 'cli';

export interface SettingValue {
  value: unknown;
  source: SettingSource;
  /** The file or variable it came from. */
  detail?: string;
}

/** The settings of one kernel, each with its origin. Immutable once built. */
export class ResolvedConfig {
  constructor(
    private readonly values: ReadonlyMap<SettingName, SettingValue>,
    /** The tsible config file found, if any. */
    readonly configFile: string | undefined,
    /** The ansible.cfg read, if any. */
    readonly ansibleCfgFile: string | undefined,
    /** Directory of the config file, else the working directory: relative paths resolve from here. */
    readonly projectDir: string,
  ) {}

  get(name: SettingName): unknown {
    return this.values.get(name)?.value ?? null;
  }

  string(name: SettingName): string | undefined {
    const v = this.get(name);
    return v === null || v === undefined ? undefined : String(v);
  }

  number(name: SettingName): number {
    return Number(this.get(name));
  }

  boolean(name: SettingName): boolean {
    return this.get(name) === true;
  }

  list(name: SettingName): string[] {
    const v = this.get(name);
    return Array.isArray(v) ? v.map(String) : v ? [String(v)] : [];
  }

  origin(name: SettingName): SettingValue {
    return this.values.get(name) ?? { value: SETTINGS[name].default, source: 'default' };
  }

  get plugins(): PluginEntry[] {
    return (this.get('plugins') as PluginEntry[] | null) ?? [];
  }

  /** Plain name → value record, handed to plugins as `settings`. */
  toRecord(): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (const name of Object.keys(SETTINGS) as SettingName[]) out[name] = this.get(name);
    return Object.freeze(out);
  }

  entries(): Array<[SettingName, SettingValue]> {
    return (Object.keys(SETTINGS) as SettingName[]).map((n) => [n, this.origin(n)]);
  }
}
