import { defineModule, type ModuleContext, type ModuleResult, type Vars } from 'tsible';
import { runApt } from './_system/apt.js';
import { parseKeyValues } from './_system/remote.js';
import { runDnf } from './_system/rpm.js';

interface PackageArgs { name: string[]; state: string; use: string }

const PROBE = 'for t in apt-get dnf yum apk; do if command -v $t >/dev/null 2>&1; then echo "mgr=$t"; exit 0; fi; done; echo mgr=unknown';

async function packageManager(ctx: ModuleContext<PackageArgs>): Promise<string> {
  if (ctx.args.use !== 'auto') return ctx.args.use;
  const facts = (ctx.vars.ansible_facts ?? {}) as Vars;
  const known = facts.pkg_mgr ?? ctx.vars.ansible_pkg_mgr;
  if (typeof known === 'string' && known && known !== 'unknown') return known;
  const mgr = parseKeyValues((await ctx.exec(PROBE)).stdout).mgr ?? 'unknown';
  return mgr === 'apt-get' ? 'apt' : mgr;
}

/** Generic package management: dispatches to apt, dnf or yum by ansible_pkg_mgr (as Ansible's action does). */
export default defineModule<PackageArgs>({
  name: 'package',
  shortDescription: 'Generic OS package manager',
  options: {
    name: { type: 'list', elements: 'str', required: true, description: 'Package names.' },
    state: { type: 'str', required: true, description: 'present, absent or latest.' },
    use: { type: 'str', default: 'auto', description: 'Backend module (auto: from ansible_pkg_mgr).' },
  },
  checkMode: 'full',
  async run(ctx): Promise<ModuleResult> {
    const mgr = await packageManager(ctx);
    const { name, state } = ctx.args;
    if (mgr === 'apt') {
      return runApt({ ...ctx, args: { name, state: state === 'installed' ? 'present' : state === 'removed' ? 'absent' : state, cache_valid_time: 0, purge: false,
        force: false, autoremove: false, autoclean: false, only_upgrade: false, allow_unauthenticated: false, allow_downgrade: false,
        dpkg_options: 'force-confdef,force-confold', lock_timeout: 60, clean: false } });
    }
    if (mgr === 'dnf' || mgr === 'yum') {
      return runDnf({ ...ctx, args: { name, state, enablerepo: [], disablerepo: [], exclude: [], disable_gpg_check: false, update_cache: false,
        autoremove: false, allowerasing: false, security: false, bugfix: false, update_only: false, install_weak_deps: true, download_only: false } }, mgr);
    }
    return { failed: true, changed: false, msg: `Could not find a module for ${mgr}. (tsible's package supports apt, dnf and yum)` };
  },
});
