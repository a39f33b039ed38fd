import { basename, extname, join, relative } from 'node:path';
import { mkdirSync, writeFileSync } from 'node:fs';
import {
  defineCallback, type CallbackContext, type CallbackHandlers, type IncludeEvent, type ModuleResult, type PlaybookStartEvent,
  type PlayStartEvent, type TaskResultEvent, type TaskStartEvent, type TaskView,
} from 'tsible';
import { dumpResult, isAction, pyStr } from './_format/results.js';
import { boolOption, stringOption } from './_format/options.js';
import { exactDecimal, prettyXml, type XmlElement } from './_format/xml.js';
import { pyNumber } from './_format/pyjson.js';

type Status = 'ok' | 'failed' | 'skipped' | 'included';
interface HostData { name: string; status: Status; result: ModuleResult | string; finish: number }
interface CaseData { el: XmlElement; time: number; failure: boolean; error: boolean; skipped: boolean }
interface TaskData { name: string; path: string; play: string; action: string; start: number; hosts: Map<string, HostData> }

/** JUnit XML for CI: one <testcase> per task and host, written when the run ends (Ansible's junit). */
class JunitReport implements CallbackHandlers {
  private playbookName = 'playbook';
  private playName = '';
  private readonly tasks = new Map<string, TaskData>();

  constructor(private readonly ctx: CallbackContext) {}

  private opt(name: string, fallback: boolean): boolean {
    return boolOption(this.ctx, name, fallback);
  }

  private now(): number {
    return (this.ctx.now ?? Date.now)() / 1000;
  }

  playbookStart(e: PlaybookStartEvent): void {
    this.playbookName = basename(e.file, extname(e.file));
  }

  playStart(e: PlayStartEvent): void {
    this.playName = e.play.name;
  }

  private startTask(task: TaskView): void {
    if (this.tasks.has(task.uuid)) return;
    let name = task.name.trim();
    if (!task.noLog && !this.opt('hide_task_arguments', false)) {
      const args = Object.entries(task.args).map(([k, v]) => `${k}=${pyStr(v)}`).join(', ');
      if (args) name += ` ${args}`;
    }
    const path = task.loc ? `${task.loc.file}:${task.loc.line}` : '';
    this.tasks.set(task.uuid, { name, path, play: this.playName, action: task.action, start: this.now(), hosts: new Map() });
  }

  taskStart(e: TaskStartEvent): void { this.startTask(e.task); }
  handlerTaskStart(e: TaskStartEvent): void { this.startTask(e.task); }

  private finish(task: TaskView, host: string, status: Status, result: ModuleResult | string): void {
    const data = this.tasks.get(task.uuid);
    if (!data) return;
    if (this.opt('fail_on_change', false) && status === 'ok' && typeof result === 'object' && result.changed) status = 'failed';
    if (status === 'failed' && data.name.includes('EXPECTED FAILURE')) status = 'ok';
    else if (data.name.includes('TOGGLE RESULT')) status = status === 'failed' ? 'ok' : status === 'ok' ? 'failed' : status;
    if (!data.name.startsWith(stringOption(this.ctx, 'test_case_prefix', '')) && status !== 'failed') return;
    const previous = data.hosts.get(host);
    if (previous && status === 'included') result = `${String(previous.result)}\n${String(result)}`;
    data.hosts.set(host, { name: host, status, result, finish: this.now() });
  }

  runnerFailed(e: TaskResultEvent): void {
    this.finish(e.task, e.host, e.ignored && !this.opt('fail_on_ignore', false) ? 'ok' : 'failed', e.result);
  }
  runnerOk(e: TaskResultEvent): void { this.finish(e.task, e.host, 'ok', e.result); }
  runnerSkipped(e: TaskResultEvent): void { this.finish(e.task, e.host, 'skipped', e.result); }
  include(e: IncludeEvent): void {
    this.finish(e.task, 'include', 'included', `${e.file} (args=${pyStr(e.args)}): [${e.hosts.join(', ')}]`);
  }

