import type { ModuleContext } from 'tsible';
import { ExpandedWords } from '../_command-words.js';

/** A value Ansible's `type: path` would change: a leading `~`, or a `$` that may start a variable. */
const EXPANDABLE = /^~|\$/;

/**
 * Expands path arguments on the target as Ansible's `type: path` does where the module runs:
 * `$VAR`/`${VAR}` from the task's environment (left as written when unset), then a leading `~` or
 * `~user` (ExpandedWords, as for the command module's words). With `vars: false` only `~` is
 * expanded (fetch, whose action plugin expands the user only). Costs one round trip, only when
 * some path has something to expand; when that command fails the paths stay as written.
 */
export async function expandPathArgs<A extends object>(ctx: ModuleContext<A>, keys: Array<keyof A>,
  options: { vars?: boolean } = {}): Promise<void> {
  const args = ctx.args as Record<string, unknown>;
  const withVars = options.vars !== false;
  const wanted = (v: string): boolean => (withVars ? EXPANDABLE.test(v) : v.startsWith('~'));
  const values = new Set<string>();
  const visit = (v: unknown): void => {
    if (typeof v === 'string') {
      if (wanted(v)) values.add(v);
    } else if (Array.isArray(v)) v.forEach(visit);
  };
  for (const k of keys) visit(args[k as string]);
  if (!values.size) return;
  const list = [...values];
  const words = new ExpandedWords('x');
  const rendered = list.map((v) => words.word(v, { vars: withVars }));
  const res = await ctx.exec([...words.setup, `printf '%s\\0' ${rendered.join(' ')}`].join('\n'));
  const out = res.rc === 0 ? res.stdout.split('\0') : [];
  const expanded = new Map(list.map((v, i) => [v, out[i] ?? v]));
  const expand = (v: unknown): unknown => (typeof v === 'string'
    ? expanded.get(v) ?? v
    : Array.isArray(v) ? v.map(expand) : v);
  for (const k of keys) args[k as string] = expand(args[k as string]);
}
