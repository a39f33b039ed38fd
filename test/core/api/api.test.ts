import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  CallbackBase, DataLoader, Play, Runner, TaskQueueManager, VariableManager, createInventory, runPlaybook,
  streamPlaybook, type AnsibleTaskResult, type RunEvent, type TaskResultEvent,
} from 'tsible';
import { fixtureHostVars, sshFixture } from '../../helpers/sshd';
import { tempProject } from '../../helpers/tmp';

const ROOT = join(__dirname, '..', '..', '..');

/** An INI inventory of fixture hosts (by index) plus, optionally, one host whose port is closed. */
function inventory(indexes: number[], withDeadHost = true): string {
  const line = (name: string, vars: Record<string, unknown>) =>
    `${name} ${Object.entries(vars).map(([k, v]) => `${k}='${String(v)}'`).join(' ')}`;
  const lines = indexes.map((i) => line(`web${i}`, fixtureHostVars(i)));
  if (withDeadHost) lines.push(line('dead', { ...fixtureHostVars(0), ansible_port: 1, ansible_host: '127.0.0.1' }));
  return `[all]\n${lines.join('\n')}\n`;
}

describe('the programmatic API', () => {
  const p = tempProject();
  afterAll(() => p.cleanup());

  test('examples/api/uptime-report.ts: UP, FAILED and DOWN sections, the dead host in dark', () => {
    const inv = p.write('uptime.ini', inventory([0, 1]));
    const r = spawnSync(process.execPath, [join(ROOT, 'node_modules/.bin/jiti'), join(ROOT, 'examples/api/uptime-report.ts'), inv],
      { cwd: p.dir, encoding: 'utf8', timeout: 60_000 });
    expect(r.stderr).toBe('');
    const [up, rest] = r.stdout.split('FAILED *******\n');
    const [failed, down] = rest.split('DOWN *********\n');
    expect(up).toMatch(/^UP \*+\nweb[01] >>> .*load average.*\nweb[01] >>> .*load average/);
    expect(failed).toBe('');
    expect(down).toMatch(/^dead >>> .*(refused|ECONNREFUSED)/i);
    expect(r.status).toBe(4);
  });

  test('examples/api/shell-ls.ts: registered shell output printed by a custom callback as JSON', () => {
    const inv = p.write('ls.ini', inventory([2], false));
    const r = spawnSync(process.execPath, [join(ROOT, 'node_modules/.bin/jiti'), join(ROOT, 'examples/api/shell-ls.ts'), inv, 'all'],
      { cwd: p.dir, encoding: 'utf8', timeout: 60_000 });
    const docs = r.stdout.split(/\n(?=\{)/).map((d) => JSON.parse(d));
    expect(docs).toHaveLength(2);
    expect(docs[0].web2).toMatchObject({ rc: 0, cmd: 'ls', changed: true });
    expect(docs[1].web2).toMatchObject({ msg: docs[0].web2.stdout });
    expect(r.status).toBe(0);
  });

  test('Runner resolves to contacted and dark', async () => {
    const inv = p.write('runner.ini', inventory([3]));
    const out = await new Runner({ pattern: 'all', forks: 5, moduleName: 'shell', moduleArgs: 'echo $((6*7))', inventory: inv, cwd: p.dir }).run();
    expect(Object.keys(out.contacted)).toEqual(['web3']);
    expect(out.contacted.web3).toMatchObject({ stdout: '42', rc: 0 });
    expect(out.dark.dead).toMatchObject({ failed: true, msg: expect.stringMatching(/refused/i) });
  });

  test('TaskQueueManager with a CallbackBase using both Ansible names and camelCase handlers', async () => {
    const loader = new DataLoader({ basedir: p.dir });
    const inventoryManager = await createInventory({ loader, sources: p.write('tqm.ini', inventory([4], false)), cwd: p.dir });
    const variableManager = new VariableManager({ inventory: inventoryManager, extraVars: { who: 'api' } });
    const seen: string[] = [];
    class Recorder extends CallbackBase {
      override v2_runner_on_ok(result: AnsibleTaskResult) { seen.push(`v2:${result._host.get_name()}:${result.task_name}:${String(result._result.msg || result._result.stdout)}`); }
      override runnerOk(e: TaskResultEvent) { seen.push(`camel:${e.host}:${e.task.action}`); }
    }
    const play = Play.load({ hosts: 'all', gather_facts: false, tasks: [{ name: 'echo', command: 'echo {{ who }}' }, { debug: { msg: 'hi {{ who }}' } }] },
      { loader, variableManager });
    const tqm = new TaskQueueManager({ inventory: inventoryManager, variableManager, loader, stdoutCallback: new Recorder(), cwd: p.dir });
    try {
      expect(await tqm.run(play)).toBe(0);
    } finally {
      await tqm.cleanup();
    }
    expect(seen).toEqual(['camel:web4:command', 'v2:web4:echo:api', 'camel:web4:debug', 'v2:web4:debug:hi api']);
  });

  test('streamPlaybook yields typed events in order', async () => {
    p.write('stream.yml', '- hosts: all\n  gather_facts: false\n  tasks:\n    - command: "true"\n    - fail: msg=stop\n');
    const stream = streamPlaybook({ playbooks: ['stream.yml'], inventory: [p.write('stream.ini', inventory([5], false))], cwd: p.dir });
    const types: string[] = [];
    for await (const e of stream as AsyncIterable<RunEvent>) types.push(e.type === 'runnerFailed' ? `failed:${e.result.msg}` : e.type);
    expect(types).toEqual(['playbookStart', 'playStart', 'taskStart', 'runnerStart', 'runnerOk', 'taskStart', 'runnerStart',
      'failed:stop', 'stats']);
    expect((await stream.result).exitCode).toBe(2);
  });

  test('an AbortSignal stops a run: the remote command is killed and connections close', async () => {
    const marker = `tsible-abort-${process.pid}`;
    p.write('abort.yml', `- hosts: all\n  gather_facts: false\n  tasks:\n    - shell: sleep 30; echo ${marker}\n    - shell: touch ${p.dir}/never\n`);
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 1500);
    const started = Date.now();
    await expect(runPlaybook({ playbooks: ['abort.yml'], inventory: [p.write('abort.ini', inventory([6], false))], cwd: p.dir,
      signal: controller.signal })).rejects.toMatchObject({ code: 'TSIBLE_ABORTED' });
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(existsSync(join(p.dir, 'never'))).toBe(false);
    await new Promise((r) => setTimeout(r, 500));
    const ps = spawnSync('pgrep', ['-f', `sleep 30; echo ${marker}`], { encoding: 'utf8' });
    expect(ps.stdout.trim()).toBe('');
  });

  test('ten playbooks at once in one process keep vars, results, callbacks and connections apart', async () => {
    const fx = sshFixture();
    p.write('concurrent.yml', `- hosts: all
  gather_facts: false
  tasks:
    - shell: "sleep 0.$((RANDOM % 5)); echo {{ token }}-$(hostname -I 2>/dev/null | wc -w) > /tmp/tsible-concurrency-{{ token }}"
    - command: cat /tmp/tsible-concurrency-{{ token }}
      register: readback
    - set_fact:
        mine: "{{ token }}"
    - assert:
        that: [readback.stdout.startswith(token), mine == token]
    - file: path=/tmp/tsible-concurrency-{{ token }} state=absent
      when: false
`);
    const runs = Array.from({ length: 10 }, (_, i) => {
      const events: TaskResultEvent[] = [];
      const inv = p.write(`c${i}.ini`, `h${i} ${Object.entries(fixtureHostVars(10 + i)).map(([k, v]) => `${k}='${String(v)}'`).join(' ')}\n`);
      const done = runPlaybook({ playbooks: ['concurrent.yml'], inventory: [inv], cwd: p.dir, extraVars: { token: `run${i}` },
        callbacks: [{ runnerOk: (e) => { events.push(e); } }] });
      return { i, events, done };
    });
    const results = await Promise.all(runs.map((r) => r.done));
    results.forEach((res, i) => {
      expect(res.exitCode).toBe(0);
      expect(Object.keys(res.stats.hosts)).toEqual([`h${i}`]);
      expect(res.stats.hosts[`h${i}`]).toMatchObject({ ok: 4, failed: 0 });
    });
    for (const r of runs) {
      expect(new Set(r.events.map((e) => e.host))).toEqual(new Set([`h${r.i}`]));
      const readback = r.events.find((e) => e.task.action === 'command');
      expect(String(readback?.result.stdout)).toMatch(new RegExp(`^run${r.i}-`));
    }
    expect(fx.hosts.length).toBeGreaterThanOrEqual(20);
    spawnSync('sh', ['-c', 'rm -f /tmp/tsible-concurrency-run*']);
  });

  test('the packed package type-checks in a fresh consumer project', () => {
    const consumer = tempProject({
      'package.json': JSON.stringify({ name: 'consumer', version: '1.0.0', private: true }),
      'tsconfig.json': JSON.stringify({ compilerOptions: { target: 'ES2022', module: 'nodenext', moduleResolution: 'nodenext', strict: true, noEmit: true, skipLibCheck: false, types: ['node'] } }),
      'index.ts': `import { runPlaybook, runAdHoc, Runner, CallbackBase, TaskQueueManager, Play, DataLoader, VariableManager, InventoryManager, defineModule, type AnsibleTaskResult } from 'tsible';
class CB extends CallbackBase { v2_runner_on_ok(r: AnsibleTaskResult): void { void r._result.changed; } }
const m = defineModule<{ name: string }>({ name: 'x', options: { name: { type: 'str' } }, async run(ctx) { return { changed: false, msg: ctx.args.name }; } });
export const all = [runPlaybook, runAdHoc, Runner, TaskQueueManager, Play, DataLoader, VariableManager, InventoryManager, CB, m];
`,
    });
    try {
      const pack = spawnSync('npm', ['pack', '--silent', '--pack-destination', consumer.dir], { cwd: ROOT, encoding: 'utf8' });
      expect(pack.status).toBe(0);
      const tgz = pack.stdout.trim().split('\n').pop()!;
      const install = spawnSync('npm', ['install', '--offline', '--no-audit', '--no-fund', '--ignore-scripts', `./${tgz}`, '@types/node@20'],
        { cwd: consumer.dir, encoding: 'utf8' });
      expect(install.stderr).not.toMatch(/ERR!/);
      const tsc = spawnSync(process.execPath, [join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', '.'], { cwd: consumer.dir, encoding: 'utf8' });
      expect(tsc.stdout + tsc.stderr).toBe('');
      expect(tsc.status).toBe(0);
      expect(readFileSync(join(consumer.dir, 'node_modules/tsible/package.json'), 'utf8')).toContain('"name": "tsible"');
    } finally {
      consumer.cleanup();
    }
  }, 180_000);
});