  private testCase(task: TaskData, host: HostData): CaseData {
    const time = host.finish - task.start;
    let classname = task.path;
    const rel = stringOption(this.ctx, 'task_relative_path', '');
    if (rel && classname) classname = relative(rel, classname);
    const outOfTree = this.ctx.options.replace_out_of_tree_path;
    if (typeof outOfTree === 'string' && classname.startsWith('../')) classname = outOfTree + basename(classname);
    if (this.opt('task_class', false)) classname = classname.replace(/\.yml:[0-9]+$/, '');
    const el: XmlElement = { tag: 'testcase', attrs: [['classname', classname], ['name', `[${host.name}] ${task.play}: ${task.name}`], ['time', pyNumber(time)]], children: [] };
    const flags = { failure: false, error: false, skipped: false };
    if (typeof host.result === 'string') {
      el.children!.push({ tag: 'system-out', attrs: [], text: host.result });
      return { el, time, ...flags };
    }
    const res = host.result;
    const dump = dumpResult(res, { verbosity: this.ctx.verbosity, indent: 0 });
    if (host.status === 'ok') el.children!.push({ tag: 'system-out', attrs: [], text: dump });
    else if (host.status === 'failed' && 'exception' in res) {
      const lines = String(res.exception).trim().split('\n');
      el.children!.push({ tag: 'error', attrs: [['message', lines[lines.length - 1]], ['type', 'error']], text: String(res.exception) });
      flags.error = true;
    } else if (host.status === 'failed') {
      el.children!.push({ tag: 'failure', attrs: [['message', 'msg' in res ? pyStr(res.msg) : `rc=${pyStr(res.rc ?? 0)}`], ['type', 'failure']], text: dump });
      flags.failure = true;
    } else if (host.status === 'skipped') {
      el.children!.unshift({ tag: 'skipped', attrs: [], text: typeof res.skip_reason === 'string' ? res.skip_reason : 'skipped' });
      flags.skipped = true;
    }
    return { el, time, ...flags };
  }

  stats(): void {
    const cases: CaseData[] = [];
    const withSetup = this.opt('include_setup_tasks_in_report', true);
    for (const task of this.tasks.values()) {
      const fake = { action: task.action } as TaskView;
      if (!withSetup && (isAction(fake, 'setup') || isAction(fake, 'gather_facts'))) continue;
      for (const host of task.hosts.values()) cases.push(this.testCase(task, host));
    }
    const count = (k: 'failure' | 'error' | 'skipped') => cases.filter((c) => c[k]).length;
    const total = exactDecimal(cases.reduce((sum, c) => sum + c.time, 0));
    const suite: XmlElement = {
      tag: 'testsuite',
      attrs: [['disabled', 0], ['errors', count('error')], ['failures', count('failure')], ['name', this.playbookName],
        ['skipped', count('skipped')], ['tests', cases.length], ['time', total]],
      children: cases.map((c) => c.el),
    };
    const root: XmlElement = {
      tag: 'testsuites',
      attrs: [['disabled', 0], ['errors', count('error')], ['failures', count('failure')], ['tests', cases.length], ['time', total]],
      children: [suite],
    };
    const home = this.ctx.env?.HOME ?? '';
    const dir = stringOption(this.ctx, 'output_dir', join(home, '.ansible.log'));
    try {
      mkdirSync(dir, { recursive: true });
      writeFileSync(join(dir, `${this.playbookName}-${pyNumber(this.now())}.xml`), prettyXml(root));
    } catch (err) {
      this.ctx.warn?.(`junit: cannot write the report into ${dir}: ${(err as Error).message}`);
    }
  }
}

export default defineCallback({
  name: 'junit',
  callbackType: 'aggregate',
  needsEnabled: true,
  shortDescription: 'JUnit XML report of the run, for CI',
  options: {
    output_dir: { type: 'path', description: 'Directory of the XML files (default ~/.ansible.log).' },
    task_class: { type: 'bool', default: false, description: 'One class per YAML file instead of per task.' },
    task_relative_path: { type: 'path', description: 'Make class names relative to this directory.' },
    fail_on_change: { type: 'bool', default: false, description: 'Count changed tasks as failures.' },
    fail_on_ignore: { type: 'bool', default: false, description: 'Count ignored failures as failures.' },
    include_setup_tasks_in_report: { type: 'bool', default: true, description: 'Report fact gathering tasks.' },
    hide_task_arguments: { type: 'bool', default: false, description: 'Leave task arguments out of test names.' },
    test_case_prefix: { type: 'str', default: '', description: 'Only tasks whose name starts with this are test cases (failures always are).' },
    replace_out_of_tree_path: { type: 'str', description: 'Replace ../ class names with this prefix.' },
  },
  optionEnv: {
    output_dir: ['JUNIT_OUTPUT_DIR'], task_class: ['JUNIT_TASK_CLASS'], task_relative_path: ['JUNIT_TASK_RELATIVE_PATH'],
    fail_on_change: ['JUNIT_FAIL_ON_CHANGE'], fail_on_ignore: ['JUNIT_FAIL_ON_IGNORE'],
    include_setup_tasks_in_report: ['JUNIT_INCLUDE_SETUP_TASKS_IN_REPORT'], hide_task_arguments: ['JUNIT_HIDE_TASK_ARGUMENTS'],
    test_case_prefix: ['JUNIT_TEST_CASE_PREFIX'], replace_out_of_tree_path: ['JUNIT_REPLACE_OUT_OF_TREE_PATH'],
  },
  create: (ctx) => new JunitReport(ctx),
});
