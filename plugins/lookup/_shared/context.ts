import type { LookupContext } from 'tsible';

/**
 * What a few lookups need beyond the LookupContext contract. The engine passes these when it can;
 * each lookup that uses one says what it does without it (see docs/plugins/lookup.md).
 */
export interface LookupExtras {
  /** Reads a controller file, decrypting it when the whole file is vault data (unvault, file). */
  loader?: { readFile(path: string): Promise<Buffer> };
  /** The resolved tsible settings (config lookup). */
  settings?: Readonly<Record<string, unknown>>;
  /**
   * The action of the task a `with_<lookup>` loop belongs to: Ansible's first_found then searches
   * `templates/` for template tasks and `vars/` for include_vars, instead of `files/`.
   */
  taskAction?: string;
}

export function extrasOf(ctx: LookupContext): LookupExtras {
  return ctx as LookupContext & LookupExtras;
}
