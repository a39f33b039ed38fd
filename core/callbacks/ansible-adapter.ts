/**
 * Runs an object written against Ansible's callback API (`v2_runner_on_ok(result)`, …,
 * `v2_on_any`) as tsible callback handlers. The arguments mimic Ansible's objects: results
 * have `_host`, `_task`, `_result`, `task_name`, `is_changed()`; hosts `get_name()`; tasks
 * `get_name()`, `get_path()`, `action`, `args`; stats `processed` and `summarize(host)`.
 */
import type { CallbackHandlers } from '../../plugins/callback/types.js';
import type {
  AsyncPollEvent, HostStats, IncludeEvent, ItemResultEvent, PlayView, RetryEvent, RunStatsEvent, TaskResultEvent, TaskView,
} from '../events.js';

type Method = (...args: unknown[]) => unknown;

function host(name: string) {
  return { name, get_name: () => name, toString: () => name };
}

function task(t: TaskView, delegatedTo?: string) {
  return {
    _uuid: t.uuid, name: t.name, action: t.action, args: t.args, no_log: t.noLog, tags: t.tags, implicit: t.implicit,
    delegate_to: delegatedTo, _role: t.role, loop: (t as TaskView & { loop?: unknown }).loop,
    get_name: () => t.name, get_path: () => (t.loc ? `${t.loc.file}:${t.loc.line}` : undefined), toString: () => `TASK: ${t.name}`,
  };
}

function play(p: PlayView) {
  return { _uuid: p.uuid, name: p.name, hosts: p.hosts, get_name: () => p.name, get_path: () => (p.loc ? `${p.loc.file}:${p.loc.line}` : undefined) };
}

type WithResult = TaskResultEvent | ItemResultEvent | RetryEvent | AsyncPollEvent;

function taskResult(e: WithResult) {
  const r = e.result;
  const status = 'status' in e ? e.status : undefined;
  return {
    _host: host(e.host), _task: task(e.task, 'delegatedTo' in e ? e.delegatedTo : undefined), _result: r,
    task_name: e.task.name,
    is_changed: () => Boolean(r.changed),
    is_failed: () => status === 'failed' || r.failed === true,
    is_skipped: () => status === 'skipped' || r.skipped === true,
    is_unreachable: () => status === 'unreachable' || r.unreachable === true,
  };
}

function aggregateStats(e: RunStatsEvent) {
  const summarize = (h: string) => {
    const s: HostStats = e.hosts[h];
    return { ok: s.ok, changed: s.changed, unreachable: s.unreachable, failures: s.failed, skipped: s.skipped, rescued: s.rescued, ignored: s.ignored };
  };
  return { processed: Object.fromEntries(Object.keys(e.hosts).map((h) => [h, 1])), custom: e.custom, summarize };
}

function includedFile(e: IncludeEvent) {
  const extra = e as IncludeEvent & { item?: unknown; label?: string };
  const vars: Record<string, unknown> = extra.item === undefined ? {} : { item: extra.item, _ansible_item_label: extra.label ?? extra.item };
  return { _filename: e.file, _args: e.args, _vars: vars, _hosts: e.hosts.map(host), _task: task(e.task) };
}

export function fromAnsibleCallback(obj: object): CallbackHandlers {
  const target = obj as Record<string, unknown>;
  const find = (name: string): Method | undefined => {
    const fn = target[name] ?? target[name.replace(/^v2_/, '')];
    return typeof fn === 'function' ? (fn as Method) : undefined;
  };
  const fire = (name: string, ...args: unknown[]) => async () => {
    const fn = find(name);
    if (fn) await fn.apply(obj, args);
    const any = find('v2_on_any');
    if (any) await any.apply(obj, args);
  };
  return {
    playbookStart: (e) => fire('v2_playbook_on_start', { _file_name: e.file })(),
    varsPrompt: (e) => fire('v2_playbook_on_vars_prompt', e.name, e.private, e.prompt, undefined, e.confirm, undefined, undefined, e.default, e.unsafe)(),
    playStart: (e) => fire('v2_playbook_on_play_start', play(e.play))(),
    noHostsMatched: () => fire('v2_playbook_on_no_hosts_matched')(),
    noHostsRemaining: () => fire('v2_playbook_on_no_hosts_remaining')(),
    taskStart: (e) => fire('v2_playbook_on_task_start', task(e.task), false)(),
    handlerTaskStart: (e) => fire('v2_playbook_on_handler_task_start', task(e.task))(),
    runnerStart: (e) => fire('v2_runner_on_start', host(e.host), task(e.task))(),
    runnerOk: (e) => fire('v2_runner_on_ok', taskResult(e))(),
    runnerFailed: (e) => fire('v2_runner_on_failed', taskResult(e), e.ignored)(),
    runnerSkipped: (e) => fire('v2_runner_on_skipped', taskResult(e))(),
    runnerUnreachable: (e) => fire('v2_runner_on_unreachable', taskResult(e))(),
    itemOk: (e) => fire('v2_runner_item_on_ok', taskResult(e))(),
    itemFailed: (e) => fire('v2_runner_item_on_failed', taskResult(e))(),
    itemSkipped: (e) => fire('v2_runner_item_on_skipped', taskResult(e))(),
    runnerRetry: (e) => fire('v2_runner_retry', taskResult(e))(),
    asyncPoll: (e) => fire('v2_runner_on_async_poll', taskResult(e))(),
    asyncOk: (e) => fire('v2_runner_on_async_ok', taskResult(e))(),
    asyncFailed: (e) => fire('v2_runner_on_async_failed', taskResult(e))(),
    fileDiff: (e) => fire('v2_on_file_diff', taskResult(e))(),
    notify: (e) => fire('v2_playbook_on_notify', task(e.handler), host(e.host))(),
    include: (e) => fire('v2_playbook_on_include', includedFile(e))(),
    stats: (e) => fire('v2_playbook_on_stats', aggregateStats(e))(),
  };
}
