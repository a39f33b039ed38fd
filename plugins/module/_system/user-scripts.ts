import type { ModuleContext } from 'tsible';
import { LOOKUP_FUNCTION, commandLine, parseGroup, parsePasswd } from './accounts.js';
import { parseSections, requireTool } from './remote.js';
import type { UserArgs, UserProbe } from './user-plan.js';

export function probeScript(ctx: ModuleContext<UserArgs>): string {
  const q = ctx.quote;
  const a = ctx.args;
  const n = q(a.name);
  const groups = (a.groups ?? []).map((g) => g.trim()).filter(Boolean);
  return `${LOOKUP_FUNCTION}
echo '@@passwd@@'; lookup passwd ${n}
echo '@@primary@@'; id -gn ${n} 2>/dev/null
echo '@@groups@@'; id -Gn ${n} 2>/dev/null
echo '@@shadow@@'; { getent shadow ${n} 2>/dev/null || grep "^"${n}: /etc/shadow 2>/dev/null; } | cut -d: -f2,8
echo '@@group@@'; ${a.group !== undefined ? `lookup group ${q(a.group)}` : ':'}
echo '@@namegroup@@'; lookup group ${n}
echo '@@missing@@'; for g in ${groups.length ? groups.map(q).join(' ') : ''}; do lookup group "$g" >/dev/null || echo "$g"; done
exit 0`;
}

export function parseProbe(stdout: string): UserProbe {
  const s = parseSections(stdout);
  const primary = (s.primary ?? '').trim();
  const shadow = (s.shadow ?? '').trim().split('\n')[0] ?? '';
  const [hash, expire] = shadow ? shadow.split(':') : [undefined, undefined];
  return {
    user: parsePasswd(s.passwd),
    groups: (s.groups ?? '').trim().split(/\s+/).filter((g) => g && g !== primary),
    hash, expireDays: expire,
    groupGid: parseGroup(s.group)?.gid,
    nameGroupExists: parseGroup(s.namegroup) !== undefined,
    missingGroups: (s.missing ?? '').split('\n').map((l) => l.trim()).filter(Boolean),
  };
}

function sshKeyScript(ctx: ModuleContext<UserArgs>): string {
  const a = ctx.args;
  const q = ctx.quote;
  const file = a.ssh_key_file ?? '.ssh/id_rsa';
  const kf = file.startsWith('/') ? q(file) : `"$home"/${q(file)}`;
  const keygen = ['ssh-keygen', '-q', '-t', a.ssh_key_type, ...(a.ssh_key_bits ? ['-b', String(a.ssh_key_bits)] : [])];
  return `${requireTool('ssh-keygen')}
home=$(lookup passwd ${q(a.name)} | cut -d: -f6); kf=${kf}
if [ ! -e "$kf" ]; then
  kd=$(dirname "$kf"); [ -d "$kd" ] || { mkdir -p "$kd" && chmod 700 "$kd" && chown ${q(a.name)} "$kd"; }
  ${commandLine(q, keygen)} -C "${a.ssh_key_comment !== undefined ? '$kc' : 'ansible-generated on $(hostname)'}" -N ${q(a.ssh_key_passphrase ?? '')} -f "$kf" </dev/null >/dev/null || exit 1
  chown ${q(a.name)} "$kf" "$kf.pub"; echo '@@keynew@@'
fi
echo '@@keyfile@@'; echo "$kf"
echo '@@fingerprint@@'; ssh-keygen -l -f "$kf"
echo '@@pubkey@@'; cat "$kf.pub"`.replace('"$kc"', q(a.ssh_key_comment ?? ''));
}

/** The action: useradd/usermod, the password through chpasswd on stdin, the ssh key, then the final state. */
export function actionScript(ctx: ModuleContext<UserArgs>, words: string[], setPassword: boolean, reportAfter = true): string {
  const q = ctx.quote;
  const n = q(ctx.args.name);
  const lines = [LOOKUP_FUNCTION];
  if (words.length) lines.push(requireTool(words[0]), `${commandLine(q, words)} || exit $?`);
  if (setPassword) lines.push(`if command -v chpasswd >/dev/null 2>&1; then chpasswd -e || exit $?; else IFS=: read -r _ h; usermod -p "$h" ${n} || exit $?; fi`);
  if (ctx.args.generate_ssh_key) lines.push(sshKeyScript(ctx));
  if (reportAfter) lines.push(`echo '@@passwd@@'; lookup passwd ${n}`);
  lines.push('exit 0');
  return lines.join('\n');
}
