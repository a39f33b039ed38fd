import type { RunEventName } from '../hooks.js';
import type { Run } from '../executor/run.js';
import type {
  AsyncPollEvent, HostTaskEvent, IncludeEvent, ItemResultEvent, NoHostsEvent, NotifyEvent, PlaybookStartEvent,
  PlayStartEvent, RetryEvent, RunStatsEvent, TaskResultEvent, TaskStartEvent, VarsPromptEvent,
} from '../events.js';
import { runPlaybook, type PlaybookRunResult, type RunPlaybookOptions } from './run-playbook.js';

interface Payloads {
  playbookStart: PlaybookStartEvent; varsPrompt: VarsPromptEvent; playStart: PlayStartEvent; noHostsMatched: NoHostsEvent; noHostsRemaining: NoHostsEvent;
  taskStart: TaskStartEvent; handlerTaskStart: TaskStartEvent; runnerStart: HostTaskEvent; runnerOk: TaskResultEvent;
  runnerFailed: TaskResultEvent; runnerSkipped: TaskResultEvent; runnerUnreachable: TaskResultEvent; itemOk: ItemResultEvent;
  itemFailed: ItemResultEvent; itemSkipped: ItemResultEvent; runnerRetry: RetryEvent; asyncPoll: AsyncPollEvent;
  asyncOk: AsyncPollEvent; asyncFailed: AsyncPollEvent; fileDiff: TaskResultEvent; notify: NotifyEvent; include: IncludeEvent;
  stats: RunStatsEvent;
}

/** One run event, discriminated by `type` (the hook's name): `{ type: 'runnerOk', host, task, result, … }`. */
export type RunEvent = { [K in RunEventName]: { type: K } & Payloads[K] }[RunEventName];

export interface PlaybookEventStream extends AsyncIterable<RunEvent> {
  /** Settles when the run ends (rejects when it fails to start or is aborted). */
  readonly result: Promise<PlaybookRunResult>;
}

const EVENT_NAMES: RunEventName[] = [
  'playbookStart', 'varsPrompt', 'playStart', 'noHostsMatched', 'noHostsRemaining', 'taskStart', 'handlerTaskStart', 'runnerStart',
  'runnerOk', 'runnerFailed', 'runnerSkipped', 'runnerUnreachable', 'itemOk', 'itemFailed', 'itemSkipped', 'runnerRetry',
  'asyncPoll', 'asyncOk', 'asyncFailed', 'fileDiff', 'notify', 'include', 'stats',
];

/**
 * Runs playbooks and yields their events as an async iterable, the alternative to callbacks:
 * `for await (const e of streamPlaybook({ playbooks: ['site.yml'] })) if (e.type === 'runnerFailed') …`
 * Events are buffered, so a slow consumer never loses one.
 */
export function streamPlaybook(options: RunPlaybookOptions): PlaybookEventStream {
  const queue: RunEvent[] = [];
  let wake: (() => void) | undefined;
  let done = false;
  const tap = (run: Run) => {
    for (const name of EVENT_NAMES) {
      (run.hooks[name] as { tap(n: string, fn: (e: object) => void): void }).tap('tsible:event-stream', (e) => {
        queue.push({ type: name, ...e } as RunEvent);
        wake?.();
      });
    }
    options.onRun?.(run);
  };
  const result = runPlaybook({ ...options, onRun: tap }).finally(() => {
    done = true;
    wake?.();
  });
  result.catch(() => undefined);
  return {
    result,
    async *[Symbol.asyncIterator]() {
      for (;;) {
        if (queue.length) {
          yield queue.shift()!;
          continue;
        }
        if (done) {
          await result;
          return;
        }
        await new Promise<void>((r) => { wake = r; });
        wake = undefined;
      }
    },
  };
}
