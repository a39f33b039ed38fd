import { defineModule, type ModuleContext, type ModuleResult } from 'tsible';
import { editFstab, type FstabEntry } from './_system/fstab.js';
import { parseSections, requireTool, runStep, section } from './_system/remote.js';
import { writeTextScript } from './_system/remote-file.js';

interface MountArgs {
  path: string; src?: string; fstype?: string; opts?: string; dump: string; passno: string; boot: boolean; backup: boolean;
  state: 'absent' | 'absent_from_fstab' | 'mounted' | 'present' | 'unmounted' | 'remounted' | 'ephemeral'; fstab: string;
}

function probeScript(ctx: ModuleContext<MountArgs>): string {
  const p = ctx.quote(ctx.args.path);
  return `${section('mounted')}
awk -v p=${p} '{ gsub(/\\\\040/, " ", $2); if ($2 == p) print "yes" }' /proc/mounts 2>/dev/null | head -n 1
${section('dir')}
[ -d ${p} ] && echo yes
${section('file')}
cat ${ctx.quote(ctx.args.fstab)} 2>/dev/null; exit 0`;
}

function entryOf(a: MountArgs): FstabEntry | undefined {
  if (!a.src || !a.fstype) return undefined;
  let opts = a.opts ?? 'defaults';
  if (!a.boot && !opts.split(',').includes('noauto')) opts = opts === 'defaults' ? 'noauto' : `${opts},noauto`;
  return { src: a.src, path: a.path, fstype: a.fstype, opts, dump: a.dump, passno: a.passno };
}

/** Shell for the live part of each state. */
function liveAction(ctx: ModuleContext<MountArgs>, e: FstabEntry | undefined, mounted: boolean, fstabChanged: boolean): string | undefined {
  const q = ctx.quote;
  const p = q(ctx.args.path);
  const mountCmd = e ? `mount -t ${q(e.fstype)} -o ${q(e.opts.split(',').filter((o) => o !== 'noauto').join(',') || 'defaults')} ${q(e.src)} ${p}` : '';
  switch (ctx.args.state) {
    case 'mounted': case 'ephemeral':
      if (!mounted) return `mkdir -p ${p} && ${mountCmd}`;
      return fstabChanged && ctx.args.state === 'mounted' ? `mount -o remount ${p}` : undefined;
    case 'unmounted': return mounted ? `umount ${p}` : undefined;
    case 'absent': return mounted ? `umount ${p} && { rmdir ${p} 2>/dev/null || true; }` : `rmdir ${p} 2>/dev/null || true`;
    case 'remounted': return `mount -o remount ${p}`;
    default: return undefined;
  }
}

/** Controls mounts and /etc/fstab entries (one probe, one action). */
export default defineModule<MountArgs>({
  name: 'mount',
  shortDescription: 'Control active and configured mount points',
  options: {
    path: { type: 'path', required: true, aliases: ['name'], description: 'Mount point.' },
    src: { type: 'path', description: 'Device (or remote export) to mount.' },
    fstype: { type: 'str', description: 'Filesystem type.' },
    opts: { type: 'str', description: 'Mount options (default "defaults").' },
    dump: { type: 'str', default: '0', description: 'fstab dump field.' },
    passno: { type: 'str', default: '0', description: 'fstab passno field.' },
    state: { type: 'str', required: true, choices: ['absent', 'absent_from_fstab', 'mounted', 'present', 'unmounted', 'remounted', 'ephemeral'], description: 'Desired state.' },
    fstab: { type: 'str', default: '/etc/fstab', description: 'The fstab file.' },
    boot: { type: 'bool', default: true, description: 'Mount at boot (false adds noauto).' },
    backup: { type: 'bool', default: false, description: 'Back up fstab before changing it.' },
  },
  checkMode: 'full',
  async run(ctx): Promise<ModuleResult> {
    const a = ctx.args;
    const needsSpec = ['present', 'mounted', 'ephemeral'].includes(a.state);
    const entry = entryOf(a);
    if (needsSpec && !entry) return { failed: true, changed: false, msg: `state is ${a.state} but all of the following are missing: src, fstype` };
    const probe = await runStep(ctx, probeScript(ctx), 'reading mounts');
    if (probe.failure) return probe.failure;
    const s = parseSections(probe.res.stdout);
    const mounted = (s.mounted ?? '').trim() === 'yes';
    const touchesFstab = ['present', 'mounted', 'absent', 'absent_from_fstab'].includes(a.state);
    const next = touchesFstab ? editFstab(s.file ?? '', a.path, ['absent', 'absent_from_fstab'].includes(a.state) ? undefined : entry) : undefined;
    const live = liveAction(ctx, entry, mounted, next !== undefined);
    const out: ModuleResult = { changed: next !== undefined || live !== undefined, name: a.path, src: a.src ?? null, fstype: a.fstype ?? null,
      opts: entry?.opts ?? a.opts ?? 'defaults', dump: a.dump, passno: a.passno, fstab: a.fstab, boot: a.boot ? 'yes' : 'no', backup_file: '' };
    if (!out.changed || ctx.check) return out;
    const parts: string[] = [];
    if (next !== undefined) parts.push(`{ ${writeTextScript(ctx, a.fstab, { backup: a.backup })}\n} <<'TSIBLE_FSTAB_EOF'\n${next}TSIBLE_FSTAB_EOF`);
    if (live) parts.push(requireTool('mount'), `${live} || exit $?`);
    const step = await runStep(ctx, parts.join('\n'), `mount ${a.state}`);
    if (step.failure) return { ...step.failure, msg: `Error ${a.state === 'unmounted' || a.state === 'absent' ? 'unmounting' : 'mounting'} ${a.path}: ${step.res.stderr.trim()}` };
    const m = /backup_file=(.*)/.exec(step.res.stdout);
    if (m) out.backup_file = m[1];
    return out;
  },
});
