import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, normalize } from 'node:path';

export const FIXTURES = join(__dirname, '..', '..', 'fixtures', 'lookup');

export interface ExpectedCase {
  name: string;
  expr?: string;
  loop?: Record<string, unknown>;
  msg?: string;
  role?: boolean;
  match?: string;
  direct?: boolean;
  /** Why the engine (not the lookup) differs from Ansible here, until it is fixed. */
  engine_gap?: string;
  failed?: boolean;
  error?: string;
  value?: unknown;
}

export interface Expected {
  generator: string;
  vars: Record<string, unknown>;
  cases: ExpectedCase[];
}

export function loadExpected(): Expected {
  return JSON.parse(readFileSync(join(FIXTURES, 'expected.json'), 'utf8')) as Expected;
}

/** A writable copy of the fixture project plus the scratch directory the password cases use. */
export function copyProject(): { root: string; project: string; scratch: string; cleanup(): void } {
  const root = mkdtempSync(join(tmpdir(), 'tsible-lookup-'));
  const project = join(root, 'project');
  cpSync(join(FIXTURES, 'project'), project, { recursive: true });
  const scratch = join(root, 'tmp');
  mkdirSync(join(scratch, 'pw'), { recursive: true });
  writeFileSync(join(scratch, 'pw', 'existing'), 'stored-pass\n');
  return { root, project, scratch, cleanup: () => rmSync(root, { recursive: true, force: true }) };
}

/** A static file server over `dir` on 127.0.0.1 (what regenerate.sh gets from python -m http.server). */
export async function serveDirectory(dir: string): Promise<{ port: number; server: Server }> {
  const server = createServer((req, res) => {
    const rel = normalize(decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname)).replace(/^(\.\.[/\\])+/, '');
    try {
      const body = readFileSync(join(dir, rel));
      res.writeHead(200, { 'Content-Type': 'application/octet-stream', 'Content-Length': body.length });
      res.end(body);
    } catch {
      res.writeHead(404, 'File not found');
      res.end('not found');
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { port: (server.address() as AddressInfo).port, server };
}

/** The recorded value of a debug task, or its failure, in the shape regenerate.sh writes. */
export function outcomeOf(result: Record<string, unknown>, failed = false): { failed: boolean; value?: unknown; error?: string } {
  if (failed || result.failed) return { failed: true, error: String(result.msg ?? '') };
  if (Array.isArray(result.results)) {
    const items = result.results as Array<Record<string, unknown>>;
    const failed = items.find((r) => r.failed);
    if (failed) return { failed: true, error: String(failed.msg ?? '') };
    return { failed: false, value: items.map((r) => r.msg) };
  }
  return { failed: false, value: result.msg };
}
