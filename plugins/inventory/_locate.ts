import type { InventorySourceContext, SourceLocation } from 'tsible';

/** The YAML loader keeps positions on loaded objects under these well-known symbols. */
const LOCATION = Symbol.for('tsible.loc');
const KEY_LOCATIONS = Symbol.for('tsible.keylocs');

type Located = { [LOCATION]?: SourceLocation; [KEY_LOCATIONS]?: Record<string, SourceLocation> };

/** Where a loaded mapping (or one of its keys) was written, for errors that name file:line. */
export function locate(ctx: InventorySourceContext, node: unknown, key?: string): SourceLocation | undefined {
  if (typeof node !== 'object' || node === null) return undefined;
  if (key !== undefined) {
    const keys = (node as Located)[KEY_LOCATIONS];
    if (keys && Object.prototype.hasOwnProperty.call(keys, key)) return keys[key];
  }
  return ctx.locate?.(node) ?? (node as Located)[LOCATION];
}

export function where(loc: SourceLocation | undefined, fallback: string): string {
  return loc ? `${loc.file}:${loc.line}:${loc.column}` : fallback;
}

export function typeName(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (Array.isArray(value)) return 'list';
  if (typeof value === 'object') return 'dict';
  if (typeof value === 'string') return 'str';
  if (typeof value === 'number') return Number.isInteger(value) ? 'int' : 'float';
  if (typeof value === 'boolean') return 'bool';
  return typeof value;
}
