import { defineModule } from 'tsible';

/** Creates a group from a key (usually templated from facts) and puts the current host in it. */
export default defineModule<{ key: string; parents: string[] }>({
  name: 'group_by',
  shortDescription: 'Create Ansible groups based on facts',
  options: {
    key: { type: 'str', required: true, description: 'The group to add the host to; spaces become dashes.' },
    parents: { type: 'list', elements: 'str', default: ['all'], description: 'Parent groups of the new group.' },
  },
  checkMode: 'full',
  returns: { add_group: 'group the engine adds the host to', parent_groups: 'its parents' },
  async run(ctx) {
    const clean = (s: string) => s.replace(/ /g, '-');
    return { changed: false, add_group: clean(ctx.args.key), parent_groups: ctx.args.parents.map(clean) };
  },
});
