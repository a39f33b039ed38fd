import { existsSync } from 'node:fs';
import { userInfo } from 'node:os';
import { ConnectionError, type ConnectionContext } from 'tsible';
import { parseSshArgs, type SshArgs } from './ssh-args.js';
import { expandHome, homedir, readSshConfig, sshConfigFiles, type SshOptions } from './ssh-config.js';

export type StrictMode = 'yes' | 'accept-new' | 'off';

/** Everything needed to open one ssh2 connection (one hop). */
export interface SshTarget {
  /** The name as given (ansible_host or a jump spec), used in messages and for ssh config lookup. */
  alias: string;
  host: string;
  port: number;
  user: string;
  identityFiles: string[];
  passphrase?: string;
  password?: string;
  agentSocket?: string;
  knownHostsFiles: string[];
  strict: StrictMode;
  connectTimeoutMs: number;
  keepaliveIntervalMs: number;
  keepaliveCountMax: number;
}

/** The host plus how to get there: a chain of jump hosts or a ProxyCommand. */
export interface SshRoute {
  target: SshTarget;
  jumps: SshTarget[];
  proxyCommand?: string;
}

const DEFAULT_KEYS = ['id_ed25519', 'id_ecdsa', 'id_rsa'];

/** Resolves host, port, user, keys, jump hosts, … from ansible_* variables, settings, ssh args and ~/.ssh/config. */
export function resolveRoute(ctx: ConnectionContext): SshRoute {
  const v = ctx.vars;
  const s = ctx.settings;
  // ssh_args from ansible.cfg often carries `-F ssh.cfg` for bastion setups: honoured like the variables.
  const args = parseSshArgs(str(v.ansible_ssh_args) ?? str(s.ssh_args), str(v.ansible_ssh_common_args), str(v.ansible_ssh_extra_args));
  const alias = str(v.ansible_host) ?? str(v.ansible_ssh_host) ?? ctx.host;
  const user = str(v.ansible_user) ?? str(v.ansible_ssh_user) ?? str(s.remote_user);
  const config = readSshConfig(alias, sshConfigFiles(args.configFile), user, ctx.runCache);
  const get = (key: string): string | undefined => args.options.get(key)?.[0] ?? config.get(key)?.[0];
  const explicitKeys = [
    str(v.ansible_ssh_private_key_file) ?? str(v.ansible_private_key_file) ?? str(s.private_key_file),
    ...(args.options.get('identityfile') ?? []),
  ].filter((k): k is string => Boolean(k));
  const target = buildTarget(alias, { args, config, get }, {
    user, port: num(v.ansible_port) ?? num(v.ansible_ssh_port) ?? num(s.remote_port),
    timeout: num(v.ansible_ssh_timeout) ?? num(s.timeout),
    keys: explicitKeys,
    password: str(v.ansible_password) ?? str(v.ansible_ssh_pass) ?? str(v.ansible_ssh_password) ?? ctx.passwords.connPass,
    passphrase: str(v.ansible_ssh_private_key_passphrase) ?? str(v.ansible_private_key_passphrase),
    hostKeyChecking: bool(v.ansible_host_key_checking) ?? bool(v.ansible_ssh_host_key_checking) ?? bool(s.host_key_checking),
  });
  const proxyJump = get('proxyjump');
  const proxyCommand = get('proxycommand');
  const jumpFirst = args.options.has('proxyjump') || !args.options.has('proxycommand');
  if (proxyJump && proxyJump !== 'none' && (jumpFirst || !proxyCommand)) {
    return { target, jumps: parseJumps(proxyJump, args, target) };
  }
  if (proxyCommand && proxyCommand !== 'none') return { target, jumps: [], proxyCommand: expandProxyCommand(proxyCommand, target) };
  return { target, jumps: [] };
}

interface Lookup { args: SshArgs; config: SshOptions; get(key: string): string | undefined }
interface Overrides {
  user?: string; port?: number; timeout?: number; keys: string[]; password?: string; passphrase?: string; hostKeyChecking?: boolean;
}

