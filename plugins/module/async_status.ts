import { defineModule, type ModuleResult } from 'tsible';
import { parseSections, remotePath, section } from './_system/remote.js';

interface AsyncStatusArgs { jid: string; mode: 'status' | 'cleanup'; _async_dir?: string }

/** What the job file said, completed with started/finished as Ansible's async_status does. */
export function interpretJobFile(jid: string, resultsFile: string, data: string): ModuleResult {
  if (!data.trim()) return { ansible_job_id: jid, results_file: resultsFile, started: 1, finished: 0, changed: false };
  let parsed: Record<string, unknown>;
  try {
    parsed = JSON.parse(data) as Record<string, unknown>;
  } catch {
    return { failed: true, changed: false, ansible_job_id: jid, results_file: resultsFile, started: 1, finished: 1,
      msg: `Could not parse job output: ${data}` };
  }
  const out: ModuleResult = { ...parsed, ansible_job_id: jid, results_file: resultsFile };
  if (!('started' in parsed)) {
    out.finished = 1;
    out.started = 1;
  } else if (!('finished' in parsed)) out.finished = 0;
  return out;
}

/**
 * Reports an async job from its job file `<async_dir>/<jid>` (JSON, see docs/modules/system.md),
 * or removes the file in cleanup mode. One round trip.
 */
export default defineModule<AsyncStatusArgs>({
  name: 'async_status',
  shortDescription: 'Obtain status of asynchronous task',
  options: {
    jid: { type: 'str', required: true, description: 'Job or task identifier.' },
    mode: { type: 'str', default: 'status', choices: ['status', 'cleanup'], description: 'Report the status or remove the job file.' },
    _async_dir: { type: 'path', description: 'Directory of job files (default: ansible_async_dir or ~/.ansible_async).' },
  },
  checkMode: 'full',
  async run(ctx) {
    const { jid, mode } = ctx.args;
    const dir = ctx.args._async_dir ?? String(ctx.vars.ansible_async_dir ?? '~/.ansible_async');
    const file = `${dir.replace(/\/+$/, '')}/${jid}`;
    const q = remotePath(ctx, file);
    const script = mode === 'cleanup'
      ? `rm -f -- ${q}; echo "$HOME"`
      : `${section('home')}\necho "$HOME"\nif [ -e ${q} ]; then ${section('data')}; cat -- ${q}; else ${section('missing')}; fi`;
    const res = await ctx.exec(script);
    const home = mode === 'cleanup' ? res.stdout.trim() : (parseSections(res.stdout).home ?? '').trim();
    const shown = file.startsWith('~/') ? `${home}/${file.slice(2)}` : file;
    if (mode === 'cleanup') return { changed: false, ansible_job_id: jid, erased: shown };
    const sections = parseSections(res.stdout);
    if (sections.data === undefined) {
      return { failed: true, changed: false, msg: 'could not find job', ansible_job_id: jid, started: 1, finished: 1 };
    }
    return interpretJobFile(jid, shown, sections.data);
  },
});
