import { defineModule, type ModuleContext, type ModuleResult } from 'tsible';
import { cloneScript, gitPrelude, probeScript, resolveVersion, updateScript, type GitArgs } from './_system/git.js';
import { parseKeyValues, parseSections, runStep } from './_system/remote.js';

async function act(ctx: ModuleContext<GitArgs>, body: string, what: string): Promise<{ after?: string; failure?: ModuleResult }> {
  const gitdir = ctx.args.bare ? ctx.quote(ctx.args.dest) : `${ctx.quote(ctx.args.dest)}/.git`;
  const step = await runStep(ctx, `${gitPrelude(ctx)}\n(\n${body}\n) >&2 || exit 1\necho "after=$("$GIT" --git-dir=${gitdir} rev-parse HEAD)"`, what);
  if (step.failure) return { failure: { ...step.failure, msg: `Failed to ${what}: ${step.res.stderr.trim()}` } };
  return { after: parseKeyValues(step.res.stdout).after };
}

/** Deploys software from git checkouts through the target's git CLI: one probe (ls-remote), one action. */
export default defineModule<GitArgs>({
  name: 'git',
  shortDescription: 'Deploy software (or files) from git checkouts',
  options: {
    repo: { type: 'str', required: true, aliases: ['name'], description: 'Repository URL or path.' },
    dest: { type: 'path', required: true, description: 'Checkout directory.' },
    version: { type: 'str', default: 'HEAD', description: 'Branch, tag, SHA or HEAD.' },
    force: { type: 'bool', default: false, description: 'Discard local modifications.' },
    depth: { type: 'int', description: 'Shallow clone depth.' },
    clone: { type: 'bool', default: true, description: 'Clone when dest does not exist.' },
    update: { type: 'bool', default: true, description: 'Fetch and check out new revisions.' },
    bare: { type: 'bool', default: false, description: 'Bare repository.' },
    single_branch: { type: 'bool', default: false, description: 'Clone only the history of one branch.' },
    remote: { type: 'str', default: 'origin', description: 'Name of the remote.' },
    recursive: { type: 'bool', default: true, description: 'Update submodules.' },
    track_submodules: { type: 'bool', default: false, description: 'Follow submodules\' remote branches.' },
    accept_hostkey: { type: 'bool', default: false, description: 'Disable strict host key checking for ssh URLs.' },
    accept_newhostkey: { type: 'bool', default: false, description: 'Accept new (unknown) host keys only.' },
    key_file: { type: 'path', description: 'SSH private key.' },
    ssh_opts: { type: 'str', description: 'Extra ssh options.' },
    refspec: { type: 'str', description: 'Extra refspec to fetch.' },
    reference: { type: 'str', description: 'Reference repository for clone.' },
    executable: { type: 'path', description: 'Path to git.' },
    umask: { type: 'raw', description: 'umask for git commands.' },
  },
  checkMode: 'full',
  async run(ctx): Promise<ModuleResult> {
    const a = ctx.args;
    const probe = await runStep(ctx, probeScript(ctx), 'git probe');
    if (probe.failure) return probe.failure;
    const s = parseSections(probe.res.stdout);
    const local = parseKeyValues(s.local ?? '');
    const before = local.exists === '1' ? local.before || null : null;
    if (local.exists === '1' && !a.update) return { changed: false, before, after: before };
    if (local.exists !== '1' && !a.clone) return { changed: false, before: null, after: null };
    if ((s.remote ?? '').includes('__LS_REMOTE_FAILED__')) {
      return { failed: true, changed: false, msg: `Failed to run git ls-remote ${a.repo}: ${(s.remote ?? '').replace('__LS_REMOTE_FAILED__', '').trim()}` };
    }
    const target = resolveVersion(s.remote ?? '', a.version);
    if (!target) return { failed: true, changed: false, msg: `Failed to find version ${a.version} in ${a.repo}`, before };
    if (local.exists === '1' && local.mods === '1' && !a.force) {
      return { failed: true, changed: false, msg: `Local modifications exist in the destination: ${a.dest} (force=no).`, before };
    }
    const urlChanged = local.exists === '1' && local.url !== a.repo;
    const same = before !== null && (before === target.sha || before.startsWith(target.sha)) && local.mods !== '1';
    if (same && !urlChanged) return { changed: false, before, after: before };
    if (ctx.check) return { changed: !same || urlChanged, before, after: target.sha, ...(urlChanged ? { remote_url_changed: true } : {}) };
    const body = local.exists === '1' ? updateScript(ctx, target, urlChanged) : cloneScript(ctx, target);
    const done = await act(ctx, body, local.exists === '1' ? 'update the checkout' : 'clone');
    if (done.failure) return { ...done.failure, before };
    return { changed: done.after !== before || urlChanged, before, after: done.after ?? null, ...(urlChanged ? { remote_url_changed: true } : {}) };
  },
});
