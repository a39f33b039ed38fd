/**
 * A failure written for people (error_format: human): the module's message first, then the
 * return code, the command, stderr and stdout as text, instead of one long JSON line.
 */
import type { ModuleResult } from 'tsible';
import { abridgeResult } from './results.js';
import { pyJson } from './pyjson.js';

const SHOWN = new Set(['msg', 'rc', 'cmd', 'stderr', 'stdout', 'stderr_lines', 'stdout_lines', 'changed', 'start', 'end', 'delta']);

function block(name: string, text: string): string[] {
  const lines = text.replace(/\n+$/, '').split('\n');
  return lines.length === 1 ? [`  ${name}: ${lines[0]}`] : [`  ${name}: |`, ...lines.map((l) => `    ${l}`)];
}

export function humanError(result: ModuleResult): string {
  const r = abridgeResult(result, 0);
  const head = typeof r.msg === 'string' && r.msg ? r.msg : 'the task failed';
  const out = [head];
  if (r.rc !== undefined) out.push(`  rc: ${String(r.rc)}`);
  if (r.cmd !== undefined) out.push(`  cmd: ${Array.isArray(r.cmd) ? r.cmd.join(' ') : String(r.cmd)}`);
  if (typeof r.stderr === 'string' && r.stderr) out.push(...block('stderr', r.stderr));
  if (typeof r.stdout === 'string' && r.stdout) out.push(...block('stdout', r.stdout));
  const rest = Object.fromEntries(Object.entries(r).filter(([k]) => !SHOWN.has(k)));
  if (Object.keys(rest).length) out.push(`  result: ${pyJson(rest)}`);
  return out.join('\n');
}
