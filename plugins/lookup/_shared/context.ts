import type { LookupContext } from 'tsible';

/** The optional parts of LookupContext a few lookups use (kept for the lookups' own imports). */
export type LookupExtras = Pick<LookupContext, 'loader' | 'settings' | 'taskAction'>;

export function extrasOf(ctx: LookupContext): LookupExtras {
  return ctx;
}
