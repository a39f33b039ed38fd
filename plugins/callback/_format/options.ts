/** Reading a callback's options: its own option first, then the global setting of the same name. */
import type { CallbackContext } from 'tsible';

export function boolOption(ctx: CallbackContext, name: string, fallback: boolean): boolean {
  const v = ctx.options[name] ?? ctx.settings[name];
  if (v === undefined || v === null) return fallback;
  if (typeof v === 'string') return ['1', 'true', 'yes', 'on', 'y', 't'].includes(v.toLowerCase());
  return Boolean(v);
}

export function stringOption(ctx: CallbackContext, name: string, fallback: string): string {
  const v = ctx.options[name] ?? ctx.settings[name];
  return v === undefined || v === null || v === '' ? fallback : String(v);
}

export function numberOption(ctx: CallbackContext, name: string, fallback: number): number {
  const v = Number(ctx.options[name] ?? ctx.settings[name]);
  return Number.isFinite(v) ? v : fallback;
}
