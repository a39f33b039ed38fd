import { defineModule, type ModuleResult } from 'tsible';
import { editKnownHosts, keyNamesHost } from './_system/known-hosts.js';
import { FILE_FACTS_FUNCTION, octalMode } from './_system/attrs.js';
import { parseKeyValues, parseSections, runStep, section } from './_system/remote.js';
import { writeTextScript } from './_system/remote-file.js';

/** Ansible reports the file's attributes (and state 'file') after the change. */
function fileFacts(text: string | undefined): ModuleResult {
  const kv = parseKeyValues(text ?? '');
  if (!kv.uid) return {};
  return { state: 'file', uid: Number(kv.uid), gid: Number(kv.gid), owner: kv.owner, group: kv.group, mode: octalMode(kv.mode), size: Number(kv.size) };
}

interface KnownHostsArgs { name: string; key?: string; path: string; hash_host: boolean; state: 'present' | 'absent' }

/** Adds or removes a host key in a known_hosts file; the file is edited on the controller. */
export default defineModule<KnownHostsArgs>({
  name: 'known_hosts',
  shortDescription: 'Add or remove a host from the known_hosts file',
  options: {
    name: { type: 'str', required: true, aliases: ['host'], description: 'The host (or [host]:port).' },
    key: { type: 'str', noLog: false, description: 'The known_hosts line for the host.' },
    path: { type: 'path', default: '~/.ssh/known_hosts', description: 'The known_hosts file.' },
    hash_host: { type: 'bool', default: false, description: 'Hash the host name.' },
    state: { type: 'str', default: 'present', choices: ['absent', 'present'], description: 'Whether the key should be present.' },
  },
  checkMode: 'full',
  async run(ctx): Promise<ModuleResult> {
    const a = ctx.args;
    const host = a.name.toLowerCase();
    const base = { hash_host: a.hash_host, key: a.key ?? null, name: host, path: a.path, state: a.state };
    if (a.state === 'present' && !a.key) return { failed: true, changed: false, msg: 'state is present but all of the following are missing: key' };
    if (a.key) {
      const bad = keyNamesHost(a.key, host);
      if (bad) return { failed: true, changed: false, msg: bad, ...base };
    }
    const path = a.path.startsWith('~/') ? `"$HOME"/${ctx.quote(a.path.slice(2))}` : ctx.quote(a.path);
    const probe = await runStep(ctx, `${FILE_FACTS_FUNCTION}\n${section('home')}\necho "$HOME"\n${section('stat')}\nfile_facts ${path}\n${section('file')}\ncat ${path} 2>/dev/null; exit 0`, 'reading known_hosts');
    if (probe.failure) return probe.failure;
    const s = parseSections(probe.res.stdout);
    const realPath = a.path.startsWith('~/') ? `${(s.home ?? '').trim()}/${a.path.slice(2)}` : a.path;
    const before = s.file ?? '';
    const after = editKnownHosts(before, host, a.state === 'present' ? a.key : undefined, a.hash_host);
    const out: ModuleResult = { changed: after !== undefined, ...base, path: realPath, ...fileFacts(s.stat) };
    if (after !== undefined) out.diff = { before_header: s.stat?.trim() ? realPath : '/dev/null', after_header: realPath, before, after };
    if (after === undefined || ctx.check) return out;
    const write = `${FILE_FACTS_FUNCTION}\n${writeTextScript(ctx, realPath, { newMode: '0644', createDirMode: '0700' })}\nfile_facts ${ctx.quote(realPath)}`;
    const step = await runStep(ctx, write, 'writing known_hosts', { stdin: after });
    if (step.failure) return { ...step.failure, ...base };
    return { ...out, ...fileFacts(step.res.stdout) };
  },
});
