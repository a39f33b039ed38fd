import { readFileSync, readdirSync } from 'node:fs';
import { homedir as osHomedir } from 'node:os';
import { basename, dirname, isAbsolute, join } from 'node:path';

/** Keyword (lower case) → values, in the order OpenSSH would obtain them. */
export type SshOptions = Map<string, string[]>;

/** Keywords whose every occurrence counts; for all others the first obtained value wins. */
const MULTI_VALUED = new Set(['identityfile', 'certificatefile', 'localforward', 'remoteforward', 'dynamicforward', 'sendenv', 'setenv']);

interface Line { keyword: string; args: string[]; raw: string }

/**
 * Reads OpenSSH client configuration for `host` (the name as given, before HostName applies):
 * `Host` blocks with `*`, `?` and `!` patterns, `Match all|host|originalhost|user`, `Include`,
 * first-obtained-value-wins. `files` are read in order (user file first, then the system one).
 */
export function readSshConfig(host: string, files: string[], remoteUser?: string, cache?: Map<string, unknown>): SshOptions {
  const options: SshOptions = new Map();
  for (const file of files) applyLines(cachedConfigLines(file, cache), host, options, remoteUser);
  return options;
}

/** Config files are parsed once per run (the run cache), not once per host. */
function cachedConfigLines(file: string, cache?: Map<string, unknown>): Line[] {
  const key = `ssh_config\0${file}`;
  const hit = cache?.get(key) as Line[] | undefined;
  if (hit) return hit;
  const lines = readConfigLines(file, 0);
  cache?.set(key, lines);
  return lines;
}

/** The config files OpenSSH reads: `-F file` alone, `-F none` nothing, else ~/.ssh/config then /etc/ssh/ssh_config. */
export function sshConfigFiles(configFile?: string): string[] {
  if (configFile === 'none') return [];
  if (configFile) return [expandHome(configFile)];
  return [join(homedir(), '.ssh', 'config'), '/etc/ssh/ssh_config'];
}

function applyLines(lines: Line[], host: string, options: SshOptions, remoteUser?: string): void {
  let active = true;
  for (const { keyword, args, raw } of lines) {
    if (keyword === 'host') {
      active = matchesPatternList(host, args);
      continue;
    }
    if (keyword === 'match') {
      const current = options.get('hostname')?.[0]?.replace(/%h/g, host) ?? host;
      active = matchBlock(args, { host: current, originalhost: host, user: remoteUser ?? options.get('user')?.[0] });
      continue;
    }
    if (!active) continue;
    const existing = options.get(keyword);
    // ProxyCommand is a shell command line: kept verbatim, quotes included.
    const value = keyword === 'proxycommand' ? raw : args.join(' ');
    if (MULTI_VALUED.has(keyword)) options.set(keyword, [...(existing ?? []), value]);
    else if (!existing) options.set(keyword, [value]);
  }
}

function matchBlock(args: string[], subject: { host: string; originalhost: string; user?: string }): boolean {
  if (args.length === 1 && args[0]!.toLowerCase() === 'all') return true;
  for (let i = 0; i < args.length; i += 2) {
    const criterion = args[i]!.toLowerCase();
    const value = args[i + 1] ?? '';
    const patterns = value.split(',');
    if (criterion === 'host' && !matchesPatternList(subject.host, patterns)) return false;
    else if (criterion === 'originalhost' && !matchesPatternList(subject.originalhost, patterns)) return false;
    else if (criterion === 'user' && !(subject.user && matchesPatternList(subject.user, patterns))) return false;
    else if (!['host', 'originalhost', 'user'].includes(criterion)) return false; // exec, canonical, …: not supported
  }
  return true;
}

/** OpenSSH pattern-list semantics: one positive match and no negated match. */
export function matchesPatternList(value: string, patterns: string[]): boolean {
  let matched = false;
  for (const raw of patterns.flatMap((p) => p.split(','))) {
    if (!raw) continue;
    const negated = raw.startsWith('!');
    const pattern = negated ? raw.slice(1) : raw;
    if (!globMatch(value.toLowerCase(), pattern.toLowerCase())) continue;
    if (negated) return false;
    matched = true;
  }
  return matched;
}

export function globMatch(value: string, pattern: string): boolean {
  // Most known_hosts and Host patterns are literal names: no regular expression needed.
  if (!/[*?]/.test(pattern)) return value === pattern;
  const source = pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
  return new RegExp(`^${source}$`).test(value);
}

function readConfigLines(file: string, depth: number): Line[] {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return [];
  }
  const lines: Line[] = [];
  for (const rawLine of text.split(/\r?\n/)) {
    const m = /^\s*([A-Za-z]+)\s*(?:=\s*|\s+)(.*?)\s*$/.exec(rawLine);
    if (!m || rawLine.trim().startsWith('#')) continue;
    const keyword = m[1]!.toLowerCase();
    const args = splitArgs(m[2]!);
    if (keyword === 'include' && depth < 8) {
      for (const pattern of args) lines.push(...includeFiles(pattern).flatMap((f) => readConfigLines(f, depth + 1)));
    } else {
      lines.push({ keyword, args, raw: m[2]! });
    }
  }
  return lines;
}

function includeFiles(pattern: string): string[] {
  const expanded = expandHome(pattern);
  const path = isAbsolute(expanded) ? expanded : join(homedir(), '.ssh', expanded);
  if (!/[*?]/.test(basename(path))) return [path];
  try {
    return readdirSync(dirname(path)).filter((f) => globMatch(f, basename(path))).sort().map((f) => join(dirname(path), f));
  } catch {
    return [];
  }
}

function splitArgs(text: string): string[] {
  const out: string[] = [];
  const re = /"([^"]*)"|(\S+)/g;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    if (m[0].startsWith('#')) break;
    out.push(m[1] ?? m[2]!);
  }
  return out;
}

/** The user's home: $HOME as the process sees it (os.homedir() reads the real environment only). */
export function homedir(): string {
  return process.env.HOME || osHomedir();
}

export function expandHome(path: string): string {
  return path === '~' ? homedir() : path.startsWith('~/') ? join(homedir(), path.slice(2)) : path;
}
