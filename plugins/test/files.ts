/** Ansible's file tests, evaluated on the controller as Ansible does. */
import { existsSync, lstatSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { isAbsolute } from 'node:path';
import { defineTests, pyStr, type TestFunction } from 'tsible';

const expand = (p: unknown): string => pyStr(p).replace(/^~(?=$|\/)/, homedir());

function stat(p: unknown, follow: boolean): ReturnType<typeof statSync> | undefined {
  try {
    return follow ? statSync(expand(p)) : lstatSync(expand(p));
  } catch {
    return undefined;
  }
}

const tests: Record<string, TestFunction> = {
  directory: (p) => stat(p, true)?.isDirectory() ?? false,
  file: (p) => stat(p, true)?.isFile() ?? false,
  link: (p) => stat(p, false)?.isSymbolicLink() ?? false,
  exists: (p) => existsSync(expand(p)),
  link_exists: (p) => stat(p, false) !== undefined,
  abs: (p) => isAbsolute(pyStr(p)),
  same_file: (a, b) => {
    const x = stat(a, true);
    const y = stat(b, true);
    return Boolean(x && y && x.ino === y.ino && x.dev === y.dev);
  },
  mount: (p) => {
    const s = stat(p, true);
    const parent = stat(`${expand(p).replace(/\/+$/, '')}/..`, true);
    return Boolean(s && parent && (s.dev !== parent.dev || s.ino === parent.ino));
  },
};
tests.is_dir = tests.directory;
tests.is_file = tests.file;
tests.is_link = tests.link;
tests.is_abs = tests.abs;
tests.is_same_file = tests.same_file;
tests.is_mount = tests.mount;

export default defineTests({ name: 'files', tests });
