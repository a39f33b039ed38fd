import { defineModule, type ModuleResult } from 'tsible';
import { editKnownHosts, keyNamesHost } from './_system/known-hosts.js';
import { parseSections, runStep, section } from './_system/remote.js';
import { writeTextScript } from './_system/remote-file.js';

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
    const probe = await runStep(ctx, `${section('home')}\necho "$HOME"\n${section('file')}\ncat ${path} 2>/dev/null; exit 0`, 'reading known_hosts');
    if (probe.failure) return probe.failure;
    const s = parseSections(probe.res.stdout);
    const realPath = a.path.startsWith('~/') ? `${(s.home ?? '').trim()}/${a.path.slice(2)}` : a.path;
    const before = s.file ?? '';
    const after = editKnownHosts(before, host, a.state === 'present' ? a.key : undefined, a.hash_host);
    const out: ModuleResult = { changed: after !== undefined, ...base, path: realPath };
    if (after !== undefined && ctx.diff) out.diff = { before_header: realPath, after_header: realPath, before, after };
    if (after === undefined || ctx.check) return out;
    const step = await runStep(ctx, writeTextScript(ctx, realPath, { newMode: '0644', createDirMode: '0700' }), 'writing known_hosts', { stdin: after });
    if (step.failure) return { ...step.failure, ...base };
    return out;
  },
});
