/** Ansible's path filters (evaluated on the controller, as Ansible does). */
import { readdirSync, realpathSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { posix, resolve } from 'node:path';
import { defineFilters, plain, pyStr, tuple, type FilterFunction } from 'tsible';
import { toList } from './_lib/seq.js';

function splitext(p: string): unknown[] {
  const base = posix.basename(p);
  const dot = base.lastIndexOf('.');
  if (dot <= 0 || /^\.+$/.test(base.slice(0, dot + 1))) return tuple([p, '']);
  const cut = p.length - (base.length - dot);
  return tuple([p.slice(0, cut), p.slice(cut)]);
}

function realpath(p: string): string {
  const abs = resolve(p);
  try {
    return realpathSync(abs);
  } catch {
    return abs;
  }
}

function winSplitdrive(p: string): unknown[] {
  const m = /^([A-Za-z]:|\\\\[^\\]+\\[^\\]+)/.exec(p);
  return tuple(m ? [m[1], p.slice(m[1].length)] : ['', p]);
}

/** Files matching a pattern whose wildcards (`* ? [..]`) are in the last path segment, as playbooks use it. */
function fileglob(pattern: string): string[] {
  const dir = posix.dirname(pattern);
  const re = new RegExp(`^${posix.basename(pattern).replace(/[.+^${}()|\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.')}$`);
  try {
    return readdirSync(dir).filter((name) => re.test(name) && !name.startsWith('.'))
      .map((name) => posix.join(dir, name)).filter((p) => statSync(p).isFile()).sort();
  } catch {
    return [];
  }
}

const filters: Record<string, FilterFunction> = {
  basename: (p) => posix.basename(pyStr(p)) || (pyStr(p).endsWith('/') ? '' : pyStr(p)),
  dirname: (p) => { const s = pyStr(p); const i = s.lastIndexOf('/'); return i < 0 ? '' : s.slice(0, i).replace(/(.)\/+$/, '$1') || (i === 0 ? '/' : ''); },
  expanduser: (p) => pyStr(p).replace(/^~(?=$|\/)/, homedir()),
  expandvars: (p) => pyStr(p).replace(/\$(\w+)|\$\{(\w+)\}/g, (m, a: string, b: string) => process.env[a ?? b] ?? m),
  realpath: (p) => realpath(pyStr(p)),
  relpath: (p, start) => posix.relative(start === undefined ? process.cwd() : pyStr(start), pyStr(p)) || '.',
  splitext: (p) => splitext(pyStr(p)),
  path_join: (paths) => {
    const parts = Array.isArray(plain(paths)) ? toList(paths).map(pyStr) : [pyStr(paths)];
    return parts.reduce((acc, part) => (part.startsWith('/') ? part : acc === '' || acc.endsWith('/') ? acc + part : `${acc}/${part}`), '');
  },
  fileglob: (pattern) => fileglob(pyStr(pattern)),
  win_basename: (p) => pyStr(p).split(/[\\/]/).pop() ?? '',
  win_dirname: (p) => { const s = pyStr(p); const i = Math.max(s.lastIndexOf('\\'), s.lastIndexOf('/')); return i < 0 ? '' : s.slice(0, i); },
  win_splitdrive: (p) => winSplitdrive(pyStr(p)),
};

export default defineFilters({ name: 'paths', filters });
