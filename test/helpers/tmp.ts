import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

/** A temp directory populated from a map of relative path → content; removed by `cleanup()`. */
export function tempProject(files: Record<string, string> = {}, prefix = 'tsible-test-'): { dir: string; write(rel: string, content: string): string; cleanup(): void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  const write = (rel: string, content: string) => {
    const path = join(dir, rel);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, content);
    return path;
  };
  for (const [rel, content] of Object.entries(files)) write(rel, content);
  return { dir, write, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Environment for a kernel under test: no ANSIBLE_/TSIBLE_ variables leak in from the machine. */
export function cleanEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!/^(ANSIBLE|TSIBLE)_/.test(k)) env[k] = v;
  return { ...env, ...extra };
}
