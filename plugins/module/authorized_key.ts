import { defineModule, type ModuleContext, type ModuleResult } from 'tsible';
import { editAuthorizedKeys, parseKey, type ParsedKey } from './_system/authorized-keys.js';
import { LOOKUP_FUNCTION } from './_system/accounts.js';
import { parseSections, runStep, section } from './_system/remote.js';
import { writeTextScript } from './_system/remote-file.js';

interface AuthorizedKeyArgs {
  user: string; key: string; path?: string; manage_dir: boolean; state: 'present' | 'absent'; key_options?: string;
  exclusive: boolean; validate_certs: boolean; comment?: string; follow: boolean;
}

/** A key given as a URL (e.g. https://github.com/<user>.keys) is fetched by the controller. */
async function keyText(ctx: ModuleContext<AuthorizedKeyArgs>): Promise<string> {
  const key = ctx.args.key;
  if (!/^https?:\/\//.test(key)) return key;
  const res = await fetch(key, { signal: ctx.signal });
  if (!res.ok) throw new Error(`Error getting key from: ${key}`);
  return res.text();
}

function probeScript(ctx: ModuleContext<AuthorizedKeyArgs>): string {
  const u = ctx.quote(ctx.args.user);
  const path = ctx.args.path ? ctx.quote(ctx.args.path) : '"$home/.ssh/authorized_keys"';
  return `${LOOKUP_FUNCTION}
line=$(lookup passwd ${u}) || { echo '@@nouser@@'; exit 0; }
home=$(printf '%s' "$line" | cut -d: -f6)
f=${path}
${ctx.args.follow ? 'if [ -L "$f" ]; then f=$(readlink -f "$f"); fi' : ''}
${section('path')}
echo "$f"
${section('file')}
cat "$f" 2>/dev/null; exit 0`;
}

/** Adds or removes SSH public keys in a user's authorized_keys; edited on the controller, one write. */
export default defineModule<AuthorizedKeyArgs>({
  name: 'authorized_key',
  shortDescription: 'Adds or removes an SSH authorized key',
  options: {
    user: { type: 'str', required: true, description: 'The user whose authorized_keys is edited.' },
    key: { type: 'str', required: true, noLog: false, description: 'The public key(s), one per line, or a URL.' },
    path: { type: 'path', description: 'Alternate authorized_keys path.' },
    manage_dir: { type: 'bool', default: true, description: 'Create ~/.ssh (0700) and set ownership.' },
    state: { type: 'str', default: 'present', choices: ['absent', 'present'], description: 'Whether the key(s) should be present.' },
    key_options: { type: 'str', description: 'Options prepended to the key(s).' },
    exclusive: { type: 'bool', default: false, description: 'Remove every other key.' },
    validate_certs: { type: 'bool', default: true, description: 'Verify TLS when key is a URL.' },
    comment: { type: 'str', description: 'Replace the key comment.' },
    follow: { type: 'bool', default: false, description: 'Follow a symlinked path.' },
  },
  checkMode: 'full',
  async run(ctx): Promise<ModuleResult> {
    const a = ctx.args;
    let text: string;
    try {
      text = await keyText(ctx);
    } catch (err) {
      return { failed: true, changed: false, msg: (err as Error).message };
    }
    const keys = text.split('\n').filter((l) => l.trim() && !l.trim().startsWith('#')).map((l) => [l, parseKey(l)] as const);
    const invalid = keys.find(([, k]) => !k);
    if (invalid) return { failed: true, changed: false, msg: `invalid key specified: ${invalid[0]}` };
    const probe = await runStep(ctx, probeScript(ctx), 'reading authorized_keys');
    if (probe.failure) return probe.failure;
    const s = parseSections(probe.res.stdout);
    if (s.nouser !== undefined) return { failed: true, changed: false, msg: `Failed to lookup user ${a.user}: user not found` };
    const path = (s.path ?? '').trim();
    const before = s.file ?? '';
    const after = editAuthorizedKeys(before, keys.map(([, k]) => k as ParsedKey),
      { present: a.state === 'present', exclusive: a.exclusive, keyOptions: a.key_options, comment: a.comment });
    const out: ModuleResult = { changed: after !== undefined, comment: a.comment ?? null, exclusive: a.exclusive, follow: a.follow, key: a.key,
      key_options: a.key_options ?? null, keyfile: path, manage_dir: a.manage_dir, path: a.path ?? null, state: a.state, user: a.user, validate_certs: a.validate_certs };
    if (after !== undefined && ctx.diff) out.diff = { before, after, before_header: path, after_header: path };
    if (after === undefined || ctx.check) return out;
    const owner = a.manage_dir ? `${a.user}:` : undefined;
    const step = await runStep(ctx, writeTextScript(ctx, path, { newMode: '0600', owner, createDirMode: a.manage_dir ? '0700' : undefined }),
      'writing authorized_keys', { stdin: after });
    if (step.failure) return step.failure;
    return out;
  },
});
