import { defineModule } from 'tsible';

interface SetStatsArgs { data: Record<string, unknown>; per_host: boolean; aggregate: boolean }

/** Custom statistics shown in the play recap; the engine collects `ansible_stats`. */
export default defineModule<SetStatsArgs>({
  name: 'set_stats',
  shortDescription: 'Define and display stats for the current ansible run',
  options: {
    data: { type: 'dict', required: true, description: 'Keys and values to add to the custom stats.' },
    per_host: { type: 'bool', default: false, description: 'Keep the stats per host instead of for the whole run.' },
    aggregate: { type: 'bool', default: true, description: 'Add to existing values instead of replacing them.' },
  },
  checkMode: 'full',
  async run(ctx) {
    const { data, per_host, aggregate } = ctx.args;
    for (const key of Object.keys(data)) {
      if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(key)) {
        return { failed: true, changed: false, msg: `The variable name '${key}' is not valid. Variables must start with a letter or underscore character, and contain only letters, numbers and underscores.` };
      }
    }
    return { changed: false, ansible_stats: { data, per_host, aggregate } };
  },
});
