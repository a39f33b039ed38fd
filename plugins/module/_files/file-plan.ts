import { posix } from 'node:path';
import { shellQuote, type ModuleResult, type Vars } from 'tsible';
import { defaultMode, planAttributes, type AttrArgs } from './attrs.js';
import { octal, resolveMode } from './mode.js';
import type { RemoteStat } from './probe.js';
import { stateOf } from './results.js';

export interface FileArgs extends AttrArgs {
  path: string;
  state?: 'absent' | 'directory' | 'file' | 'hard' | 'link' | 'touch';
  src?: string;
  recurse: boolean;
  force: boolean;
  follow: boolean;
  modification_time?: string;
  modification_time_format: string;
  access_time?: string;
  access_time_format: string;
}

/** What the file module will do: shell commands (one script), or a failure. */
export interface FilePlan {
  failure?: ModuleResult;
  changed: boolean;
  commands: string[];
  diff: { before: Vars; after: Vars };
  /** The path the attributes and the result refer to (a followed link's target). */
  path: string;
  /** Values merged into the result (src for links). */
  extra?: Vars;
}

export interface FileProbe {
  /** The path itself (not followed). */
  self: RemoteStat;
  /** The path with links followed. */
  followed: RemoteStat;
  /** src (for link and hard), resolved relative to the link's directory. */
  src: RemoteStat;
  umask: number;
}

const q = shellQuote;

function fail(msg: string, extra: Vars = {}): FilePlan {
  return { failure: { failed: true, changed: false, msg, ...extra }, changed: false, commands: [], diff: { before: {}, after: {} }, path: '' };
}

function base(path: string, before: string, after: string): FilePlan {
  return { changed: false, commands: [], diff: { before: { path, state: before }, after: { path, state: after } }, path };
}

/** `touch -t` stamps for modification_time/access_time ('now', 'preserve' or a formatted time). */
function timeCommands(a: FileArgs, quoted: string, defaultNow: boolean): string[] {
  const stamp = (value: string | undefined, flag: string): string | undefined => {
    const v = value ?? (defaultNow ? 'now' : 'preserve');
    if (v === 'preserve') return undefined;
    if (v === 'now') return `touch -c ${flag} ${quoted}`;
    return `touch -c ${flag} -t ${q(toTouchStamp(v, flag === '-m' ? a.modification_time_format : a.access_time_format))} ${quoted}`;
  };
  return [stamp(a.modification_time, '-m'), stamp(a.access_time, '-a')].filter((c): c is string => !!c);
}

/** Converts a time written in a strftime format to touch's [[CC]YY]MMDDhhmm[.ss]. */
function toTouchStamp(value: string, format: string): string {
  const fields: Record<string, string> = {};
  let re = '';
  for (let i = 0; i < format.length; i++) {
    if (format[i] === '%' && i + 1 < format.length) {
      const f = format[++i];
      const width = f === 'Y' ? 4 : 2;
      re += `(?<${f}>\\d{${width}})`;
      fields[f] = '';
    } else re += format[i].replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  }
  const m = new RegExp(`^${re}$`).exec(value);
  if (!m?.groups) throw new Error(`Error while obtaining timestamp for time ${value} using format ${format}`);
  const g = m.groups;
  return `${g.Y ?? new Date().getFullYear()}${g.m ?? '01'}${g.d ?? '01'}${g.H ?? '00'}${g.M ?? '00'}.${g.S ?? '00'}`;
}

function attrs(a: FileArgs, st: RemoteStat, path: string, isDir: boolean, umask: number, plan: FilePlan, noFollow = false): void {
  const p = planAttributes(a, st, q(path), isDir, umask, { noFollow });
  if (!st.exists) p.changed = p.commands.length > 0;
  plan.commands.push(...p.commands);
  Object.assign(plan.diff.before, p.before);
  Object.assign(plan.diff.after, p.after);
  plan.changed ||= p.changed;
}

export function planAbsent(a: FileArgs, pr: FileProbe): FilePlan {
  const plan = base(a.path, stateOf(pr.self), 'absent');
  if (!pr.self.exists) return plan;
  return { ...plan, changed: true, commands: [`rm -rf -- ${q(a.path)}`] };
}

export function planFile(a: FileArgs, pr: FileProbe): FilePlan {
  const useFollowed = a.follow && pr.self.type === 'link';
  const st = useFollowed ? pr.followed : pr.self;
  const path = useFollowed && pr.self.lnk_source ? pr.self.lnk_source : a.path;
  const prev = stateOf(st);
  if (prev !== 'file' && prev !== 'hard') return fail(`file (${path}) is ${prev}, cannot continue`, { path, state: prev });
  const plan = base(path, prev, 'file');
  attrs(a, st, path, false, pr.umask, plan);
  const times = timeCommands(a, q(path), false);
  if (times.length) {
    plan.commands.push(...times);
    plan.changed = true;
  }
  return plan;
}

export function planTouch(a: FileArgs, pr: FileProbe): FilePlan {
  const prev = stateOf(pr.self);
  const plan = base(a.path, prev, 'touch');
  if (prev === 'absent') plan.commands.push(`touch -- ${q(a.path)}`);
  else plan.commands.push(...timeCommands(a, q(a.path), true));
  plan.changed = plan.commands.length > 0;
  const st = a.follow && pr.self.type === 'link' ? pr.followed : pr.self;
  attrs(a, st, a.path, st.type === 'directory', pr.umask, plan);
  return plan;
}

