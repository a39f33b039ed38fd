import { defineModule } from 'tsible';
import { runDnf, type DnfArgs } from './_system/rpm.js';

/** Manages RPM packages through the target's `dnf` command line (no Python bindings needed). */
export default defineModule<DnfArgs>({
  name: 'dnf',
  shortDescription: 'Manages packages with the dnf package manager',
  options: {
    name: { type: 'list', elements: 'str', default: [], aliases: ['pkg'], description: 'Package specs, groups (@name) or paths.' },
    state: { type: 'str', choices: ['absent', 'installed', 'latest', 'present', 'removed'], description: 'Desired state (default present).' },
    enablerepo: { type: 'list', elements: 'str', default: [], description: 'Repositories to enable.' },
    disablerepo: { type: 'list', elements: 'str', default: [], description: 'Repositories to disable.' },
    exclude: { type: 'list', elements: 'str', default: [], description: 'Packages to exclude.' },
    disable_gpg_check: { type: 'bool', default: false, description: 'Skip GPG checks.' },
    update_cache: { type: 'bool', default: false, aliases: ['expire-cache'], description: 'Refresh metadata first.' },
    autoremove: { type: 'bool', default: false, description: 'Remove unneeded dependencies.' },
    allowerasing: { type: 'bool', default: false, description: 'Allow erasing conflicting packages.' },
    nobest: { type: 'bool', description: 'Do not insist on the best candidate.' },
    security: { type: 'bool', default: false, description: 'Only security updates (latest).' },
    bugfix: { type: 'bool', default: false, description: 'Only bugfix updates (latest).' },
    update_only: { type: 'bool', default: false, description: 'Only update installed packages.' },
    install_weak_deps: { type: 'bool', default: true, description: 'Install weak dependencies.' },
    conf_file: { type: 'str', description: 'Alternative configuration file.' },
    installroot: { type: 'str', description: 'Alternative install root.' },
    releasever: { type: 'str', description: 'Alternative release version.' },
    download_only: { type: 'bool', default: false, description: 'Only download packages.' },
    lock_timeout: { type: 'int', default: 30, description: 'Accepted for compatibility.' },
    validate_certs: { type: 'bool', default: true, description: 'Accepted for compatibility.' },
  },
  checkMode: 'full',
  run: (ctx) => runDnf(ctx, 'dnf'),
});
