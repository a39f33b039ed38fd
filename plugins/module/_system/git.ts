import type { ModuleContext } from 'tsible';
import { requireTool, section } from './remote.js';

export interface GitArgs {
  repo: string; dest: string; version: string; force: boolean; depth?: number; clone: boolean; update: boolean; bare: boolean;
  single_branch: boolean; remote: string; recursive: boolean; accept_hostkey: boolean; accept_newhostkey: boolean; key_file?: string;
  ssh_opts?: string; refspec?: string; track_submodules: boolean; executable?: string; umask?: string; reference?: string;
}

export type Target = { kind: 'branch' | 'tag' | 'sha'; name: string; sha: string };

/** Environment and git binary for every git call: ssh options travel in GIT_SSH_COMMAND. */
export function gitPrelude(ctx: ModuleContext<GitArgs>): string {
  const a = ctx.args;
  const ssh: string[] = [];
  if (a.accept_hostkey) ssh.push('-o StrictHostKeyChecking=no');
  else if (a.accept_newhostkey) ssh.push('-o StrictHostKeyChecking=accept-new');
  if (a.key_file) ssh.push(`-i ${ctx.quote(a.key_file)} -o IdentitiesOnly=yes`);
  if (a.ssh_opts) ssh.push(a.ssh_opts);
  const git = a.executable ? ctx.quote(a.executable) : 'git';
  return [a.executable ? '' : requireTool('git'), `GIT=${git}`, 'GIT_TERMINAL_PROMPT=0; export GIT_TERMINAL_PROMPT',
    ssh.length ? `GIT_SSH_COMMAND=${ctx.quote(`ssh ${ssh.join(' ')}`)}; export GIT_SSH_COMMAND` : '',
    a.umask ? `umask ${a.umask}` : ''].filter(Boolean).join('\n');
}

export function probeScript(ctx: ModuleContext<GitArgs>): string {
  const d = ctx.quote(ctx.args.dest);
  const gitdir = ctx.args.bare ? d : `${d}/.git`;
  return `${gitPrelude(ctx)}
${section('local')}
if [ -e ${gitdir}/HEAD ]; then
  echo "exists=1"; echo "before=$("$GIT" --git-dir=${gitdir} rev-parse HEAD 2>/dev/null)"
  echo "url=$("$GIT" --git-dir=${gitdir} config --get remote.${ctx.quote(ctx.args.remote)}.url)"
  ${ctx.args.bare ? '' : `cd ${d} && [ -n "$("$GIT" status --porcelain --untracked-files=no 2>/dev/null)" ] && echo "mods=1"`}
fi
${section('remote')}
"$GIT" ls-remote --symref ${ctx.quote(ctx.args.repo)} 2>&1 || echo "__LS_REMOTE_FAILED__"
exit 0`;
}

/** Resolves `version` against `git ls-remote --symref` output as Ansible does: HEAD, branch, tag, then sha. */
export function resolveVersion(lsRemote: string, version: string): Target | undefined {
  const refs = new Map<string, string>();
  let headBranch: string | undefined;
  for (const line of lsRemote.split('\n')) {
    const sym = /^ref: refs\/heads\/(\S+)\s+HEAD$/.exec(line);
    if (sym) { headBranch = sym[1]; continue; }
    const m = /^([0-9a-f]{40})\s+(\S+)$/.exec(line);
    if (m) refs.set(m[2], m[1]);
  }
  if (version === 'HEAD') {
    const sha = refs.get('HEAD');
    if (!sha) return undefined;
    return headBranch ? { kind: 'branch', name: headBranch, sha } : { kind: 'sha', name: sha, sha };
  }
  const branch = refs.get(`refs/heads/${version}`);
  if (branch) return { kind: 'branch', name: version, sha: branch };
  const tag = refs.get(`refs/tags/${version}^{}`) ?? refs.get(`refs/tags/${version}`);
  if (tag) return { kind: 'tag', name: version, sha: tag };
  if (/^[0-9a-f]{7,40}$/.test(version)) return { kind: 'sha', name: version, sha: version };
  return undefined;
}

export function cloneScript(ctx: ModuleContext<GitArgs>, t: Target): string {
  const a = ctx.args;
  const q = ctx.quote;
  const w = ['clone', ...(a.bare ? ['--bare'] : []), '--origin', a.remote];
  if (a.depth && t.kind !== 'sha') w.push('--depth', String(a.depth));
  if (a.single_branch && t.kind !== 'sha') w.push('--single-branch');
  if (a.reference) w.push('--reference', a.reference);
  if (t.kind !== 'sha') w.push('--branch', t.name);
  w.push(a.repo, a.dest);
  const lines = [`"$GIT" ${w.map(q).join(' ')} || exit 1`];
  if (t.kind === 'sha' && !a.bare) lines.push(`cd ${q(a.dest)} && "$GIT" checkout --force ${q(t.name)} || exit 1`);
  if (a.recursive && !a.bare) lines.push(`cd ${q(a.dest)} && "$GIT" submodule update --init --recursive || exit 1`);
  return lines.join('\n');
}

export function updateScript(ctx: ModuleContext<GitArgs>, t: Target, urlChanged: boolean): string {
  const a = ctx.args;
  const q = ctx.quote;
  const r = q(a.remote);
  const lines = [`cd ${q(a.dest)} || exit 1`];
  if (urlChanged) lines.push(`"$GIT" remote set-url ${r} ${q(a.repo)} || exit 1`);
  const refspecs = ['+refs/heads/*:refs/remotes/' + a.remote + '/*', '+refs/tags/*:refs/tags/*', ...(a.refspec ? [a.refspec] : [])];
  lines.push(`"$GIT" fetch ${a.depth ? `--depth ${a.depth} ` : ''}${r} ${refspecs.map(q).join(' ')} || exit 1`);
  if (a.bare) return lines.join('\n');
  if (t.kind === 'branch') {
    lines.push(`"$GIT" checkout --force -B ${q(t.name)} ${q(`${a.remote}/${t.name}`)} >/dev/null 2>&1 || exit 1`,
      `"$GIT" reset --hard ${q(`${a.remote}/${t.name}`)} || exit 1`);
  } else lines.push(`"$GIT" checkout --force ${q(t.sha)} || exit 1`);
  if (a.recursive) lines.push(`"$GIT" submodule update --init --recursive ${a.track_submodules ? '--remote' : ''} || exit 1`);
  return lines.join('\n');
}