export function planDirectory(a: FileArgs, pr: FileProbe): FilePlan {
  const st = a.follow && pr.self.type === 'link' ? pr.followed : pr.self;
  const prev = stateOf(st);
  const plan = base(a.path, prev, 'directory');
  if (prev === 'absent') {
    plan.changed = true;
    // Every directory mkdir -p creates gets the requested attributes, as in Ansible. The missing
    // ones, outermost first, are collected in "$@" (parents by parameter expansion, not
    // dirname(1)), so one chmod/chown/chgrp sets them all: no process per path component.
    const start = a.path.replace(/\/+/g, '/').replace(/(.)\/$/, '$1');
    // A mode mkdir -p can give every level by itself (it adds u+wx to the parents it makes) is set
    // through the umask: no chmod process. The rest of the file module's script creates nothing.
    const wanted = resolveMode(a.mode, defaultMode(true, pr.umask), true);
    const modeByUmask = wanted !== undefined && (wanted & ~0o777) === 0 && (wanted & 0o300) === 0o300;
    plan.commands.push(`set --; tsible_p=${q(start)}`,
      'while [ ! -e "$tsible_p" ]; do set -- "$tsible_p" "$@"; case $tsible_p in */*) tsible_p=${tsible_p%/*}; tsible_p=${tsible_p:-/} ;; *) tsible_p=. ;; esac; done',
      `${modeByUmask ? `umask ${octal(~wanted & 0o777)}; ` : ''}mkdir -p -- ${q(a.path)}`);
    const all = planAttributes(modeByUmask ? { ...a, mode: undefined } : a, { exists: false }, '"$@"', true, pr.umask);
    if (all.commands.length) plan.commands.push(`if [ $# -gt 0 ]; then ${all.commands.join(' && ')}; fi`);
    return plan;
  }
  if (prev !== 'directory') return fail(`${a.path} already exists as a ${prev}`, { path: a.path });
  attrs(a, st, a.path, true, pr.umask, plan);
  return plan;
}

export function planLink(a: FileArgs, pr: FileProbe): FilePlan {
  const prev = stateOf(pr.self);
  const absrc = a.src === undefined ? undefined : posix.join(prev === 'directory' ? a.path : posix.dirname(a.path), a.src);
  if (!a.force && a.src !== undefined && !pr.src.exists) {
    return fail(`src file does not exist, use "force=yes" if you really want to create the link: ${absrc}`, { path: a.path, src: a.src });
  }
  if (prev === 'directory') {
    if (!a.force) return fail(`refusing to convert from ${prev} to symlink for ${a.path}`, { path: a.path });
  } else if ((prev === 'file' || prev === 'hard') && !a.force) {
    return fail(`refusing to convert from ${prev} to symlink for ${a.path}`, { path: a.path });
  }
  const plan = base(a.path, prev, 'link');
  plan.extra = { src: a.src };
  if (prev !== 'link') {
    if (a.src === undefined) return fail('src is required for creating new symlinks');
    plan.changed = true;
  } else if (a.src !== undefined && pr.self.lnk_target !== a.src) {
    plan.diff.before.src = pr.self.lnk_target;
    plan.diff.after.src = a.src;
    plan.changed = true;
  }
  if (plan.changed) {
    const remove = prev === 'directory' ? `rmdir -- ${q(a.path)} || { echo "the directory ${a.path} is not empty, refusing to convert it" >&2; exit 1; }`
      : prev === 'absent' ? '' : `rm -f -- ${q(a.path)}`;
    plan.commands.push(...[remove, `ln -s -- ${q(a.src as string)} ${q(a.path)}`].filter(Boolean));
  }
  const st = plan.changed ? { exists: false } : pr.self;
  attrs({ ...a, mode: undefined }, st, a.path, false, pr.umask, plan, true);
  if (!plan.changed && a.follow && pr.followed.exists && a.mode !== undefined) attrs({ mode: a.mode, path: a.path } as FileArgs, pr.followed, a.path, pr.followed.type === 'directory', pr.umask, plan);
  return plan;
}

export function planHard(a: FileArgs, pr: FileProbe): FilePlan {
  if (a.src === undefined) return fail('src is required for creating new hardlinks');
  if (!pr.src.exists) return fail('src does not exist', { dest: a.path, src: a.src });
  const prev = stateOf(pr.self);
  const plan = base(a.path, prev, 'hard');
  plan.extra = { src: a.src };
  const same = pr.self.exists && pr.self.inode === pr.src.inode && pr.self.dev === pr.src.dev;
  if (prev === 'link') plan.changed = true;
  else if (prev === 'hard' || prev === 'file' || prev === 'directory') {
    if (!same) {
      if (!a.force) return fail(prev === 'file' ? `Cannot link, ${prev} exists at destination` : 'Cannot link, different hard link exists at destination', { dest: a.path, src: a.src });
      plan.changed = true;
    }
  } else plan.changed = true;
  if (plan.changed) plan.commands.push(`ln -f -- ${q(a.src)} ${q(a.path)}`);
  attrs(a, plan.changed ? pr.src : pr.self, a.path, false, pr.umask, plan);
  return plan;
}
