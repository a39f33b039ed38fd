import type { SettingDef } from './settings.js';

const TRUE = new Set(['y', 'yes', 'on', '1', 'true', 't']);
const FALSE = new Set(['n', 'no', 'off', '0', 'false', 'f', '']);

/** Ansible's boolean parsing for strings from ansible.cfg and the environment. */
export function parseBoolean(value: unknown): boolean | undefined {
  if (typeof value === 'boolean') return value;
  if (typeof value === 'number') return value !== 0;
  if (typeof value !== 'string') return undefined;
  const v = value.trim().toLowerCase();
  if (TRUE.has(v)) return true;
  if (FALSE.has(v)) return false;
  return undefined;
}

/** Path list separators as Ansible has them: roles_path and library use ':', the rest ','. */
function splitList(text: string, name: string): string[] {
  const sep = name === 'roles_path' || name === 'library' ? /[:,]/ : /,/;
  return text.split(sep).map((s) => s.trim()).filter(Boolean);
}

/**
 * Coerces a raw value to the setting's type. Returns `{ error }` with what was expected when it
 * cannot, so the caller can name the file or variable it came from.
 */
export function coerceSetting(name: string, def: SettingDef, raw: unknown): { value: unknown } | { error: string } {
  if (raw === null || raw === undefined) return { value: null };
  switch (def.type) {
    case 'boolean': {
      const b = parseBoolean(raw);
      return b === undefined ? { error: 'a boolean (true/false, yes/no)' } : { value: b };
    }
    case 'integer': case 'number': {
      const n = typeof raw === 'number' ? raw : typeof raw === 'string' && raw.trim() !== '' ? Number(raw) : NaN;
      if (!Number.isFinite(n) || (def.type === 'integer' && !Number.isInteger(n))) {
        return { error: def.type === 'integer' ? 'an integer' : 'a number' };
      }
      return { value: n };
    }
    case 'string': case 'path':
      return typeof raw === 'string' || typeof raw === 'number' ? { value: String(raw) } : { error: 'a string' };
    case 'list': case 'pathlist':
      if (Array.isArray(raw) && raw.every((x) => typeof x === 'string')) return { value: raw };
      if (typeof raw === 'string') return { value: splitList(raw, name) };
      return { error: 'a list of strings or a comma-separated string' };
    case 'object':
      return typeof raw === 'object' ? { value: raw } : { error: 'an object or a list' };
  }
}
