/**
 * Replays the events that real ansible-playbook fired (recorded by
 * test/fixtures/callback/record/tsible_record.py) into tsible's callbacks through a real Run and
 * attachCallbacks, and returns what they printed.
 */
import { Writable } from 'node:stream';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { createKernel, Run, type Kernel, type CallbackDefinition, type CallbackHandlers, type RunEventName } from 'tsible';
import { attachCallbacks } from '../../../../core/callbacks/dispatcher.js';

export const GOLDEN = join(__dirname, '..', '..', '..', 'fixtures', 'callback', 'golden');

export interface RecordedEvent { event: RunEventName | 'log'; payload: unknown }

export class Capture extends Writable {
  text = '';
  isTTY?: boolean;
  columns?: number;
  constructor(tty?: { columns: number }) {
    super();
    if (tty) {
      this.isTTY = true;
      this.columns = tty.columns;
    }
  }
  override _write(chunk: Buffer | string, _enc: BufferEncoding, done: () => void): void {
    this.text += chunk.toString();
    done();
  }
}

export function recorded(caseId: string, file: string): string {
  return readFileSync(join(GOLDEN, 'recorded', caseId, file), 'utf8');
}

export function recordedEvents(caseId: string): RecordedEvent[] {
  return JSON.parse(recorded(caseId, 'events.json')) as RecordedEvent[];
}

export interface ReplayOptions {
  verbosity?: number;
  check?: boolean;
  diff?: boolean;
  color?: boolean;
  env?: Record<string, string>;
  stdoutCallback?: CallbackDefinition | string;
  extra?: CallbackHandlers[];
  /** Settings as a tsible config would give them (`callbacks_enabled`, `callbacks`, …). */
  cli?: Record<string, unknown>;
  tty?: { columns: number };
  now?: () => number;
  /** Called between events (tests advance a fake clock here). */
  between?: (e: RecordedEvent) => void;
}

export interface ReplayResult { stdout: string; stderr: string; kernel: Kernel; names: readonly string[] }

export async function makeKernel(options: ReplayOptions = {}): Promise<Kernel> {
  const dir = mkdtempSync(join(tmpdir(), 'tsible-cb-'));
  try {
    return await createKernel({ cwd: dir, home: dir, env: options.env ?? {}, configFile: false, cli: options.cli as never,
      ansibleSystemDir: dir });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function replay(events: RecordedEvent[], options: ReplayOptions = {}): Promise<ReplayResult> {
  const kernel = await makeKernel(options);
  const run = new Run({ verbosity: options.verbosity ?? 0, check: options.check, diff: options.diff });
  kernel.hooks.run.call(run);
  const stdout = new Capture(options.tty);
  const stderr = new Capture();
  const attached = await attachCallbacks(kernel, run, {
    stdout, stderr, verbosity: options.verbosity ?? 0, check: options.check ?? false, diff: options.diff ?? false,
    color: options.color, env: options.env ?? {}, stdoutCallback: options.stdoutCallback, extra: options.extra, now: options.now,
  });
  for (const e of events) {
    options.between?.(e);
    if (e.event === 'log') kernel.emitLog(e.payload as never);
    else await (run.hooks[e.event].promise as (p: unknown) => Promise<void>)(structuredClone(e.payload));
  }
  attached.detach();
  return { stdout: stdout.text, stderr: stderr.text, kernel, names: attached.names };
}
