import { defineModule } from 'tsible';
import setup, { type SetupArgs } from './setup.js';

/**
 * The action behind the implicit "Gathering Facts" task: setup's arguments plus Ansible's
 * `parallel` (accepted; hosts are already gathered concurrently).
 */
export default defineModule<SetupArgs & { parallel?: boolean }>({
  ...setup,
  name: 'gather_facts',
  shortDescription: 'Gathers facts about remote hosts',
  options: { ...setup.options, parallel: { type: 'bool', description: 'Accepted for compatibility (tsible gathers hosts concurrently).' } },
  run: (ctx) => setup.run(ctx),
});
