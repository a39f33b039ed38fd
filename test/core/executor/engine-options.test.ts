import { runPlaybook, type TaskResultEvent } from 'tsible';
import { tempProject } from '../../helpers/tmp';

describe('run options that need a person', () => {
  const p = tempProject({
    'step.yml': '- hosts: localhost\n  connection: local\n  gather_facts: false\n  tasks:\n'
      + '    - name: one\n      command: echo 1\n    - name: two\n      command: echo 2\n    - name: three\n      command: echo 3\n',
    'prompt.yml': '- hosts: localhost\n  connection: local\n  gather_facts: false\n  vars_prompt:\n'
      + '    - name: secret\n      prompt: Secret?\n    - name: color\n      prompt: Color\n      private: false\n      default: blue\n'
      + '  tasks:\n    - command: echo "{{ secret }}-{{ color }}"\n      register: out\n',
  });
  afterAll(() => p.cleanup());
  const ran = (events: TaskResultEvent[]) => events.map((e) => e.task.name);

  test('--step: "n" skips a task, "c" runs the rest without asking', async () => {
    const asked: string[] = [];
    const answers = ['n', 'c'] as const;
    const events: TaskResultEvent[] = [];
    const r = await runPlaybook({ playbooks: ['step.yml'], cwd: p.dir, inventory: ['localhost,'],
      step: async (name) => { asked.push(name); return answers[asked.length - 1]; },
      callbacks: [{ runnerOk: (e) => { events.push(e); } }] });
    expect(asked).toEqual(['one', 'two']);
    expect(ran(events)).toEqual(['two', 'three']);
    expect(r.exitCode).toBe(0);
  });

  test('vars_prompt: asked through the prompt function, default on empty answer, skipped when given with -e', async () => {
    const questions: string[] = [];
    const events: TaskResultEvent[] = [];
    await runPlaybook({ playbooks: ['prompt.yml'], cwd: p.dir, inventory: ['localhost,'],
      prompt: async (q) => { questions.push(`${q.prompt}|${q.private}|${q.default ?? ''}`); return q.name === 'secret' ? 's3' : ''; },
      callbacks: [{ runnerOk: (e) => { events.push(e); } }] });
    expect(questions).toEqual(['Secret?|true|', 'Color|false|blue']);
    expect(events[0].result.stdout).toBe('s3-blue');
    questions.length = 0;
    await runPlaybook({ playbooks: ['prompt.yml'], cwd: p.dir, inventory: ['localhost,'], extraVars: { secret: 'x' },
      prompt: async (q) => { questions.push(q.name); return 'red'; } });
    expect(questions).toEqual(['color']);
  });

  test('vars_prompt without a terminal is a clear error naming the variable', async () => {
    await expect(runPlaybook({ playbooks: ['prompt.yml'], cwd: p.dir, inventory: ['localhost,'] })).rejects.toMatchObject({
      message: "vars_prompt 'secret' needs an answer, but there is no terminal to ask on; pass it with -e secret=VALUE",
      loc: { file: `${p.dir}/prompt.yml`, line: 5 },
    });
  });
});

test('module_defaults with an action group declared by a plugin', async () => {
  const { createKernel, defineModule } = await import('tsible');
  const p = tempProject({
    'play.yml': `- hosts: localhost
  connection: local
  gather_facts: false
  module_defaults:
    group/acme.demo.greeters: { greeting: from-group }
    hello_mod: { punct: "!" }
  tasks:
    - hello_mod: { who: world }
    - hello_mod: { who: you, greeting: own }
`,
  });
  try {
    const kernel = await createKernel({ cwd: p.dir, configFile: false, plugins: [{
      name: 'demo', namespace: 'acme.demo',
      apply(api) {
        api.provide(defineModule<{ who: string; greeting: string; punct: string }>({ name: 'hello_mod',
          options: { who: { type: 'str' }, greeting: { type: 'str', default: 'hi' }, punct: { type: 'str', default: '.' } },
          run: async (ctx) => ({ changed: false, msg: `${ctx.args.greeting} ${ctx.args.who}${ctx.args.punct}` }) }));
        api.actionGroup('greeters', ['hello_mod']);
      },
    }] });
    const msgs: unknown[] = [];
    await runPlaybook({ playbooks: ['play.yml'], cwd: p.dir, kernel, inventory: ['localhost,'], callbacks: [{ runnerOk: (e) => { msgs.push(e.result.msg); } }] });
    expect(msgs).toEqual(['from-group world!', 'own you!']);
  } finally {
    p.cleanup();
  }
});
