export interface ParsedKey { options?: string; type: string; blob: string; comment?: string }

const TYPE = /^(ssh-(rsa|dss|ed25519)|ecdsa-sha2-nistp(256|384|521)|sk-ecdsa-sha2-nistp256@openssh\.com|sk-ssh-ed25519@openssh\.com|[a-z0-9-]+-cert-v01@openssh\.com)$/;

/** Splits leading options (which may contain quoted spaces) from the key type. */
function splitOptions(line: string): [string | undefined, string] {
  let inQuote = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (c === '"' && line[i - 1] !== '\\') inQuote = !inQuote;
    if (!inQuote && /\s/.test(c)) return [line.slice(0, i), line.slice(i).trim()];
  }
  return [line, ''];
}

export function parseKey(line: string): ParsedKey | undefined {
  const t = line.trim();
  if (!t || t.startsWith('#')) return undefined;
  let options: string | undefined;
  let rest = t;
  if (!TYPE.test(t.split(/\s+/)[0])) {
    [options, rest] = splitOptions(t);
  }
  const f = rest.split(/\s+/);
  if (f.length < 2 || !TYPE.test(f[0])) return undefined;
  return { options, type: f[0], blob: f[1], comment: f.slice(2).join(' ') || undefined };
}

export function formatKey(k: ParsedKey): string {
  return [k.options, k.type, k.blob, k.comment].filter((x) => x !== undefined && x !== '').join(' ');
}

export interface EditOptions { present: boolean; exclusive: boolean; keyOptions?: string; comment?: string }

/** The authorized_keys content after adding/removing `keys`, or undefined when unchanged. */
export function editAuthorizedKeys(content: string, keys: ParsedKey[], o: EditOptions): string | undefined {
  const lines = content === '' ? [] : content.replace(/\n$/, '').split('\n');
  const wanted = keys.map((k) => ({ ...k, options: o.keyOptions ?? k.options, comment: o.comment ?? k.comment }));
  const out: string[] = [];
  const placed = new Set<string>();
  for (const l of lines) {
    const k = parseKey(l);
    if (!k) { out.push(l); continue; }
    const w = wanted.find((x) => x.blob === k.blob && x.type === k.type);
    if (!o.present) { if (!w) out.push(l); continue; }
    if (w && !placed.has(w.blob)) {
      placed.add(w.blob);
      const same = (k.options ?? '') === (w.options ?? '') && (o.comment === undefined || (k.comment ?? '') === (w.comment ?? ''));
      out.push(same ? l : formatKey({ ...w, comment: o.comment ?? k.comment ?? w.comment }));
    } else if (!o.exclusive && !w) out.push(l);
  }
  if (o.present) for (const w of wanted) if (!placed.has(w.blob)) { placed.add(w.blob); out.push(formatKey(w)); }
  const next = out.length ? `${out.join('\n')}\n` : '';
  return next === content ? undefined : next;
}
