import { defineModule } from 'tsible';
import { runSysv, type SysvArgs } from './_system/sysv.js';

/** Controls SysV init scripts directly (/etc/init.d/<name>), enabling through update-rc.d/chkconfig. */
export default defineModule<SysvArgs>({
  name: 'sysvinit',
  shortDescription: 'Manage SysV services',
  options: {
    name: { type: 'str', required: true, aliases: ['service'], description: 'Name of the init script.' },
    state: { type: 'str', choices: ['started', 'stopped', 'restarted', 'reloaded'], description: 'Desired state.' },
    enabled: { type: 'bool', description: 'Start on boot.' },
    sleep: { type: 'int', default: 1, description: 'Seconds between stop and start on restart.' },
    pattern: { type: 'str', description: 'Regex matched against the process list instead of `status`.' },
    runlevels: { type: 'list', elements: 'str', description: 'Runlevels to enable/disable in.' },
    arguments: { type: 'str', aliases: ['args'], description: 'Extra arguments for the init script.' },
    daemonize: { type: 'bool', default: false, description: 'Accepted for compatibility.' },
  },
  checkMode: 'full',
  run: (ctx) => runSysv(ctx, 'script'),
});
