import { TsibleError } from '../errors.js';
import type { InventoryData, InventoryHost } from './data.js';
import { LOCALHOST_NAMES } from './data.js';
import { expandHostRange, hasHostRange } from './host-range.js';
import {
  applySubscript, matchesHostsToo, orderPatterns, patternToRegExp, splitSubscript,
} from './patterns.js';

export type PatternMismatch = 'warning' | 'error' | 'ignore';

export interface MatcherOptions {
  warn(message: string): void;
  mismatch: PatternMismatch;
  /** The implicit localhost for `localhost`/`127.0.0.1` when the inventory has no such host. */
  implicitHost(name: string): InventoryHost | undefined;
}

/** Evaluates host patterns against the inventory with Ansible's rules; results cached per inventory version. */
export class PatternMatcher {
  private cache = new Map<string, InventoryHost[]>();
  private cacheVersion = -1;

  constructor(private readonly data: InventoryData, private readonly options: MatcherOptions) {}

  /** Plain patterns (union) first, then `&` (intersection), then `!` (exclusion), deduplicated. */
  evaluate(patterns: readonly string[]): InventoryHost[] {
    let hosts: InventoryHost[] = [];
    for (const p of orderPatterns(patterns)) {
      const exact = this.data.hosts.get(p);
      if (exact) {
        if (!hosts.includes(exact)) hosts = [...hosts, exact];
        continue;
      }
      const that = this.matchOne(p);
      if (p[0] === '!') {
        const drop = new Set(that);
        hosts = hosts.filter((h) => !drop.has(h));
      } else if (p[0] === '&') {
        const keep = new Set(that);
        hosts = hosts.filter((h) => keep.has(h));
      } else {
        const have = new Set(hosts);
        for (const h of that) {
          if (!have.has(h)) {
            have.add(h);
            hosts.push(h);
          }
        }
      }
    }
    return hosts;
  }

  private matchOne(raw: string): InventoryHost[] {
    const pattern = raw[0] === '&' || raw[0] === '!' ? raw.slice(1) : raw;
    if (this.cacheVersion !== this.data.version) {
      this.cache = new Map();
      this.cacheVersion = this.data.version;
    }
    let hosts = this.cache.get(pattern);
    if (!hosts) {
      const { expr, subscript } = splitSubscript(pattern, this.options.warn);
      const ranged = !subscript && !pattern.startsWith('~') && hasHostRange(pattern) ? this.rangeHosts(pattern) : [];
      if (ranged.length) hosts = ranged;
      else {
        const matched = this.enumerate(expr, pattern);
        hosts = matched ? applySubscript(matched, subscript, pattern) : this.rangeFallback(pattern);
      }
      this.cache.set(pattern, hosts);
    }
    return hosts;
  }

  /** Hosts of matching groups, plus matching hosts; undefined when nothing at all matched. */
  private enumerate(pattern: string, whole: string): InventoryHost[] | undefined {
    const re = patternToRegExp(pattern);
    const results: InventoryHost[] = [];
    let groupMatched = false;
    for (const [name, group] of this.data.groups) {
      if (!re.test(name)) continue;
      groupMatched = true;
      results.push(...this.data.groupHosts(group));
    }
    if (!groupMatched || matchesHostsToo(pattern)) {
      for (const [name, host] of this.data.hosts) if (re.test(name)) results.push(host);
    }
    if (results.length === 0 && LOCALHOST_NAMES.includes(pattern)) {
      const implicit = this.options.implicitHost(pattern);
      if (implicit) results.push(implicit);
    }
    if (results.length === 0 && !groupMatched && pattern !== 'all') {
      if (hasHostRange(whole)) return undefined;
      this.mismatch(whole);
    }
    return results;
  }

  /**
   * tsible extension: `web[01:20]` that matches no group (so no subscript applies) is read as a
   * range of host names, like the same text in an inventory file.
   */
  private rangeFallback(pattern: string): InventoryHost[] {
    const hosts = this.rangeHosts(pattern);
    if (hosts.length === 0) this.mismatch(pattern);
    return hosts;
  }

  /** Existing hosts named by expanding the ranges of a pattern (`db-[a:f]`, `web[01:20:2]`). */
  private rangeHosts(pattern: string): InventoryHost[] {
    let names: string[];
    try {
      names = expandHostRange(pattern);
    } catch {
      return [];
    }
    return names.map((n) => this.data.hosts.get(n)).filter((h): h is InventoryHost => h !== undefined);
  }

  private mismatch(pattern: string): void {
    const msg = `Could not match supplied host pattern, ignoring: ${pattern}`;
    if (this.options.mismatch === 'error') throw new TsibleError('TSIBLE_INVENTORY', msg);
    if (this.options.mismatch === 'warning') this.options.warn(msg);
  }
}
