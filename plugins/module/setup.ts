import { defineModule, fnmatchRegExp, type ModuleContext, type Vars } from 'tsible';
import { buildFactsScript, parseFacts, resolveSubsets } from './_facts.js';

export interface SetupArgs { gather_subset: string[]; filter: string[]; gather_timeout: number; fact_path: string }

/**
 * Gathers ansible_* facts with ONE remote POSIX script (no Python on the target). `filter`
 * patterns match the prefixed names (`ansible_eth*`) as in Ansible.
 */
export async function gatherFacts(ctx: ModuleContext<SetupArgs>): Promise<Vars> {
  const subsets = resolveSubsets(ctx.args.gather_subset);
  const script = buildFactsScript(subsets, ctx.args.fact_path, ctx.quote);
  const res = await ctx.exec(script, { timeoutSeconds: ctx.args.gather_timeout });
  const facts = parseFacts(res.stdout, subsets, ctx.args.fact_path);
  const filters = ctx.args.filter.filter(Boolean).map((f) => fnmatchRegExp(f));
  const kept = filters.length ? Object.fromEntries(Object.entries(facts).filter(([k]) => filters.some((r) => r.test(`ansible_${k}`) || r.test(k)))) : facts;
  return { ...kept, gather_subset: ctx.args.gather_subset, module_setup: true };
}

export default defineModule<SetupArgs>({
  name: 'setup',
  shortDescription: 'Gathers facts about remote hosts',
  options: {
    gather_subset: { type: 'list', elements: 'str', default: ['all'], description: 'Fact subsets: all, min, hardware, network, virtual; prefix ! to exclude.' },
    filter: { type: 'list', elements: 'str', default: [], description: 'Only return facts whose ansible_ name matches these shell-style patterns.' },
    gather_timeout: { type: 'int', default: 10, description: 'Seconds allowed for gathering.' },
    fact_path: { type: 'path', default: '/etc/ansible/facts.d', description: 'Directory of local facts (*.fact: executable → JSON, else JSON or INI).' },
  },
  checkMode: 'full',
  async run(ctx) {
    // As Ansible's setup: fact names carry the ansible_ prefix in the result; the engine stores
    // them without it under ansible_facts (and with it as top-level variables).
    const facts = await gatherFacts(ctx);
    return { changed: false, ansible_facts: Object.fromEntries(Object.entries(facts).map(([k, v]) => [k.startsWith('ansible_') ? k : `ansible_${k}`, v])) };
  },
});