function buildTarget(alias: string, lookup: Lookup, o: Overrides): SshTarget {
  const { get, config } = lookup;
  const host = (get('hostname') ?? alias).replace(/%h/g, alias).replace(/%%/g, '%');
  const user = o.user ?? get('user') ?? userInfo().username;
  const identityFiles = [...o.keys, ...(config.get('identityfile') ?? [])].map((f) => expandTokens(f, host, user));
  const defaults = identityFiles.length ? [] : DEFAULT_KEYS.map((k) => `${homedir()}/.ssh/${k}`).filter((f) => existsSync(f));
  const identitiesOnly = /^yes$/i.test(get('identitiesonly') ?? '');
  const agentOption = get('identityagent');
  const agentSocket = identitiesOnly || agentOption === 'none' ? undefined
    : agentOption && agentOption !== 'SSH_AUTH_SOCK' ? expandHome(agentOption) : process.env.SSH_AUTH_SOCK || undefined;
  return {
    alias, host, user, password: o.password, passphrase: o.passphrase, agentSocket,
    port: o.port ?? num(get('port')) ?? 22,
    identityFiles: [...new Set([...identityFiles, ...defaults])],
    knownHostsFiles: knownHostsFiles(get('userknownhostsfile'), get('globalknownhostsfile'), host, user),
    strict: strictMode(o.hostKeyChecking, get('stricthostkeychecking')),
    connectTimeoutMs: (o.timeout ?? num(get('connecttimeout')) ?? 10) * 1000,
    keepaliveIntervalMs: (num(get('serveraliveinterval')) ?? 30) * 1000,
    keepaliveCountMax: num(get('serveralivecountmax')) ?? 3,
  };
}

/** `user@host:port,host2` (or ssh:// URIs) into targets; each hop also reads its own ssh config. */
function parseJumps(spec: string, args: SshArgs, final: SshTarget): SshTarget[] {
  return spec.split(',').map((raw) => {
    const m = /^(?:ssh:\/\/)?(?:([^@]+)@)?(\[[^\]]+\]|[^:]+)(?::(\d+))?$/.exec(raw.trim());
    if (!m) throw new ConnectionError(`bad ProxyJump entry '${raw}': expected [user@]host[:port]`);
    const alias = m[2]!.replace(/^\[|\]$/g, '');
    const config = readSshConfig(alias, sshConfigFiles(args.configFile), m[1]);
    const get = (key: string): string | undefined => config.get(key)?.[0];
    const hop = buildTarget(alias, { args, config, get }, {
      user: m[1], port: num(m[3]), keys: [], timeout: final.connectTimeoutMs / 1000,
      hostKeyChecking: final.strict !== 'off',
    });
    // Jump hosts also try the target's keys and known_hosts: one identity usually opens the whole path.
    return {
      ...hop,
      identityFiles: [...new Set([...hop.identityFiles, ...final.identityFiles])],
      passphrase: final.passphrase,
      knownHostsFiles: [...new Set([...final.knownHostsFiles, ...hop.knownHostsFiles])],
      strict: final.strict === 'off' ? 'off' : hop.strict,
    };
  });
}

function knownHostsFiles(user: string | undefined, global: string | undefined, host: string, remoteUser: string): string[] {
  const userFiles = user?.split(/\s+/) ?? ['~/.ssh/known_hosts', '~/.ssh/known_hosts2'];
  const globalFiles = global?.split(/\s+/) ?? ['/etc/ssh/ssh_known_hosts', '/etc/ssh/ssh_known_hosts2'];
  return [...userFiles, ...globalFiles].filter((f) => f && f !== 'none').map((f) => expandTokens(f, host, remoteUser));
}

function strictMode(hostKeyChecking: boolean | undefined, option: string | undefined): StrictMode {
  if (hostKeyChecking === false) return 'off';
  const value = option?.toLowerCase();
  if (value === 'no' || value === 'off') return 'off';
  if (value === 'accept-new') return 'accept-new';
  return 'yes';
}

function expandTokens(path: string, host: string, user: string): string {
  return expandHome(path).replace(/%d/g, homedir()).replace(/%u/g, userInfo().username)
    .replace(/%h/g, host).replace(/%r/g, user).replace(/%%/g, '%');
}

function expandProxyCommand(command: string, t: SshTarget): string {
  const cmd = command.replace(/^exec\s+/, '');
  return cmd.replace(/%(.)/g, (_, c: string) => ({ h: t.host, p: String(t.port), r: t.user, n: t.alias, '%': '%' })[c] ?? `%${c}`);
}

function str(value: unknown): string | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  return String(value);
}

function num(value: unknown): number | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  const n = Number(value);
  if (!Number.isFinite(n)) throw new ConnectionError(`expected a number, got '${String(value)}'`);
  return n;
}

function bool(value: unknown): boolean | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value === 'boolean') return value;
  return !/^(false|no|off|0|n)$/i.test(String(value).trim());
}
