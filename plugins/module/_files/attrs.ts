import { shellQuote } from 'tsible';
import type { RemoteStat } from './probe.js';
import { octal, resolveMode } from './mode.js';

/** The common file attributes of copy, file, template and the text-editing modules. */
export interface AttrArgs {
  mode?: unknown;
  owner?: string;
  group?: string;
}

export interface AttrPlan {
  /** Shell commands applying the attributes to the path in `$1`-free form (path already quoted). */
  commands: string[];
  changed: boolean;
  /** The permission bits the path ends with (when known). */
  mode?: number;
  /** Before/after of the attributes that change, for diff mode. */
  before: Record<string, string>;
  after: Record<string, string>;
}

function sameAccount(wanted: string, name: string | undefined, id: number | undefined): boolean {
  return wanted === name || wanted === String(id);
}

/** The mode a path created now would get: 0666/0777 minus the umask. */
export function defaultMode(isDir: boolean, umask: number): number {
  return (isDir ? 0o777 : 0o666) & ~umask;
}

/**
 * What must change for `path` (described by `st`, or about to be created when it does not exist)
 * to have the requested mode, owner and group; the commands run on the target as one script.
 */
export function planAttributes(args: AttrArgs, st: RemoteStat, quotedPath: string, isDir: boolean, umask: number,
  opts: { noFollow?: boolean } = {}): AttrPlan {
  const plan: AttrPlan = { commands: [], changed: false, before: {}, after: {} };
  const current = st.exists && st.mode !== undefined ? parseInt(st.mode, 8) : defaultMode(isDir, umask);
  const wanted = resolveMode(args.mode, current, isDir);
  plan.mode = wanted ?? current;
  const h = opts.noFollow ? '-h ' : '';
  if (args.owner !== undefined && args.owner !== null && args.owner !== ''
    && !(st.exists && sameAccount(args.owner, st.pw_name, st.uid))) {
    plan.commands.push(`chown ${h}${shellQuote(args.owner)} ${quotedPath}`);
    plan.before.owner = st.pw_name ?? String(st.uid ?? '');
    plan.after.owner = args.owner;
  }
  if (args.group !== undefined && args.group !== null && args.group !== ''
    && !(st.exists && sameAccount(args.group, st.gr_name, st.gid))) {
    plan.commands.push(`chgrp ${h}${shellQuote(args.group)} ${quotedPath}`);
    plan.before.group = st.gr_name ?? String(st.gid ?? '');
    plan.after.group = args.group;
  }
  if (wanted !== undefined && (!st.exists || wanted !== current) && !(opts.noFollow && st.type === 'link')) {
    plan.commands.push(`chmod ${octal(wanted)} ${quotedPath}`);
    if (st.exists) {
      plan.before.mode = octal(current);
      plan.after.mode = octal(wanted);
    }
  }
  plan.changed = st.exists ? plan.commands.length > 0 : true;
  return plan;
}
