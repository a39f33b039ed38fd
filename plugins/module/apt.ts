import { defineModule } from 'tsible';
import { runApt, type AptArgs } from './_system/apt.js';
import { installDeb } from './_system/apt-deb.js';

/** Manages Debian packages through apt-get and apt-cache on the target (no python3-apt needed). */
export default defineModule<AptArgs>({
  name: 'apt',
  shortDescription: 'Manages apt-packages',
  options: {
    name: { type: 'list', elements: 'str', aliases: ['package', 'pkg'], description: 'Package names, optionally name=version.' },
    state: { type: 'str', default: 'present', choices: ['absent', 'build-dep', 'latest', 'present', 'fixed'], description: 'Desired state.' },
    update_cache: { type: 'bool', aliases: ['update-cache'], description: 'Run apt-get update first.' },
    cache_valid_time: { type: 'int', default: 0, description: 'Skip the update when the cache is younger than this (seconds).' },
    purge: { type: 'bool', default: false, description: 'Purge configuration files on removal.' },
    default_release: { type: 'str', aliases: ['default-release'], description: 'apt-get -t.' },
    install_recommends: { type: 'bool', aliases: ['install-recommends'], description: 'Install recommended packages.' },
    force: { type: 'bool', default: false, description: 'Allow unauthenticated packages and downgrades.' },
    upgrade: { type: 'str', choices: ['dist', 'full', 'no', 'safe', 'yes'], description: 'Upgrade the system.' },
    autoremove: { type: 'bool', default: false, description: 'Remove unused dependencies.' },
    autoclean: { type: 'bool', default: false, description: 'apt-get autoclean.' },
    only_upgrade: { type: 'bool', default: false, description: 'Only upgrade installed packages.' },
    allow_unauthenticated: { type: 'bool', default: false, aliases: ['allow-unauthenticated'], description: 'Allow unauthenticated packages.' },
    allow_downgrade: { type: 'bool', default: false, aliases: ['allow-downgrade', 'allow_downgrades', 'allow-downgrades'], description: 'Allow downgrades.' },
    dpkg_options: { type: 'str', default: 'force-confdef,force-confold', description: 'dpkg options (comma separated).' },
    lock_timeout: { type: 'int', default: 60, description: 'Seconds to wait for the dpkg lock.' },
    clean: { type: 'bool', default: false, description: 'apt-get clean.' },
    deb: { type: 'path', description: 'A .deb file on the target (or a URL) to install with dpkg.' },
    fail_on_autoremove: { type: 'bool', default: false, description: 'Accepted for compatibility.' },
    policy_rc_d: { type: 'int', description: 'Accepted for compatibility.' },
  },
  checkMode: 'full',
  async run(ctx) {
    const a = ctx.args;
    if (a.deb) return installDeb(ctx, a.deb);
    if (!a.name?.length && !a.update_cache && !a.upgrade && !a.autoclean && !a.clean) {
      return { failed: true, changed: false, msg: 'one of the following is required: name, package, pkg, upgrade, update_cache, autoclean, clean' };
    }
    return runApt(ctx);
  },
});
