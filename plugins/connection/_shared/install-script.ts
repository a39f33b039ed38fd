import { randomBytes } from 'node:crypto';
import { posix } from 'node:path';
import { shellQuote, type PutOptions } from 'tsible';

/** A temp name next to `target`, so the final rename stays on one file system (atomic). */
export function siblingTempPath(target: string): string {
  const dir = posix.dirname(target);
  const base = posix.basename(target);
  return posix.join(dir, `.${base}.${randomBytes(6).toString('hex')}.tsible-tmp`);
}

/** `owner:group`, `owner` or `:group` for chown, or undefined when neither is set. */
export function chownSpec(options: Pick<PutOptions, 'owner' | 'group'>): string | undefined {
  if (!options.owner && !options.group) return undefined;
  return `${options.owner ?? ''}${options.group ? `:${options.group}` : ''}`;
}

/**
 * A POSIX sh script that copies its stdin into `target` with the requested mode and owner. With
 * `atomic` (default) the bytes land in a sibling temp file renamed over the target, and a replaced
 * file keeps its permissions unless a mode is given.
 */
export function installFromStdinScript(target: string, options: PutOptions = {}): string {
  const t = shellQuote(target);
  const atomic = options.atomic !== false;
  const dest = atomic ? shellQuote(siblingTempPath(target)) : t;
  const steps: string[] = [];
  if (options.mode !== undefined) steps.push('umask 077');
  steps.push(`cat > ${dest}`);
  steps.push(...attributeSteps(dest, t, options, atomic));
  if (atomic) steps.push(`mv -f ${dest} ${t}`);
  const body = steps.join(' && ');
  return atomic ? `${body} || { rc=$?; rm -f ${dest}; exit $rc; }` : body;
}

/** Steps that give `file` its final mode and owner, once the bytes are in place. */
export function attributeSteps(file: string, target: string, options: PutOptions, keepExisting: boolean): string[] {
  const steps: string[] = [];
  if (options.mode !== undefined) steps.push(`chmod ${(options.mode & 0o7777).toString(8)} ${file}`);
  else if (keepExisting) steps.push(`{ [ ! -e ${target} ] || chmod "$(stat -c %a ${target} 2>/dev/null || stat -f %Lp ${target})" ${file}; }`);
  const spec = chownSpec(options);
  if (spec) steps.push(`chown ${shellQuote(spec)} ${file}`);
  return steps;
}
