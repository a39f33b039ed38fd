/** getent with a fallback to the flat files, for targets whose libc has no getent (busybox). */
export const LOOKUP_FUNCTION = `lookup() { getent "$1" "$2" 2>/dev/null || grep "^$2:" "/etc/$1" 2>/dev/null; }`;

export interface PasswdEntry { name: string; password: string; uid: number; gid: number; comment: string; home: string; shell: string }

export function parsePasswd(line: string | undefined): PasswdEntry | undefined {
  const f = line?.trim().split('\n')[0]?.split(':');
  if (!f || f.length < 7) return undefined;
  return { name: f[0], password: f[1], uid: Number(f[2]), gid: Number(f[3]), comment: f[4], home: f[5], shell: f[6] };
}

export interface GroupEntry { name: string; gid: number; members: string[] }

export function parseGroup(line: string | undefined): GroupEntry | undefined {
  const f = line?.trim().split('\n')[0]?.split(':');
  if (!f || f.length < 3) return undefined;
  return { name: f[0], gid: Number(f[2]), members: (f[3] ?? '').split(',').filter(Boolean) };
}

/** Runs `args` as one shell command line with each word quoted. */
export function commandLine(quote: (s: string) => string, words: string[]): string {
  return words.map(quote).join(' ');
}
