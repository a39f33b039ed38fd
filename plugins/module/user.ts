import { defineModule, type ModuleContext, type ModuleResult } from 'tsible';
import { parsePasswd } from './_system/accounts.js';
import { parseSections, runStep } from './_system/remote.js';
import { createPlan, modifyPlan, type UserArgs, type UserProbe } from './_system/user-plan.js';
import { actionScript, parseProbe, probeScript } from './_system/user-scripts.js';

function presentResult(a: UserArgs, probe: UserProbe, stdout: string | undefined, created: boolean): ModuleResult {
  const s = stdout === undefined ? {} : parseSections(stdout);
  const u = parsePasswd(s.passwd) ?? probe.user;
  const out: ModuleResult = { name: a.name, state: 'present' };
  if (u) Object.assign(out, { uid: u.uid, group: u.gid, comment: u.comment, home: u.home, shell: u.shell });
  if (a.groups !== undefined) out.groups = a.groups.join(',');
  if (a.password !== undefined) out.password = 'NOT_LOGGING_PASSWORD';
  Object.assign(out, created ? { create_home: a.create_home, system: a.system } : { append: a.append, move_home: a.move_home });
  if (s.keyfile !== undefined) {
    Object.assign(out, { ssh_key_file: s.keyfile.trim(), ssh_fingerprint: (s.fingerprint ?? '').trim(), ssh_public_key: (s.pubkey ?? '').trim() });
  }
  return out;
}

async function absent(ctx: ModuleContext<UserArgs>, probe: UserProbe): Promise<ModuleResult> {
  const a = ctx.args;
  if (!probe.user) return { changed: false, name: a.name, state: 'absent' };
  const base = { name: a.name, state: 'absent', force: a.force, remove: a.remove };
  if (ctx.check) return { changed: true, ...base };
  const words = ['userdel', ...(a.force ? ['-f'] : []), ...(a.remove ? ['-r'] : []), a.name];
  const step = await runStep(ctx, actionScript(ctx, words, false, false), 'userdel');
  if (step.failure) return { ...step.failure, ...base };
  return { changed: true, ...base, ...(step.res.stderr ? { stderr: step.res.stderr } : {}) };
}

async function present(ctx: ModuleContext<UserArgs>, probe: UserProbe): Promise<ModuleResult> {
  const a = ctx.args;
  const created = !probe.user;
  const plan = created ? createPlan(a, probe) : modifyPlan(a, probe);
  if (plan && 'error' in plan) return { failed: true, changed: false, msg: plan.error, name: a.name };
  if (!plan && !a.generate_ssh_key) return { changed: false, ...presentResult(a, probe, undefined, false) };
  if (ctx.check) return { changed: plan !== undefined, ...presentResult(a, probe, undefined, created) };
  const words = plan?.words ?? [];
  const stdin = plan?.setPassword ? `${a.name}:${a.password_lock ? '!' : ''}${a.password}\n` : undefined;
  const step = await runStep(ctx, actionScript(ctx, words, plan?.setPassword ?? false), words[0] ?? 'ssh-keygen', { stdin });
  if (step.failure) return { ...step.failure, name: a.name };
  const keyNew = parseSections(step.res.stdout).keynew !== undefined;
  return { changed: plan !== undefined || keyNew, ...presentResult(a, probe, step.res.stdout, created) };
}

/** Manages local user accounts with useradd/usermod/userdel (and chpasswd, ssh-keygen). */
export default defineModule<UserArgs>({
  name: 'user',
  shortDescription: 'Manage user accounts',
  options: {
    name: { type: 'str', required: true, aliases: ['user'], description: 'Name of the user.' },
    state: { type: 'str', default: 'present', choices: ['absent', 'present'], description: 'Whether the account should exist.' },
    uid: { type: 'int', description: 'User ID.' },
    group: { type: 'str', description: 'Primary group.' },
    groups: { type: 'list', elements: 'str', description: 'Supplementary groups (empty removes all unless append).' },
    append: { type: 'bool', default: false, description: 'Add to groups instead of setting exactly these.' },
    comment: { type: 'str', description: 'GECOS field.' },
    home: { type: 'path', description: 'Home directory.' },
    shell: { type: 'str', description: 'Login shell.' },
    password: { type: 'str', noLog: true, description: 'Crypted password hash.' },
    password_lock: { type: 'bool', description: 'Lock (true) or unlock (false) the password.' },
    create_home: { type: 'bool', default: true, aliases: ['createhome'], description: 'Create the home directory.' },
    move_home: { type: 'bool', default: false, description: 'Move the home directory when home changes.' },
    system: { type: 'bool', default: false, description: 'Create a system account.' },
    force: { type: 'bool', default: false, description: 'userdel -f.' },
    remove: { type: 'bool', default: false, description: 'userdel -r (remove home and mail spool).' },
    non_unique: { type: 'bool', default: false, description: 'Allow a non-unique uid.' },
    update_password: { type: 'str', default: 'always', choices: ['always', 'on_create'], description: 'When to set the password.' },
    generate_ssh_key: { type: 'bool', default: false, description: 'Create an SSH key pair for the user.' },
    ssh_key_bits: { type: 'int', description: 'Key size.' },
    ssh_key_type: { type: 'str', default: 'rsa', description: 'Key type.' },
    ssh_key_file: { type: 'path', description: 'Key path (relative to home; default .ssh/id_rsa).' },
    ssh_key_comment: { type: 'str', description: 'Key comment (default "ansible-generated on <hostname>").' },
    ssh_key_passphrase: { type: 'str', noLog: true, description: 'Key passphrase.' },
    expires: { type: 'float', description: 'Expiry as epoch seconds (negative removes it).' },
    skeleton: { type: 'str', description: 'Skeleton directory for the home.' },
    umask: { type: 'str', description: 'Umask for the home directory.' },
    local: { type: 'bool', default: false, description: 'Accepted; the shadow tools are used.' },
    seuser: { type: 'str', description: 'SELinux user.' },
  },
  checkMode: 'full',
  async run(ctx) {
    const probe = await runStep(ctx, probeScript(ctx), 'user lookup');
    if (probe.failure) return probe.failure;
    const p = parseProbe(probe.res.stdout);
    return ctx.args.state === 'absent' ? absent(ctx, p) : present(ctx, p);
  },
});
