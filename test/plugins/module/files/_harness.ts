import { execFileSync, spawnSync } from 'node:child_process';
import { chownSync, chmodSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { createKernel, VaultSecrets, type ModuleResult, type Vars } from 'tsible';
import { runPlaybook } from '../../../../core/api/run-playbook';
import { fixtureHostVars, sshFixture } from '../../../helpers/sshd';
import { cleanEnv } from '../../../helpers/tmp';

export type Target = 'local' | 'ssh';

export interface TaskOutcome {
  name: string;
  status: 'ok' | 'failed' | 'skipped' | 'unreachable';
  changed: boolean;
  result: ModuleResult;
}

export interface PlayRun {
  exitCode: number;
  outcomes: TaskOutcome[];
  /** Remote commands (round trips through exec) per task name. */
  commands: Record<string, number>;
  /** The remote command lines in the order they were sent, with their task names. */
  commandLines: Array<{ task: string; command: string }>;
  /** The outcome of the task with this name (throws when it did not run). */
  task(name: string): TaskOutcome;
}

export interface RunTasksOptions {
  check?: boolean;
  diff?: boolean;
  extraVars?: Vars;
  /** Controller-side project files (templates/, files/, …) relative to the playbook dir. */
  files?: Record<string, string | Buffer>;
  /** Extra host variables (ansible_become_password, …). */
  hostVars?: Vars;
  /** Index of the fixture host (spreads parallel test files over 127.0.0.x). */
  hostIndex?: number;
  /** Vault password (label `default`) for vaulted sources. */
  vaultPassword?: string;
}

/** Gives `path` (recursively) to the ssh fixture's login user, so it is what a target user made. */
export function giveToLogin(target: Target, path: string): void {
  if (target !== 'ssh') return;
  execFileSync('chown', ['-hR', `${sshFixture().user}:`, path]);
}

/** A scratch directory on "the target" (this machine), owned by the ssh fixture's login user. */
export function targetDir(target: Target): { dir: string; own(): void; cleanup(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'tsible-files-'));
  chmodSync(dir, 0o755);
  if (target === 'ssh') {
    const user = sshFixture().user;
    const uid = Number(execFileSync('id', ['-u', user], { encoding: 'utf8' }).trim());
    const gid = Number(execFileSync('id', ['-g', user], { encoding: 'utf8' }).trim());
    chownSync(dir, uid, gid);
  }
  return { dir, own: () => giveToLogin(target, dir), cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

function inventoryFor(target: Target, opts: RunTasksOptions): string {
  const vars = target === 'local'
    ? { ansible_connection: 'local', ansible_python_interpreter: '/usr/bin/python3' }
    : { ansible_connection: 'ssh', ...fixtureHostVars(opts.hostIndex ?? 0) };
  return JSON.stringify({ all: { hosts: { target: { ...vars, ...opts.hostVars } } } });
}

/** Runs `tasks` (YAML list text, indented by 4) on one host through the real engine. */
export async function runTasks(target: Target, tasks: string, opts: RunTasksOptions = {}): Promise<PlayRun> {
  const project = mkdtempSync(join(tmpdir(), 'tsible-files-proj-'));
  try {
    writeFileSync(join(project, 'inventory.json'), inventoryFor(target, opts));
    writeFileSync(join(project, 'play.yml'), `- hosts: target\n  gather_facts: false\n  tasks:\n${tasks}`);
    for (const [rel, content] of Object.entries(opts.files ?? {})) {
      mkdirSync(dirname(join(project, rel)), { recursive: true });
      writeFileSync(join(project, rel), content);
    }
    const kernel = await createKernel({ cwd: project, env: cleanEnv(), configFile: false });
    const outcomes: TaskOutcome[] = [];
    const commands: Record<string, number> = {};
    const commandLines: Array<{ task: string; command: string }> = [];
    const record = (status: TaskOutcome['status']) => async (e: { task: { name: string }; changed: boolean; result: ModuleResult }) => {
      outcomes.push({ name: e.task.name, status, changed: e.changed, result: e.result });
    };
    const result = await runPlaybook({
      playbooks: ['play.yml'], cwd: project, kernel, inventory: [join(project, 'inventory.json')],
      check: opts.check, diff: opts.diff,
      vault: opts.vaultPassword ? new VaultSecrets([{ label: 'default', password: opts.vaultPassword }]) : undefined, extraVars: { project_dir: project, ...opts.extraVars },
      onRun: (run) => {
        run.hooks.runnerOk.tapPromise('files-test', record('ok'));
        run.hooks.runnerFailed.tapPromise('files-test', record('failed'));
        run.hooks.runnerSkipped.tapPromise('files-test', record('skipped'));
        run.hooks.runnerUnreachable.tapPromise('files-test', record('unreachable'));
        run.hooks.command.tap('files-test', (command, c) => {
          commands[c.task ?? ''] = (commands[c.task ?? ''] ?? 0) + 1;
          commandLines.push({ task: c.task ?? '', command });
          return command;
        });
      },
    });
    return {
      exitCode: result.exitCode, outcomes, commands, commandLines,
      task(name) {
        const hit = outcomes.find((o) => o.name === name);
        if (!hit) throw new Error(`task '${name}' did not run; ran: ${outcomes.map((o) => `${o.name}=${o.status}`).join(', ')}`);
        return hit;
      },
    };
  } finally {
    rmSync(project, { recursive: true, force: true });
  }
}

/** Both targets, for `describe.each`. */
export const TARGETS: Target[] = ['local', 'ssh'];

/** Every regular file under `dir` (relative path → content), backups and temp files excluded. */
export function snapshot(dir: string, rel = ''): Record<string, string> {
  const out: Record<string, string> = {};
  for (const entry of readdirSync(join(dir, rel), { withFileTypes: true })) {
    const path = rel ? `${rel}/${entry.name}` : entry.name;
    if (entry.isDirectory()) Object.assign(out, snapshot(dir, path));
    else if (entry.isFile() && !entry.name.endsWith('~') && !entry.name.includes('tsible-tmp')) out[path] = readFileSync(join(dir, path), 'utf8');
  }
  return out;
}

export interface ParitySide { changed: boolean[]; failed: boolean[]; files: Record<string, string> }

/**
 * Runs the same tasks with `ansible-playbook -i localhost, -c local play.yml -e work=<dir>
 * (JSON callback) and with tsible on the local connection, each on its own copy of `initial`, and
 * returns the per-task changed/failed flags and the files each left behind.
 */
export async function ansibleParity(tasks: string, initial: Record<string, string>, opts: RunTasksOptions = {}): Promise<{ ansible: ParitySide; tsible: ParitySide }> {
  const ours = targetDir('local');
  const theirs = targetDir('local');
  const project = mkdtempSync(join(tmpdir(), 'tsible-ansible-'));
  try {
    for (const dir of [ours.dir, theirs.dir]) {
      for (const [rel, content] of Object.entries(initial)) {
        mkdirSync(dirname(join(dir, rel)), { recursive: true });
        writeFileSync(join(dir, rel), content);
      }
    }
    for (const [rel, content] of Object.entries(opts.files ?? {})) {
      mkdirSync(dirname(join(project, rel)), { recursive: true });
      writeFileSync(join(project, rel), content);
    }
    writeFileSync(join(project, 'play.yml'), `- hosts: all\n  gather_facts: false\n  tasks:\n${tasks}`);
    const res = spawnSync('ansible-playbook', ['-i', 'localhost,', '-c', 'local', 'play.yml', '-e', `work=${theirs.dir}`], {
      cwd: project, encoding: 'utf8',
      env: { ...cleanEnv(), ANSIBLE_STDOUT_CALLBACK: 'json', ANSIBLE_PYTHON_INTERPRETER: '/usr/bin/python3', ANSIBLE_NOCOLOR: '1', ANSIBLE_PIPELINING: '1' },
    });
    const json = JSON.parse(res.stdout) as { plays: Array<{ tasks: Array<{ hosts: Record<string, { changed?: boolean; failed?: boolean }> }> }> };
    const results = json.plays[0].tasks.map((t) => t.hosts.localhost);
    const run = await runTasks('local', tasks, { ...opts, extraVars: { work: ours.dir, ...opts.extraVars } });
    return {
      ansible: { changed: results.map((r) => r.changed === true), failed: results.map((r) => r.failed === true), files: snapshot(theirs.dir) },
      tsible: { changed: run.outcomes.map((o) => o.changed), failed: run.outcomes.map((o) => o.status === 'failed'), files: snapshot(ours.dir) },
    };
  } finally {
    ours.cleanup();
    theirs.cleanup();
    rmSync(project, { recursive: true, force: true });
  }
}
