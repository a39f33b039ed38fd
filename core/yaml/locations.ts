import type { SourceLocation } from '../errors.js';

/**
 * Where loaded YAML came from. Positions ride on the loaded objects and arrays themselves as
 * non-enumerable symbol properties, so they survive being passed around, never show up in
 * JSON or key iteration, and need no registry.
 */
export const LOCATION = Symbol.for('tsible.loc');
export const KEY_LOCATIONS = Symbol.for('tsible.keylocs');

type Located = { [LOCATION]?: SourceLocation; [KEY_LOCATIONS]?: Record<string, SourceLocation> };

function isObjectLike(node: unknown): node is object {
  return typeof node === 'object' && node !== null;
}

/** The file, line and column where a mapping, sequence or vaulted/unsafe scalar starts. */
export function locationOf(node: unknown): SourceLocation | undefined {
  return isObjectLike(node) ? (node as Located)[LOCATION] : undefined;
}

/** Where `key` of a loaded mapping was written (keys merged in with `<<` give the merged map's key). */
export function keyLocation(map: unknown, key: string): SourceLocation | undefined {
  if (!isObjectLike(map)) return undefined;
  const keys = (map as Located)[KEY_LOCATIONS];
  return keys && Object.prototype.hasOwnProperty.call(keys, key) ? keys[key] : undefined;
}

export function setLocation(node: object, loc: SourceLocation): void {
  if (Object.prototype.hasOwnProperty.call(node, LOCATION)) return;
  Object.defineProperty(node, LOCATION, { value: loc, enumerable: false, writable: true, configurable: true });
}

export function setKeyLocations(map: object, keys: Record<string, SourceLocation>): void {
  Object.defineProperty(map, KEY_LOCATIONS, { value: keys, enumerable: false, writable: true, configurable: true });
}

/** Copies positions from one node to its copy (deep clones of cached files keep their positions). */
export function copyLocations(from: object, to: object): void {
  const loc = (from as Located)[LOCATION];
  if (loc) setLocation(to, loc);
  const keys = (from as Located)[KEY_LOCATIONS];
  if (keys) setKeyLocations(to, keys);
}
