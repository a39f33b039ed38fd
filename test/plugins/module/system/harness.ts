import { createKernel, type Vars } from 'tsible';
import { runPlaybook } from '../../../../core/api/run-playbook';
import { fixtureHostVars, sshFixture } from '../../../helpers/sshd';
import { cleanEnv, tempProject } from '../../../helpers/tmp';

export interface PlayOutcome {
  exitCode: number;
  /** Results by task name, then by host (loops: the aggregated result). */
  results: Record<string, Record<string, Vars & { _status: string }>>;
  /** The result of a task on the first host that ran it. */
  r(task: string): Vars & { _status: string };
  stats: Record<string, Record<string, number>>;
  dir: string;
}

export interface PlayOptions {
  files?: Record<string, string>;
  /** Inventory file content (INI); default: localhost with the local connection. */
  inventory?: string;
  check?: boolean;
  diff?: boolean;
  extraVars?: Vars;
  keep?: (dir: string) => void;
}

/** Runs a playbook through the real engine and collects every task result by name. */
export async function runPlay(playYaml: string, o: PlayOptions = {}): Promise<PlayOutcome> {
  const p = tempProject({ ...o.files, 'play.yml': playYaml, 'inventory.ini': o.inventory ?? 'localhost ansible_connection=local\n' });
  try {
    o.keep?.(p.dir);
    const kernel = await createKernel({ cwd: p.dir, env: cleanEnv(), configFile: false });
    const results: PlayOutcome['results'] = {};
    const result = await runPlaybook({ playbooks: ['play.yml'], cwd: p.dir, kernel, inventory: ['inventory.ini'],
      check: o.check, diff: o.diff, extraVars: o.extraVars,
      onRun: (run) => {
        for (const status of ['Ok', 'Failed', 'Skipped', 'Unreachable'] as const) {
          run.hooks[`runner${status}`].tap('harness', (e) => {
            (results[e.task.name] ??= {})[e.host] = { ...e.result, _status: status.toLowerCase() };
          });
        }
      } });
    return {
      exitCode: result.exitCode, results, dir: p.dir,
      stats: result.stats.hosts as unknown as Record<string, Record<string, number>>,
      r(task: string) {
        const byHost = results[task];
        if (!byHost) throw new Error(`task '${task}' did not run; ran: ${Object.keys(results).join(', ')}`);
        return Object.values(byHost)[0];
      },
    };
  } finally {
    p.cleanup();
  }
}

/** An INI inventory line for fixture host `index` reached over ssh as the fixture user. */
export function sshHost(name: string, index = 0, extra: Record<string, unknown> = {}): string {
  const vars = fixtureHostVars(index, extra);
  return `${name} ${Object.entries(vars).map(([k, v]) => `${k}=${JSON.stringify(String(v))}`).join(' ')}`;
}

/** The fixture user's sudo password, for become tests. */
export function becomePassword(): string {
  return sshFixture().password;
}
