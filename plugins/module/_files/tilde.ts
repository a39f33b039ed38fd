import type { ModuleContext } from 'tsible';

const TILDE = /^~([A-Za-z0-9._-]*)(?=\/|$)/;

/**
 * Expands `~` and `~user` at the start of path arguments on the target (Ansible's `type: path`
 * does expanduser where the module runs). Costs one round trip, only when some path uses it.
 */
export async function expandUserPaths<A extends object>(ctx: ModuleContext<A>, keys: Array<keyof A>): Promise<void> {
  const args = ctx.args as Record<string, unknown>;
  const users = new Set<string>();
  const visit = (v: unknown) => {
    if (typeof v === 'string') {
      const m = TILDE.exec(v);
      if (m) users.add(m[1]);
    } else if (Array.isArray(v)) v.forEach(visit);
  };
  for (const k of keys) visit(args[k as string]);
  if (!users.size) return;
  const list = [...users];
  const res = await ctx.exec(list.map((u) => `printf '%s\\n' ~${u}`).join('; '));
  const homes = new Map(list.map((u, i) => [u, res.stdout.split('\n')[i] ?? `~${u}`]));
  const expand = (v: unknown): unknown => (typeof v === 'string'
    ? v.replace(TILDE, (whole, u: string) => homes.get(u) ?? whole)
    : Array.isArray(v) ? v.map(expand) : v);
  for (const k of keys) args[k as string] = expand(args[k as string]);
}
