import { accessSync, constants, statSync } from 'node:fs';

/** Ansible's base verify_file: the source is an existing, readable file (not a directory). */
export function isReadableFile(path: string): boolean {
  try {
    accessSync(path, constants.R_OK);
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

export function hasExtension(path: string, exts: readonly string[]): boolean {
  const base = path.slice(path.lastIndexOf('/') + 1);
  const dot = base.lastIndexOf('.');
  const ext = dot > 0 ? base.slice(dot) : '';
  return exts.includes(ext);
}
