import { defineModule, type ModuleContext, type Vars } from 'tsible';
import { FACTS_SCRIPT, parseFacts } from './_facts.js';

export interface SetupArgs { gather_subset: string[]; filter: string[]; gather_timeout: number }

/** Gathers ansible_* facts with one POSIX shell script (no Python on the target). */
export async function gatherFacts(ctx: ModuleContext<SetupArgs>): Promise<Vars> {
  const res = await ctx.exec(FACTS_SCRIPT, { timeoutSeconds: ctx.args.gather_timeout });
  const facts = parseFacts(res.stdout);
  const filters = ctx.args.filter.filter(Boolean);
  if (!filters.length) return facts;
  const re = filters.map((f) => new RegExp(`^${f.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.')}$`));
  return Object.fromEntries(Object.entries(facts).filter(([k]) => re.some((r) => r.test(k))));
}

export default defineModule<SetupArgs>({
  name: 'setup',
  shortDescription: 'Gathers facts about remote hosts',
  options: {
    gather_subset: { type: 'list', elements: 'str', default: ['all'], description: 'Fact subsets to gather.' },
    filter: { type: 'list', elements: 'str', default: [], description: 'Only return facts matching these shell-style patterns.' },
    gather_timeout: { type: 'int', default: 10, description: 'Seconds allowed for gathering.' },
    fact_path: { type: 'path', description: 'Accepted for compatibility (local facts are not read yet).' },
  },
  checkMode: 'full',
  async run(ctx) {
    return { changed: false, ansible_facts: await gatherFacts(ctx) };
  },
});
