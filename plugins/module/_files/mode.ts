import { ModuleArgsError } from 'tsible';

const SHIFT: Record<'u' | 'g' | 'o', number> = { u: 6, g: 3, o: 0 };
const SPECIAL: Record<'u' | 'g' | 'o', number> = { u: 0o4000, g: 0o2000, o: 0o1000 };

function classBits(who: 'u' | 'g' | 'o', perms: string, current: number, isDir: boolean): number {
  let rwx = 0;
  let special = 0;
  for (const ch of perms) {
    if (ch === 'r') rwx |= 4;
    else if (ch === 'w') rwx |= 2;
    else if (ch === 'x') rwx |= 1;
    else if (ch === 'X') rwx |= isDir || (current & 0o111) !== 0 ? 1 : 0;
    else if (ch === 'u' || ch === 'g' || ch === 'o') rwx |= (current >> SHIFT[ch]) & 7;
    else if (ch === 's' && who !== 'o') special |= SPECIAL[who];
    else if (ch === 't' && who === 'o') special |= SPECIAL.o;
  }
  return (rwx << SHIFT[who]) | special;
}

/** Applies one chmod-style clause (`ug+rw`, `o=`, `a-x+X`) to `mode`, as Ansible does (no umask). */
function applyClause(clause: string, mode: number, isDir: boolean): number {
  const m = /^([ugoa]*)((?:[-+=][rwxXstugo]*)+)$/.exec(clause);
  if (!m) throw new ModuleArgsError(`bad symbolic permission for mode: ${clause}`);
  const who = (!m[1] || m[1].includes('a') ? 'ugo' : m[1]).split('') as Array<'u' | 'g' | 'o'>;
  let out = mode;
  for (const [, op, perms] of m[2].matchAll(/([-+=])([rwxXstugo]*)/g)) {
    const base = out;
    for (const w of new Set(who)) {
      const bits = classBits(w, perms, base, isDir);
      if (op === '+') out |= bits;
      else if (op === '-') out &= ~bits;
      else out = (out & ~((7 << SHIFT[w]) | SPECIAL[w])) | bits;
    }
  }
  return out;
}

/**
 * The permission bits a `mode:` argument asks for, given the path's current bits (or what a new
 * path would get). Ints are taken as given (YAML `0644` is already 420); digit strings are
 * octal; anything else is a comma-separated symbolic mode. Returns undefined for no mode.
 */
export function resolveMode(mode: unknown, current: number, isDir: boolean): number | undefined {
  if (mode === undefined || mode === null || mode === '') return undefined;
  if (typeof mode === 'number') return mode & 0o7777;
  const text = String(mode).trim();
  if (/^0?o?[0-7]+$/.test(text)) return parseInt(text.replace(/^0o/, ''), 8) & 0o7777;
  let out = current & 0o7777;
  for (const clause of text.split(',')) out = applyClause(clause.trim(), out, isDir);
  return out;
}

/** The bits of a numeric or octal `mode:`; undefined for none and for a symbolic mode (it needs the current bits). */
export function absoluteMode(mode: unknown): number | undefined {
  if (typeof mode === 'number') return mode & 0o7777;
  const text = typeof mode === 'string' ? mode.trim() : '';
  return /^0?o?[0-7]+$/.test(text) ? parseInt(text.replace(/^0o/, ''), 8) & 0o7777 : undefined;
}

/** Four-digit octal text as Ansible returns `mode`. */
export function octal(mode: number): string {
  return (mode & 0o7777).toString(8).padStart(4, '0');
}
