/**
 * Normalising ansible-playbook / tsible-playbook output so the two can be compared: times,
 * durations, temporary paths and the order of hosts that ran in parallel are made neutral.
 * Used by the callback tests and by the end-to-end golden test (test/fixtures/callback/golden).
 */

export interface NormaliseOptions {
  /** Literal strings to replace (e.g. the absolute fixture directory → '<fixtures>'). */
  replace?: Record<string, string>;
  /** Sort host result lines inside each TASK block (parallel hosts finish in any order). Default true. */
  sortHosts?: boolean;
  /** Drop what the CLI prints before the first banner at -v and more (version, config file). Default true. */
  dropPreamble?: boolean;
}

const RECORD_START = /^(ok|changed|skipping|fatal|failed): \[|^included: |^FAILED - RETRYING: |^[\w.-]+ \| (SUCCESS|CHANGED|FAILED!?|UNREACHABLE!?:?|SKIPPED)\b/;

function neutralise(text: string): string {
  return text
    .replace(/\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}:\d{2}\.\d+Z?/g, '<time>')
    .replace(/\b\d+:\d{2}:\d{2}\.\d{3,6}\b/g, '<duration>')
    .replace(/[A-Z][a-z]+day \d{2} [A-Z][a-z]+ \d{4} {2}\d{2}:\d{2}:\d{2} [+-]\d{4}/g, '<date>')
    // profile_tasks fills its time line with stars up to the width: as many as the weekday and
    // month names leave, so the count changes with the date of the run.
    .replace(/^(<date> \(<duration>\) +<duration>) \*+ *$/gm, '$1 <fill>')
    .replace(/ \d+\.\d{2}s$/gm, ' <secs>')
    .replace(/-+ <secs>$/gm, ' <secs>')
    .replace(/took \d+ days, \d+ hours, \d+ minutes, \d+ seconds/g, 'took <elapsed>')
    .replace(/\/[^\s"']*ansible-local-[^\s"'/]+\/tmp[\w]+/g, '<tmpfile>')
    .replace(/\/[^\s"']*tsible-[\w-]+\/tmp[\w.-]*/g, '<tmpfile>');
}

/** Lines the ansible-playbook CLI writes before running (version block, config file, inventory parsing). */
const PREAMBLE = [
  /^ansible-playbook \[core /, /^ {2}(config file|configured module search path|ansible python module location|ansible collection location|executable location|python version|jinja version|libyaml) = /,
  /^No config file found; using defaults$/, /^Using .* as config file$/, /^Skipping callback '/, /^\S+ declined parsing /, /^Parsed .* inventory source with /,
];

function dropPreamble(lines: string[]): string[] {
  return lines.filter((l) => !PREAMBLE.some((re) => re.test(l)));
}

/** Within each block between banners, sorts the per-host records (a result line and what follows it). */
function sortHostRecords(lines: string[]): string[] {
  const out: string[] = [];
  let records: string[][] = [];
  let current: string[] | undefined;
  const flush = () => {
    out.push(...records.sort((a, b) => (a.join('\n') < b.join('\n') ? -1 : a.join('\n') > b.join('\n') ? 1 : 0)).flat());
    records = [];
    current = undefined;
  };
  for (const line of lines) {
    if (/ \*{3,}$/.test(line) || line === '') {
      flush();
      out.push(line);
    } else if (RECORD_START.test(line)) {
      current = [line];
      records.push(current);
    } else if (current) {
      current.push(line);
    } else {
      flush();
      out.push(line);
    }
  }
  flush();
  return out;
}

/** profile_tasks' summary (after the `=====` line) is ordered by time, which differs run to run. */
function sortTimingSummary(lines: string[]): string[] {
  const at = lines.findIndex((l) => /^={20,} ?$/.test(l));
  if (at < 0) return lines;
  const rest = lines.slice(at + 1);
  const end = rest.findIndex((l) => !/ <secs>$/.test(l));
  const rows = end < 0 ? rest : rest.slice(0, end);
  return [...lines.slice(0, at + 1), ...rows.sort(), ...rest.slice(rows.length)];
}

export function normaliseOutput(text: string, options: NormaliseOptions = {}): string {
  let t = text.replace(/\u001b\[[0-9;]*m/g, '');
  for (const [from, to] of Object.entries(options.replace ?? {})) t = t.split(from).join(to);
  let lines = neutralise(t).split('\n');
  if (options.dropPreamble ?? true) lines = dropPreamble(lines);
  if (options.sortHosts ?? true) lines = sortHostRecords(lines);
  return sortTimingSummary(lines).join('\n');
}

// ---------------------------------------------------------------------------------------------
// The recorded golden cases (test/fixtures/callback/golden) and running them through tsible.

import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { Writable } from 'node:stream';
import { runAdHoc, runPlaybook } from 'tsible';

export const GOLDEN_DIR = join(__dirname, '..', 'fixtures', 'callback', 'golden');

export interface GoldenCase {
  id: string;
  /** A playbook run (ansible-playbook)… */
  playbook?: string;
  /** …or an ad-hoc one (ansible): `ansible <pattern> -m <module> -a <args>`. */
  adhoc?: { pattern: string; module: string; args?: string };
  /** ansible-playbook flags used for the recording: -v…, --check, --diff. */
  args: string[];
  /** Environment of the recording; ENABLE is the value of callbacks_enabled. */
  env: Record<string, string>;
}

export function goldenCases(): GoldenCase[] {
  return JSON.parse(readFileSync(join(GOLDEN_DIR, 'cases.json'), 'utf8')) as GoldenCase[];
}

/** What ansible-playbook printed for a case, normalised. */
export function ansibleGolden(id: string): { stdout: string; stderr: string; rc: number } {
  const read = (f: string) => readFileSync(join(GOLDEN_DIR, 'recorded', id, f), 'utf8');
  return { stdout: normaliseOutput(read('ansible.stdout')), stderr: normaliseOutput(read('ansible.stderr')), rc: Number(read('ansible.rc')) };
}

class Collect extends Writable {
  text = '';
  override _write(chunk: Buffer | string, _e: BufferEncoding, done: () => void): void {
    this.text += chunk.toString();
    done();
  }
}

/** Runs a case through tsible's runPlaybook the way regenerate.cjs ran ansible-playbook, normalised the same way. */
export async function runGoldenCase(c: GoldenCase): Promise<{ stdout: string; stderr: string; rc: number }> {
  const out = mkdtempSync(join(tmpdir(), 'tsible-golden-'));
  const [stdout, stderr] = [new Collect(), new Collect()];
  const { ENABLE, ...env } = c.env;
  const v = c.args.find((a) => /^-v+$/.test(a));
  const kernelOptions = {
    configFile: false as const, home: out,
    env: { ...env, HOME: out, ANSIBLE_CALLBACKS_ENABLED: ENABLE ?? '', JUNIT_OUTPUT_DIR: join(out, 'junit'), ANSIBLE_CALLBACK_TREE_DIR: join(out, 'tree') },
  };
  const common = {
    inventory: ['inventory.ini'], cwd: GOLDEN_DIR, check: c.args.includes('--check'), diff: c.args.includes('--diff'),
    verbosity: v ? v.length - 1 : 0, kernelOptions,
  };
  try {
    const result = c.adhoc
      ? await runAdHoc({
        ...common, pattern: c.adhoc.pattern, moduleName: c.adhoc.module, moduleArgs: c.adhoc.args ?? '',
        output: { stdout, stderr, color: false, stdoutCallback: c.args.includes('-o') ? 'oneline' : 'minimal' },
      })
      : await runPlaybook({ ...common, playbooks: [c.playbook!], extraVars: { out_dir: out }, output: { stdout, stderr, color: false } });
    const replace = { [GOLDEN_DIR]: '<fixtures>', [out]: '<out>' };
    return { stdout: normaliseOutput(stdout.text, { replace }), stderr: normaliseOutput(stderr.text, { replace }), rc: result.exitCode };
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}
