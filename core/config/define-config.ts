import type { PluginDefinition, TsiblePlugin } from '../plugin.js';

/** A plugin entry in tsible.config.ts. */
export type PluginEntry =
  | TsiblePlugin
  | PluginDefinition
  | string
  | readonly [string, Record<string, unknown>];

/** The typed shape of tsible.config.ts (camelCase; .tsiblerc files may also use Ansible's snake_case). */
export interface TsibleConfig {
  forks?: number;
  inventory?: string | string[];
  remoteUser?: string;
  remotePort?: number;
  privateKeyFile?: string;
  hostKeyChecking?: boolean;
  timeout?: number;
  transport?: string;
  become?: boolean;
  becomeMethod?: string;
  becomeUser?: string;
  becomeAskPass?: boolean;
  becomeFlags?: string;
  askPass?: boolean;
  rolesPath?: string | string[];
  vaultPasswordFile?: string;
  vaultIdentityList?: string[];
  stdoutCallback?: string;
  callbacksEnabled?: string[];
  strategy?: string;
  gathering?: 'implicit' | 'explicit' | 'smart';
  library?: string | string[];
  pipelining?: boolean;
  displaySkippedHosts?: boolean;
  displayOkHosts?: boolean;
  showCustomStats?: boolean;
  nocolor?: boolean;
  forceColor?: boolean;
  verbosity?: number;
  deprecationWarnings?: boolean;
  localhostWarning?: boolean;
  anyErrorsFatal?: boolean;
  retryFilesEnabled?: boolean;
  factCaching?: string;
  factCachingConnection?: string;
  factCachingTimeout?: number;
  maxSessionsPerHost?: number;
  plugins?: PluginEntry[];
  autoDiscover?: boolean;
  /** Options per callback plugin: `{ default: { display_skipped_hosts: false } }`. */
  callbacks?: Record<string, Record<string, unknown>>;
}

/** Identity function that gives tsible.config.ts its types. */
export function defineConfig(config: TsibleConfig): TsibleConfig {
  return config;
}
