import type { PasswdEntry } from './accounts.js';

export interface UserArgs {
  name: string; state: 'present' | 'absent'; uid?: number; group?: string; groups?: string[]; append: boolean;
  comment?: string; home?: string; shell?: string; password?: string; password_lock?: boolean; create_home: boolean;
  move_home: boolean; system: boolean; force: boolean; remove: boolean; non_unique: boolean; update_password: 'always' | 'on_create';
  generate_ssh_key: boolean; ssh_key_bits?: number; ssh_key_type: string; ssh_key_file?: string; ssh_key_comment?: string;
  ssh_key_passphrase?: string; expires?: number; skeleton?: string; umask?: string; local: boolean; seuser?: string;
}

export interface UserProbe {
  user?: PasswdEntry;
  /** Supplementary group names (primary excluded). */
  groups: string[];
  /** Current password hash and expiry day from the shadow file, when readable. */
  hash?: string;
  expireDays?: string;
  /** gid of the requested primary group, when it exists. */
  groupGid?: number;
  nameGroupExists: boolean;
  missingGroups: string[];
}

export type Plan = { words: string[]; setPassword: boolean } | { error: string } | undefined;

function wantedGroups(a: UserArgs): string[] | undefined {
  return a.groups?.map((g) => g.trim()).filter(Boolean);
}

function expiresDate(epoch: number): string {
  return epoch < 0 ? '' : new Date(epoch * 1000).toISOString().slice(0, 10);
}

/** useradd words as Ansible builds them on Linux (password goes through chpasswd -e, not argv). */
export function createPlan(a: UserArgs, p: UserProbe): Plan {
  if (a.group !== undefined && p.groupGid === undefined) return { error: `Group ${a.group} does not exist` };
  const groups = wantedGroups(a);
  if (p.missingGroups.length) return { error: `Group ${p.missingGroups[0]} does not exist` };
  const w = ['useradd'];
  if (a.uid !== undefined) w.push('-u', String(a.uid), ...(a.non_unique ? ['-o'] : []));
  if (a.seuser) w.push('-Z', a.seuser);
  if (a.group !== undefined) w.push('-g', a.group);
  else if (p.nameGroupExists) w.push('-N');
  if (groups?.length) w.push('-G', groups.join(','));
  if (a.comment !== undefined) w.push('-c', a.comment);
  if (a.home !== undefined) w.push('-d', a.home);
  if (a.shell !== undefined) w.push('-s', a.shell);
  if (a.expires !== undefined) w.push('-e', expiresDate(a.expires));
  if (a.create_home) {
    w.push('-m');
    if (a.skeleton) w.push('-k', a.skeleton);
    if (a.umask) w.push('-K', `UMASK=${a.umask}`);
  } else w.push('-M');
  if (a.system) w.push('-r');
  w.push(a.name);
  return { words: w, setPassword: a.password !== undefined };
}

function groupsNeedChange(a: UserArgs, p: UserProbe): string[] | undefined {
  const wanted = wantedGroups(a);
  if (wanted === undefined) return undefined;
  const current = new Set(p.groups);
  if (a.append) return wanted.some((g) => !current.has(g)) ? wanted : undefined;
  const same = wanted.length === current.size && wanted.every((g) => current.has(g));
  return same ? undefined : wanted;
}

/** usermod words for what differs; undefined when the account already matches. */
export function modifyPlan(a: UserArgs, p: UserProbe): Plan {
  const u = p.user as PasswdEntry;
  if (a.group !== undefined && p.groupGid === undefined) return { error: `Group ${a.group} does not exist` };
  if (p.missingGroups.length) return { error: `Group ${p.missingGroups[0]} does not exist` };
  const w = ['usermod'];
  if (a.uid !== undefined && a.uid !== u.uid) w.push('-u', String(a.uid), ...(a.non_unique ? ['-o'] : []));
  if (a.group !== undefined && p.groupGid !== u.gid) w.push('-g', a.group);
  const groups = groupsNeedChange(a, p);
  if (groups) w.push(...(a.append ? ['-a'] : []), '-G', groups.join(','));
  if (a.comment !== undefined && a.comment !== u.comment) w.push('-c', a.comment);
  if (a.home !== undefined && a.home !== u.home) w.push(...(a.move_home ? ['-m'] : []), '-d', a.home);
  if (a.shell !== undefined && a.shell !== u.shell) w.push('-s', a.shell);
  if (a.expires !== undefined) {
    const day = a.expires < 0 ? '' : String(Math.floor(a.expires / 86400));
    if ((p.expireDays ?? '') !== day) w.push('-e', expiresDate(a.expires));
  }
  const locked = p.hash?.startsWith('!') ?? false;
  if (a.password_lock === true && !locked) w.push('-L');
  if (a.password_lock === false && locked) w.push('-U');
  const setPassword = a.password !== undefined && a.update_password === 'always' && a.password !== p.hash?.replace(/^!/, '');
  if (w.length === 1 && !setPassword) return undefined;
  return { words: w.length > 1 ? [...w, a.name] : [], setPassword };
}
