import { defineModule } from 'tsible';
import { runSystemd, type SystemdArgs } from './_system/systemd.js';

/** Controls systemd units through systemctl on the target. */
export default defineModule<SystemdArgs>({
  name: 'systemd',
  shortDescription: 'Manage systemd units',
  options: {
    name: { type: 'str', aliases: ['service', 'unit'], description: 'Unit name.' },
    state: { type: 'str', choices: ['reloaded', 'restarted', 'started', 'stopped'], description: 'Desired state.' },
    enabled: { type: 'bool', description: 'Start on boot.' },
    force: { type: 'bool', description: 'Override existing symlinks.' },
    masked: { type: 'bool', description: 'Mask the unit.' },
    daemon_reload: { type: 'bool', default: false, aliases: ['daemon-reload'], description: 'Run daemon-reload first.' },
    daemon_reexec: { type: 'bool', default: false, aliases: ['daemon-reexec'], description: 'Run daemon-reexec first.' },
    scope: { type: 'str', default: 'system', choices: ['system', 'user', 'global'], description: 'systemctl scope.' },
    no_block: { type: 'bool', default: false, description: 'Do not wait for the job to finish.' },
  },
  checkMode: 'full',
  run: runSystemd,
});
