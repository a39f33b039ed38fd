import { defineModule, type ModuleResult } from 'tsible';
import { LOOKUP_FUNCTION, commandLine, parseGroup } from './_system/accounts.js';
import { requireTool, runStep } from './_system/remote.js';

interface GroupArgs { name: string; state: 'present' | 'absent'; gid?: number; system: boolean; local: boolean; non_unique: boolean; force: boolean }

/** Manages a local group with groupadd/groupmod/groupdel: one probe, then one action when needed. */
export default defineModule<GroupArgs>({
  name: 'group',
  shortDescription: 'Add or remove groups',
  options: {
    name: { type: 'str', required: true, description: 'Name of the group.' },
    state: { type: 'str', default: 'present', choices: ['absent', 'present'], description: 'Whether the group should exist.' },
    gid: { type: 'int', description: 'Group ID.' },
    system: { type: 'bool', default: false, description: 'Create a system group.' },
    local: { type: 'bool', default: false, description: 'Use lgroupadd and friends (local files only).' },
    non_unique: { type: 'bool', default: false, description: 'Allow a non-unique gid (with gid).' },
    force: { type: 'bool', default: false, description: 'Remove the group even when it is the primary group of a user.' },
  },
  checkMode: 'full',
  async run(ctx): Promise<ModuleResult> {
    const a = ctx.args;
    const q = ctx.quote;
    const probe = await runStep(ctx, `${LOOKUP_FUNCTION}\nlookup group ${q(a.name)}; exit 0`, 'group lookup');
    if (probe.failure) return probe.failure;
    const current = parseGroup(probe.res.stdout);
    const prefix = a.local ? 'lgroup' : 'group';
    let words: string[] | undefined;
    if (a.state === 'absent') {
      if (!current) return { changed: false, name: a.name, state: 'absent' };
      words = [`${prefix}del`, ...(a.force && !a.local ? ['-f'] : []), a.name];
    } else if (!current) {
      words = [`${prefix}add`, ...(a.gid !== undefined ? ['-g', String(a.gid), ...(a.non_unique ? ['-o'] : [])] : []), ...(a.system ? ['-r'] : []), a.name];
    } else if (a.gid !== undefined && a.gid !== current.gid) {
      words = [`${prefix}mod`, '-g', String(a.gid), ...(a.non_unique ? ['-o'] : []), a.name];
    }
    const tail = (gid?: number): ModuleResult => (a.state === 'absent' ? { name: a.name, state: 'absent' }
      : { gid, name: a.name, state: 'present', system: a.system });
    if (!words) return { changed: false, ...tail(current?.gid) };
    if (ctx.check) return { changed: true, ...tail(a.gid ?? current?.gid) };
    const action = await runStep(ctx, `${requireTool(words[0])}\n${commandLine(q, words)} || exit $?\n${LOOKUP_FUNCTION}\nlookup group ${q(a.name)}; exit 0`, words[0]);
    if (action.failure) return { ...action.failure, name: a.name };
    const after = parseGroup(action.res.stdout);
    return { changed: true, ...tail(after?.gid), ...(action.res.stderr ? { stderr: action.res.stderr } : {}) };
  },
});
