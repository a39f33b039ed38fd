import { existsSync, readdirSync } from 'node:fs';
import { createKernel, runPlaybook, type TaskStartEvent } from 'tsible';
import { cleanEnv, tempProject } from '../../helpers/tmp';

describe('fact caching through the cache plugin type', () => {
  const p = tempProject({
    'play.yml': '- hosts: localhost\n  connection: local\n  tasks:\n    - command: echo "{{ ansible_facts.hostname }}"\n      register: h\n',
  });
  afterAll(() => p.cleanup());

  async function run(flushCache = false) {
    const kernel = await createKernel({ cwd: p.dir, configFile: false, env: cleanEnv({
      ANSIBLE_GATHERING: 'smart', ANSIBLE_CACHE_PLUGIN: 'jsonfile', ANSIBLE_CACHE_PLUGIN_CONNECTION: `${p.dir}/facts`,
    }) });
    const started: string[] = [];
    let hostname = '';
    const r = await runPlaybook({ playbooks: ['play.yml'], cwd: p.dir, kernel, inventory: ['localhost,'], flushCache,
      callbacks: [{ taskStart: (e: TaskStartEvent) => { started.push(e.task.name); }, runnerOk: (e) => { if (e.task.action === 'command') hostname = String(e.result.stdout); } }] });
    await kernel.dispose();
    return { r, started, hostname };
  }

  test('gathering: smart gathers once, the next run reuses the jsonfile cache, --flush-cache gathers again', async () => {
    const first = await run();
    expect(first.started).toEqual(['Gathering Facts', 'command']);
    expect(first.hostname).not.toBe('');
    expect(existsSync(`${p.dir}/facts`) && readdirSync(`${p.dir}/facts`).length).toBe(1);
    const second = await run();
    expect(second.started).toEqual(['command']);
    expect(second.hostname).toBe(first.hostname);
    const flushed = await run(true);
    expect(flushed.started).toEqual(['Gathering Facts', 'command']);
  });
});
