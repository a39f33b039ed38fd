import type { ModuleContext, ModuleResult } from 'tsible';
import type { AptArgs } from './apt.js';
import { parseKeyValues, requireTool, runStep } from './remote.js';

const ENV = 'DEBIAN_FRONTEND=noninteractive DEBCONF_NONINTERACTIVE_SEEN=true; export DEBIAN_FRONTEND DEBCONF_NONINTERACTIVE_SEEN';

/** Shell that leaves the .deb's path in $deb: a target path as is, a URL downloaded with curl or wget. */
function fetchDeb(ctx: ModuleContext<AptArgs>, deb: string): string {
  if (!/^(https?|ftp):\/\//.test(deb)) return `deb=${ctx.quote(deb)}`;
  const u = ctx.quote(deb);
  return `d=$(mktemp -d "\${TMPDIR:-/tmp}/tsible-deb.XXXXXX") || exit 1; trap 'rm -rf "$d"' EXIT; deb="$d/package.deb"
if command -v curl >/dev/null 2>&1; then curl -fsSL -o "$deb" ${u} || exit 1; else wget -q -O "$deb" ${u} || exit 1; fi`;
}

/**
 * apt's `deb=`: installs a .deb file with dpkg -i (then `apt-get -f install` for missing
 * dependencies) unless the same version is already installed. One script: probe and action.
 */
export async function installDeb(ctx: ModuleContext<AptArgs>, deb: string): Promise<ModuleResult> {
  const a = ctx.args;
  const opts = a.dpkg_options.split(',').filter(Boolean).map((o) => ctx.quote(`--${o}`)).join(' ');
  const script = `${requireTool('dpkg')}
${ENV}
${fetchDeb(ctx, deb)}
[ -f "$deb" ] || { echo "nodeb=1"; exit 0; }
pkg=$(dpkg-deb -f "$deb" Package) || exit 1; ver=$(dpkg-deb -f "$deb" Version)
have=$(dpkg-query -W -f='\${Status} \${Version}' "$pkg" 2>/dev/null | awk '$3 == "installed" {print $4}')
echo "pkg=$pkg"; echo "ver=$ver"; echo "have=$have"
if [ "$have" = "$ver" ]; then exit 0; fi
echo "changed=1"
${ctx.check ? 'exit 0' : `echo '@@out@@'
dpkg ${opts} -i "$deb" || apt-get -y -q -o DPkg::Lock::Timeout=${a.lock_timeout} -f install || exit 1`}`;
  const step = await runStep(ctx, script, 'dpkg -i');
  const kv = parseKeyValues(step.res.stdout.split('@@out@@')[0]);
  if (kv.nodeb) return { failed: true, changed: false, msg: `Unable to install package: ${deb} does not exist` };
  if (step.failure) return { ...step.failure, msg: `Unable to install package: ${step.res.stderr.trim()}` };
  const out: ModuleResult = { changed: kv.changed === '1' };
  if (out.changed && !ctx.check) Object.assign(out, { stdout: step.res.stdout.split('@@out@@\n')[1] ?? '', stderr: step.res.stderr });
  if (ctx.diff && out.changed) out.diff = { prepared: `${kv.pkg} ${kv.have || '(none)'} → ${kv.ver}` };
  return out;
}
