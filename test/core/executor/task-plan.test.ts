import { createKernel, defineConnection, defineModule, runPlaybook, type ItemResultEvent, type TaskResultEvent, type Vars } from 'tsible';
import { isTemplateString } from '../../../core/template/templar';
import { compileArgSpec, validateArgs } from '../../../core/executor/validate-args';
import { cleanEnv, tempProject } from '../../helpers/tmp';

describe('work done once per task, reused by every host and loop item', () => {
  const p = tempProject({
    'loop.yml': '- hosts: all\n  gather_facts: false\n  tasks:\n'
      + '    - counted: { name: "{{ item }}" }\n      loop: [a, b, c]\n'
      + '    - counted: { name: x, size: "{{ inventory_hostname }}" }\n      timeout: 30\n',
    'hosts': 'h1 ansible_connection=local\nh2 ansible_connection=local\n',
  });
  afterAll(() => p.cleanup());

  test('the module is resolved once per task dispatch; arguments are still validated per item', async () => {
    const kernel = await createKernel({ cwd: p.dir, env: cleanEnv() });
    const resolve = jest.spyOn(kernel.registry, 'resolve');
    const signals: AbortSignal[] = [];
    kernel.registry.add({ type: 'module', name: 'counted', namespaces: [], origin: 'inline', location: 'inline',
      load: async () => defineModule({ name: 'counted',
        options: { name: { type: 'str', required: true, aliases: ['n'] }, size: { type: 'int', default: 3 } },
        run: async (ctx) => {
          signals.push(ctx.signal);
          return { changed: false, got: ctx.args };
        } }) });
    const items: ItemResultEvent[] = [];
    const failed: TaskResultEvent[] = [];
    const r = await runPlaybook({ playbooks: ['loop.yml'], cwd: p.dir, inventory: ['hosts'], kernel,
      callbacks: [{ itemOk: (e) => { items.push(e); }, runnerFailed: (e) => { failed.push(e); } }] });
    expect(resolve.mock.calls.filter(([type, name]) => type === 'module' && name === 'counted')).toHaveLength(2);
    expect(items.map((e) => (e.result.got as { name: string }).name).sort()).toEqual(['a', 'a', 'b', 'b', 'c', 'c']);
    expect(items.every((e) => (e.result.got as { size: number }).size === 3)).toBe(true);
    // `size: h1` is no int: the second task fails on every host with the validation error.
    expect(failed.map((e) => e.result.msg)).toEqual([
      "argument 'size' of module 'counted': \"h1\" cannot be converted to an int",
      "argument 'size' of module 'counted': \"h2\" cannot be converted to an int"]);
    expect(r.exitCode).toBe(2);
    // Without a timeout the run's own signal reaches the module (no combined signal per call).
    expect(new Set(signals).size).toBe(1);
    await kernel.dispose();
  });
});

describe('connection variables', () => {
  const p = tempProject({
    'play.yml': '- hosts: c1\n  gather_facts: false\n  tasks:\n'
      + '    - set_fact: { ansible_distribution: Debian, ansible_lsb: { id: Debian }, cacheable: true }\n'
      + '    - opens: {}\n',
    'hosts': 'c1 ansible_connection=capture ansible_user="{{ \'u\' ~ \'ser\' }}" ansible_port=2222\n',
  });
  afterAll(() => p.cleanup());

  test('are templated, facts kept as they are, when the connection opens after facts were set', async () => {
    const kernel = await createKernel({ cwd: p.dir, env: cleanEnv() });
    const seen: Vars[] = [];
    kernel.registry.add({ type: 'connection', name: 'capture', namespaces: [], origin: 'inline', location: 'inline',
      load: async () => defineConnection({ name: 'capture', create: (ctx) => {
        seen.push(ctx.vars);
        return { transport: 'capture', connect: async () => {}, exec: async () => ({ rc: 0, stdout: '', stderr: '' }),
          put: async () => {}, fetch: async () => {}, reset: async () => {}, close: async () => {} };
      } }) });
    kernel.registry.add({ type: 'module', name: 'opens', namespaces: [], origin: 'inline', location: 'inline',
      load: async () => defineModule({ name: 'opens', run: async (ctx) => {
        await ctx.connection();
        return { changed: false };
      } }) });
    const r = await runPlaybook({ playbooks: ['play.yml'], cwd: p.dir, inventory: ['hosts'], kernel });
    expect(r.exitCode).toBe(0);
    expect(seen).toHaveLength(1);
    expect(seen[0]).toMatchObject({ ansible_user: 'user', ansible_port: 2222, ansible_connection: 'capture',
      ansible_distribution: 'Debian', ansible_lsb: { id: 'Debian' }, inventory_hostname: 'c1' });
    await kernel.dispose();
  });
});

describe('validateArgs with a compiled spec', () => {
  const spec = compileArgSpec('demo', {
    path: { type: 'path', required: true, aliases: ['dest'] },
    state: { type: 'str', choices: ['present', 'absent'], default: 'present' },
    mode: { type: 'raw' },
  }, 'path');

  test('aliases, free form, defaults and internal keys', () => {
    expect(validateArgs(spec, { dest: '/tmp/x', _ansible_check_mode: true })).toEqual({ path: '/tmp/x', state: 'present' });
    expect(validateArgs(spec, { _raw_params: '/tmp/y', state: 'absent' })).toEqual({ path: '/tmp/y', state: 'absent' });
  });

  test('the same errors as AnsibleModule, reusing one spec', () => {
    expect(() => validateArgs(spec, { path: '/x', state: 'gone' })).toThrow('value of state must be one of: present, absent, got: gone');
    expect(() => validateArgs(spec, { state: 'absent' })).toThrow('missing required arguments: path');
    expect(() => validateArgs(spec, { path: '/x', zeta: 1, alpha: 2 }))
      .toThrow('Unsupported parameters for (demo) module: alpha, zeta. Supported parameters include: mode, path, state.');
  });

  test('a module without a schema takes its arguments as given', () => {
    expect(validateArgs(compileArgSpec('free', undefined), { a: 1 })).toEqual({ a: 1 });
  });
});

test('isTemplateString finds {{, {% and {# anywhere, and nothing else', () => {
  for (const s of ['{{ x }}', 'a {% if %}', 'x{#c#}', '{ {{', '{{', '}{%']) expect(isTemplateString(s)).toBe(true);
  for (const s of ['', 'plain', '{ x }', '{', 'a{', '{ {', '{x}{y}', '%}#']) expect(isTemplateString(s)).toBe(false);
});
