import { access, stat } from 'node:fs/promises';
import { homedir } from 'node:os';
import { isAbsolute, join, normalize } from 'node:path';
import type { LookupContext } from 'tsible';

/**
 * Where file lookups look, as Ansible's `ansible_search_path` orders it: the current role (and its
 * `tasks/` directory), then the playbook directory. An `ansible_search_path` variable, when the
 * engine sets one, wins.
 */
export function searchPathsOf(ctx: LookupContext): string[] {
  const given = ctx.vars.ansible_search_path;
  const base = basedirOf(ctx);
  let paths: string[];
  if (Array.isArray(given) && given.every((p) => typeof p === 'string')) paths = [...(given as string[])];
  else {
    const role = typeof ctx.vars.role_path === 'string' ? ctx.vars.role_path : undefined;
    paths = [];
    for (const p of ctx.searchPaths) paths.push(...(p === role ? [p, join(p, 'tasks')] : [p]));
  }
  if (!paths.includes(base)) paths.push(base);
  return [...new Set(paths)];
}

/** The directory relative paths start from (Ansible's loader basedir): the playbook's directory. */
export function basedirOf(ctx: LookupContext): string {
  const pb = ctx.vars.playbook_dir;
  if (typeof pb === 'string' && pb) return pb;
  return ctx.searchPaths[ctx.searchPaths.length - 1] ?? process.cwd();
}

/** `~/x` → home; relative paths from the basedir (Ansible's path_dwim). */
export function dwim(ctx: LookupContext, path: string): string {
  const expanded = expandUser(path);
  return isAbsolute(expanded) ? normalize(expanded) : join(basedirOf(ctx), expanded);
}

export function expandUser(path: string): string {
  return path === '~' || path.startsWith('~/') ? join(homedir(), path.slice(1)) : path;
}

/**
 * The candidate paths for `needle`, in order: for each search path `p`, `p/<subdir>/needle` (unless
 * the needle already starts with `<subdir>/`) then `p/needle`.
 */
export function candidatesFor(ctx: LookupContext, subdir: string, needle: string): string[] {
  const expanded = expandUser(needle);
  if (isAbsolute(expanded)) return [normalize(expanded)];
  const out: string[] = [];
  for (const p of searchPathsOf(ctx)) {
    if (needle.split('/')[0] !== subdir) out.push(join(p, subdir, needle));
    out.push(join(p, needle));
  }
  return [...new Set(out)];
}

/** The first existing candidate (file or directory), or undefined. */
export async function findInSearchPath(ctx: LookupContext, subdir: string, needle: string): Promise<string | undefined> {
  for (const candidate of candidatesFor(ctx, subdir, needle)) {
    if (await exists(candidate)) return candidate;
  }
  return undefined;
}

export async function exists(path: string): Promise<boolean> {
  return access(path).then(() => true, () => false);
}

export async function isFile(path: string): Promise<boolean> {
  return stat(path).then((s) => s.isFile(), () => false);
}
