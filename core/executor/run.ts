import { randomUUID } from 'node:crypto';
import { createRunHooks, type RunHooks } from '../hooks.js';
import type { HostStats, RunStatsEvent } from '../events.js';
import type { Vars } from '../vars.js';

/** Per-run choices (command-line flags or API options). */
export interface RunOptions {
  check?: boolean;
  diff?: boolean;
  forks?: number;
  verbosity?: number;
  extraVars?: Vars;
  tags?: string[];
  skipTags?: string[];
  limit?: string;
  startAtTask?: string;
  forceHandlers?: boolean;
  flushCache?: boolean;
  /** Overrides for connection and become settings (-c, -u, -b, --become-user, …). */
  connection?: string;
  remoteUser?: string;
  privateKeyFile?: string;
  timeout?: number;
  become?: boolean;
  becomeMethod?: string;
  becomeUser?: string;
  passwords?: { connPass?: string; becomePass?: string; vaultPass?: string };
  /** Cancels the run: running commands are stopped, connections closed, nothing half-written. */
  signal?: AbortSignal;
  /**
   * The process exits as soon as the run returns (the command-line tools set this): connections
   * are not closed one by one at the end (an SSH goodbye costs each host a wake-up on both sides);
   * their sockets close with the process. Leave it unset in a process that goes on running.
   */
  processExitsAfterRun?: boolean;
  /** --step: asked before each task; 'n' skips it, 'c' runs the rest without asking. */
  step?: (taskName: string) => Promise<'y' | 'n' | 'c'>;
  /** Answers vars_prompt questions; without it a prompt that -e did not answer is an error. */
  prompt?: (question: PromptQuestion) => Promise<string>;
}

export interface PromptQuestion {
  name: string;
  prompt: string;
  private: boolean;
  default?: string;
}

function isPlainObject(v: unknown): v is Vars {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function mergeDeep(a: Vars, b: Vars): Vars {
  const out: Vars = { ...a };
  for (const [k, v] of Object.entries(b)) out[k] = isPlainObject(out[k]) && isPlainObject(v) ? mergeDeep(out[k] as Vars, v) : v;
  return out;
}

function emptyStats(): HostStats {
  return { ok: 0, changed: 0, unreachable: 0, failed: 0, skipped: 0, rescued: 0, ignored: 0 };
}

/** Ansible's AggregateStats: counters per host, plus set_stats data. */
export class RunStats {
  private readonly hosts = new Map<string, HostStats>();
  readonly custom: Record<string, Vars> = {};

  increment(host: string, field: keyof HostStats, by = 1): void {
    const s = this.hosts.get(host) ?? emptyStats();
    s[field] += by;
    this.hosts.set(host, s);
  }

  /** set_stats: sets, or with `aggregate` merges (dicts) or adds (numbers, lists, strings), a custom stat. */
  setCustom(scope: string, key: string, value: unknown, aggregate: boolean): void {
    const bucket = (this.custom[scope] ??= {});
    const old = bucket[key];
    if (!aggregate || old === undefined) {
      bucket[key] = value;
    } else if (isPlainObject(old) && isPlainObject(value)) {
      bucket[key] = mergeDeep(old, value);
    } else if (Array.isArray(old) && Array.isArray(value)) {
      bucket[key] = [...old, ...value];
    } else if (typeof old === typeof value && (typeof old === 'number' || typeof old === 'string')) {
      bucket[key] = (old as number) + (value as number);
    }
    // Mismatching types: Ansible keeps the old value.
  }

  /** Makes a host appear in the recap even when nothing was counted for it. */
  touch(host: string): void {
    if (!this.hosts.has(host)) this.hosts.set(host, emptyStats());
  }

  summarize(host: string): HostStats {
    return { ...(this.hosts.get(host) ?? emptyStats()) };
  }

  hostNames(): string[] {
    return [...this.hosts.keys()].sort();
  }

  toEvent(): RunStatsEvent {
    const hosts: Record<string, HostStats> = {};
    for (const h of this.hostNames()) hosts[h] = this.summarize(h);
    return { hosts, custom: this.custom };
  }
}

/** One execution of a playbook or ad-hoc command: its own hooks, stats and options. */
export class Run {
  readonly id = randomUUID();
  readonly hooks: RunHooks = createRunHooks();
  readonly stats = new RunStats();
  /** Background `async:` jobs by job id; the run waits for them before closing connections. */
  readonly asyncJobs = new Map<string, Promise<unknown>>();
  /** Hosts that failed / were unreachable (Ansible's TQM lists; clear_host_errors empties them). */
  readonly failedHosts = new Set<string>();
  readonly unreachableHosts = new Set<string>();
  /** --start-at-task: set once the named task was reached; tasks before it are skipped. */
  startAtTaskReached = false;
  /** --step answered 'c': stop asking. */
  stepContinue = false;
  constructor(readonly options: Readonly<RunOptions>) {}
}
