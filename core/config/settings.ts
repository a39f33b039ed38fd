/**
 * Every setting tsible knows, with its default and where it may come from. This table is the
 * single source for config validation, `tsible config dump` and docs/configuration.md.
 *
 * Precedence (as Ansible's): command line > environment (TSIBLE_* over ANSIBLE_*) >
 * tsible config file > ansible.cfg > default.
 */
export type SettingType = 'string' | 'integer' | 'number' | 'boolean' | 'list' | 'path' | 'pathlist' | 'object';

export interface SettingDef {
  type: SettingType;
  default: unknown;
  description: string;
  /** [section, key] in ansible.cfg, when Ansible has the same setting. */
  ini?: readonly [string, string];
  /** ANSIBLE_* variable names Ansible reads for it. */
  ansibleEnv?: readonly string[];
  /** Accepted for compatibility and ignored (documented as such). */
  ignored?: boolean;
}

export const SETTINGS = {
  forks: { type: 'integer', default: 5, description: 'Maximum number of hosts worked on at once.',
    ini: ['defaults', 'forks'], ansibleEnv: ['ANSIBLE_FORKS'] },
  inventory: { type: 'pathlist', default: ['/etc/ansible/hosts'], description: 'Inventory sources used when -i is not given.',
    ini: ['defaults', 'inventory'], ansibleEnv: ['ANSIBLE_INVENTORY'] },
  remote_user: { type: 'string', default: null, description: 'User to log in as (default: the current user).',
    ini: ['defaults', 'remote_user'], ansibleEnv: ['ANSIBLE_REMOTE_USER'] },
  remote_port: { type: 'integer', default: null, description: 'SSH port when the host sets none.',
    ini: ['defaults', 'remote_port'], ansibleEnv: ['ANSIBLE_REMOTE_PORT'] },
  private_key_file: { type: 'path', default: null, description: 'SSH private key to authenticate with.',
    ini: ['defaults', 'private_key_file'], ansibleEnv: ['ANSIBLE_PRIVATE_KEY_FILE'] },
  host_key_checking: { type: 'boolean', default: true, description: 'Check host keys against known_hosts.',
    ini: ['defaults', 'host_key_checking'], ansibleEnv: ['ANSIBLE_HOST_KEY_CHECKING'] },
  timeout: { type: 'integer', default: 10, description: 'Connection timeout in seconds.',
    ini: ['defaults', 'timeout'], ansibleEnv: ['ANSIBLE_TIMEOUT'] },
  transport: { type: 'string', default: 'ssh', description: 'Connection plugin for hosts that set none.',
    ini: ['defaults', 'transport'], ansibleEnv: ['ANSIBLE_TRANSPORT'] },
  become: { type: 'boolean', default: false, description: 'Run tasks with privilege escalation.',
    ini: ['privilege_escalation', 'become'], ansibleEnv: ['ANSIBLE_BECOME'] },
  become_method: { type: 'string', default: 'sudo', description: 'Become plugin to use.',
    ini: ['privilege_escalation', 'become_method'], ansibleEnv: ['ANSIBLE_BECOME_METHOD'] },
  become_user: { type: 'string', default: 'root', description: 'User to become.',
    ini: ['privilege_escalation', 'become_user'], ansibleEnv: ['ANSIBLE_BECOME_USER'] },
  become_ask_pass: { type: 'boolean', default: false, description: 'Ask for the become password.',
    ini: ['privilege_escalation', 'become_ask_pass'], ansibleEnv: ['ANSIBLE_BECOME_ASK_PASS'] },
  become_flags: { type: 'string', default: '', description: 'Extra flags for the become tool.',
    ini: ['privilege_escalation', 'become_flags'], ansibleEnv: ['ANSIBLE_BECOME_FLAGS'] },
  ask_pass: { type: 'boolean', default: false, description: 'Ask for the connection password.',
    ini: ['defaults', 'ask_pass'], ansibleEnv: ['ANSIBLE_ASK_PASS'] },
  roles_path: { type: 'pathlist', default: ['~/.ansible/roles', '/usr/share/ansible/roles', '/etc/ansible/roles'],
    description: 'Directories searched for roles.', ini: ['defaults', 'roles_path'], ansibleEnv: ['ANSIBLE_ROLES_PATH'] },
  vault_password_file: { type: 'path', default: null, description: 'File (or executable) giving the vault password.',
    ini: ['defaults', 'vault_password_file'], ansibleEnv: ['ANSIBLE_VAULT_PASSWORD_FILE'] },
  vault_identity_list: { type: 'list', default: [], description: 'Vault ids (label@source) tried in order.',
    ini: ['defaults', 'vault_identity_list'], ansibleEnv: ['ANSIBLE_VAULT_IDENTITY_LIST'] },
  stdout_callback: { type: 'string', default: 'default', description: 'The callback that prints to stdout.',
    ini: ['defaults', 'stdout_callback'], ansibleEnv: ['ANSIBLE_STDOUT_CALLBACK'] },
  callbacks_enabled: { type: 'list', default: [], description: 'Extra callbacks to enable.',
    ini: ['defaults', 'callbacks_enabled'], ansibleEnv: ['ANSIBLE_CALLBACKS_ENABLED', 'ANSIBLE_CALLBACK_WHITELIST'] },
  strategy: { type: 'string', default: 'linear', description: 'Strategy plugin for plays that set none.',
    ini: ['defaults', 'strategy'], ansibleEnv: ['ANSIBLE_STRATEGY'] },
  gathering: { type: 'string', default: 'implicit', description: 'implicit, explicit or smart fact gathering.',
    ini: ['defaults', 'gathering'], ansibleEnv: ['ANSIBLE_GATHERING'] },
  library: { type: 'pathlist', default: [], description: 'Extra directories of modules.',
    ini: ['defaults', 'library'], ansibleEnv: ['ANSIBLE_LIBRARY'] },
  pipelining: { type: 'boolean', default: false, ignored: true,
    description: 'Accepted for compatibility; tsible never copies module files, so there is nothing to pipeline.',
    ini: ['ssh_connection', 'pipelining'], ansibleEnv: ['ANSIBLE_PIPELINING'] },
  ssh_args: { type: 'string', default: '',
    description: 'OpenSSH-style options for hosts that set no ansible_ssh_args: -o Key=Value, -F, -i, -p, -l, -J are honoured.',
    ini: ['ssh_connection', 'ssh_args'], ansibleEnv: ['ANSIBLE_SSH_ARGS'] },
  display_skipped_hosts: { type: 'boolean', default: true, description: 'Show skipped host lines.',
    ini: ['defaults', 'display_skipped_hosts'], ansibleEnv: ['ANSIBLE_DISPLAY_SKIPPED_HOSTS'] },
  display_ok_hosts: { type: 'boolean', default: true, description: 'Show ok host lines.',
    ini: ['defaults', 'display_ok_hosts'], ansibleEnv: ['ANSIBLE_DISPLAY_OK_HOSTS'] },
  show_custom_stats: { type: 'boolean', default: false, description: 'Print set_stats data in the recap.',
    ini: ['defaults', 'show_custom_stats'], ansibleEnv: ['ANSIBLE_SHOW_CUSTOM_STATS'] },
  nocolor: { type: 'boolean', default: false, description: 'Never use colours (NO_COLOR is honoured too).',
    ini: ['defaults', 'nocolor'], ansibleEnv: ['ANSIBLE_NOCOLOR'] },
  force_color: { type: 'boolean', default: false, description: 'Use colours even when stdout is not a terminal.',
    ini: ['defaults', 'force_color'], ansibleEnv: ['ANSIBLE_FORCE_COLOR'] },
  verbosity: { type: 'integer', default: 0, description: 'Default -v level.',
    ini: ['defaults', 'verbosity'], ansibleEnv: ['ANSIBLE_VERBOSITY'] },
  deprecation_warnings: { type: 'boolean', default: true, description: 'Show deprecation warnings.',
    ini: ['defaults', 'deprecation_warnings'], ansibleEnv: ['ANSIBLE_DEPRECATION_WARNINGS'] },
  localhost_warning: { type: 'boolean', default: true, description: 'Warn when the inventory is empty and only localhost is available.',
    ini: ['defaults', 'localhost_warning'], ansibleEnv: ['ANSIBLE_LOCALHOST_WARNING'] },
  any_errors_fatal: { type: 'boolean', default: false, description: 'Default for the any_errors_fatal keyword.',
    ini: ['defaults', 'any_errors_fatal'], ansibleEnv: ['ANSIBLE_ANY_ERRORS_FATAL'] },
  retry_files_enabled: { type: 'boolean', default: false, description: 'Write a .retry file of failed hosts.',
    ini: ['defaults', 'retry_files_enabled'], ansibleEnv: ['ANSIBLE_RETRY_FILES_ENABLED'] },
  fact_caching: { type: 'string', default: 'memory', description: 'Cache plugin for facts.',
    ini: ['defaults', 'fact_caching'], ansibleEnv: ['ANSIBLE_CACHE_PLUGIN'] },
  fact_caching_connection: { type: 'path', default: null, description: 'Where the fact cache keeps its data.',
    ini: ['defaults', 'fact_caching_connection'], ansibleEnv: ['ANSIBLE_CACHE_PLUGIN_CONNECTION'] },
  fact_caching_timeout: { type: 'integer', default: 86400, description: 'Seconds before cached facts expire.',
    ini: ['defaults', 'fact_caching_timeout'], ansibleEnv: ['ANSIBLE_CACHE_PLUGIN_TIMEOUT'] },
  inventory_enabled: { type: 'list', default: ['host_list', 'advanced_host_list', 'script', 'auto', 'yaml', 'ini', 'toml'],
    description: 'Inventory plugins tried on each source, in order.', ini: ['inventory', 'enable_plugins'], ansibleEnv: ['ANSIBLE_INVENTORY_ENABLED'] },
  host_pattern_mismatch: { type: 'string', default: 'warning', description: 'What a pattern matching no host does: warning, error or ignore.',
    ini: ['inventory', 'host_pattern_mismatch'], ansibleEnv: ['ANSIBLE_HOST_PATTERN_MISMATCH'] },
  inventory_script_timeout: { type: 'integer', default: 60, description: 'Seconds an inventory script may take.' },
  inventory_any_unparsed_is_failed: { type: 'boolean', default: false, description: 'Fail when any inventory source cannot be parsed.',
    ini: ['inventory', 'any_unparsed_is_failed'], ansibleEnv: ['ANSIBLE_INVENTORY_ANY_UNPARSED_IS_FAILED'] },
  inventory_unparsed_warning: { type: 'boolean', default: true, description: 'Warn when no inventory source could be parsed.',
    ini: ['inventory', 'inventory_unparsed_warning'], ansibleEnv: ['ANSIBLE_INVENTORY_UNPARSED_WARNING'] },
  ssh_max_startups: { type: 'integer', default: 10,
    description: 'SSH handshakes run at once against one server (OpenSSH drops connections beyond its MaxStartups, 10 by default).' },
  max_sessions_per_host: { type: 'integer', default: 5,
    description: 'Channels opened at once on one connection; more are queued (OpenSSH allows 10 sessions).' },
  persistent_shells: { type: 'integer', default: 2,
    description: 'Long-running `sh` processes per host that run commands without opening a channel each (0 turns them off). '
      + 'They come on top of max_sessions_per_host, so keep the sum plus one (SFTP) within the server\'s MaxSessions.' },
  plugins: { type: 'object', default: [], description: 'Plugins to load: objects, package names, paths or [name, options].' },
  auto_discover: { type: 'boolean', default: true,
    description: 'Load tsible-plugin-* packages listed in the project\'s package.json dependencies.' },
  callbacks: { type: 'object', default: {}, description: 'Options per callback plugin, keyed by callback name.' },
} as const satisfies Record<string, SettingDef>;

export type SettingName = keyof typeof SETTINGS;

/** camelCase spellings accepted in tsible.config.ts (`autoDiscover`, `stdoutCallback`, …). */
export function settingNameFrom(key: string): SettingName | undefined {
  const snake = key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
  return (snake in SETTINGS ? snake : key in SETTINGS ? key : undefined) as SettingName | undefined;
}

export function tsibleEnvName(name: SettingName): string {
  return `TSIBLE_${name.toUpperCase()}`;
}
