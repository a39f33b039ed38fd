/** Templar behaviour beyond the Ansible parity table: isolation, lookups, unsafe/vault values, hooks. */
import { join } from 'node:path';
import { createKernel, definePlugin, HostVars, UnsafeText, VaultValue, OMIT_TOKEN, isOmitted } from 'tsible';
import { Templar, buildTemplar } from '../../../core/template/templar.js';

const FIXTURES = join(__dirname, '..', '..', 'fixtures', 'template');

async function templarWithPlugins(): Promise<Templar> {
  const kernel = await createKernel({ cwd: FIXTURES });
  try {
    return await buildTemplar(kernel);
  } finally {
    await kernel.dispose();
  }
}

describe('Templar', () => {
  test('two templars with different filters do not see each other', async () => {
    const a = new Templar({ filters: { shout: (s: string) => `${s}!` }, tests: {} });
    const b = new Templar({ filters: { shout: (s: string) => `${s}?` }, tests: {} });
    expect(await a.template('{{ "x" | shout }}', {})).toBe('x!');
    expect(await b.template('{{ "x" | shout }}', {})).toBe('x?');
    await expect(new Templar({ filters: {}, tests: {} }).template('{{ "x" | shout }}', {})).rejects.toMatchObject({
      code: 'TSIBLE_TEMPLATE', message: 'template error while templating string: Could not load "shout": \'shout\'. String: {{ "x" | shout }}',
    });
  });

  test('!unsafe text is never templated, even when a variable holds it', async () => {
    const t = new Templar({ filters: {}, tests: {} });
    const raw = new UnsafeText('{{ secret }}');
    expect(await t.template(raw, {})).toBe(raw);
    expect(await t.template('v={{ u }}', { u: raw })).toBe('v={{ secret }}');
  });

  test('a vaulted value is revealed when used, and its plaintext is not templated', async () => {
    const t = new Templar({ filters: {}, tests: {} });
    const vaulted = new VaultValue('$ANSIBLE_VAULT;1.1;AES256\n00', () => 'p{{ x }}w');
    expect(await t.template('pw={{ v }}', { v: vaulted })).toBe('pw=p{{ x }}w');
    expect(await t.template(vaulted, {})).toBe('p{{ x }}w');
    expect(await t.template('{{ v }}', { v: vaulted })).toBe('p{{ x }}w');
    const secret = new VaultValue('$ANSIBLE_VAULT;1.1;AES256\n01', () => 'secret');
    expect(await t.conditional("v == 'secret' and v.upper() == 'SECRET'", { v: secret })).toBe(true);
  });

  test('lookups are awaited and run once per distinct call', async () => {
    const calls: string[] = [];
    const t = new Templar({
      filters: {}, tests: {},
      lookup: async (name, terms) => {
        calls.push(`${name}:${terms.join(',')}`);
        await new Promise((r) => setTimeout(r, 5));
        return terms.map((x) => String(x).toUpperCase());
      },
    });
    const out = await t.template('{{ lookup("up", "a", "b") }} {{ query("up", "c") }} {{ lookup("up", "a", "b") }}', {});
    expect(out).toBe("A,B ['C'] A,B");
    expect(calls.sort()).toEqual(['up:a,b', 'up:c']);
    // A lookup whose argument is another lookup's result.
    expect(await t.template('{{ lookup("up", lookup("up", "z")) }}', {})).toBe('Z');
  });

  test("a failing lookup raises, unless errors='ignore' or 'warn'", async () => {
    const warnings: string[] = [];
    const log = { debug: () => {}, info: () => {}, warn: (m: string) => void warnings.push(m), deprecate: () => {}, verbose: () => {} };
    const t = new Templar({ filters: {}, tests: {}, log, lookup: async () => { throw new Error('no such file'); } });
    await expect(t.template('{{ lookup("file", "x") }}', {})).rejects.toThrow('no such file');
    expect(await t.template('{{ lookup("file", "x", errors="ignore") }}', {})).toBeNull();
    expect(await t.template('{{ query("file", "x", errors="warn") }}', {})).toEqual([]);
    expect(warnings).toEqual([expect.stringContaining("lookup plugin 'file'")]);
  });

  test('hostvars: each host\'s variables are templated with that host\'s own variables, on access', async () => {
    const t = await templarWithPlugins();
    const inventory: Record<string, Record<string, unknown>> = {
      h1: { x: 1, y: '{{ x + 1 }}', z: '{{ nope }}' },
      h2: { x: 10, y: '{{ x + 1 }}', l: ['{{ x }}'] },
    };
    const hostvars = new HostVars(t, { hosts: () => Object.keys(inventory), varsOf: (h) => inventory[h] });
    const vars = { ...inventory.h1, hostvars, inventory_hostname: 'h1' };
    expect(await t.template("{{ hostvars['h2'].y }}", vars)).toBe(11);
    expect(await t.template('{{ hostvars.h2.l }}', vars)).toEqual([10]);
    expect(await t.template('{{ hostvars.h1.z }}', vars)).toBe('{{ nope }}');
    expect(await t.template("{{ 'h2' in hostvars }} {{ hostvars | length }} {{ hostvars.keys() | list }}", vars)).toBe("True 2 ['h1', 'h2']");
    expect(await t.template("{% for h in hostvars %}{{ hostvars[h].x }},{% endfor %}", vars)).toBe('1,10,');
    expect(await t.template("{{ hostvars['h2'] | to_json }}", vars)).toBe('{"x": 10, "y": 11, "l": [10]}');
    expect(await t.template("{{ ['h1', 'h2'] | map('extract', hostvars, 'y') | list }}", vars)).toEqual([2, 11]);
    expect(await t.template("{{ hostvars | dict2items | map(attribute='key') | list }}", vars)).toEqual(['h1', 'h2']);
    expect(await t.template("{{ hostvars.h2 | dictsort | first }}", vars)).toEqual(['l', [10]]);
    expect(await t.template("{{ hostvars.h1 | combine({'x': 5}) }}", vars)).toEqual({ x: 5, y: 2, z: '{{ nope }}' });
    await expect(t.template("{{ hostvars['h3'].x }}", vars)).rejects.toMatchObject({ code: 'TSIBLE_UNDEFINED' });
  });

  test('failOnUndefined: false returns the string unchanged', async () => {
    const t = new Templar({ filters: {}, tests: {} });
    expect(await t.template('{{ nope }}', {}, { failOnUndefined: false })).toBe('{{ nope }}');
  });

  test('the error names the variable and the context', async () => {
    const t = new Templar({ filters: {}, tests: {} });
    await expect(t.template('{{ nope }}', {}, { context: "task 'x'" })).rejects.toMatchObject({
      code: 'TSIBLE_UNDEFINED', message: "'nope' is undefined (task 'x')",
    });
  });

  test('syntax errors name the template and the context too', async () => {
    const t = new Templar({ filters: {}, tests: {} });
    await expect(t.template({ msg: 'x {{ a b }}' }, { a: 1 }, { context: "task 'y'" })).rejects.toMatchObject({
      code: 'TSIBLE_TEMPLATE',
      message: "template error while templating string: expected variable end (line 1, column 8). String: x {{ a b }} (task 'y')",
    });
  });

  test('omit renders to a token the engine can detect', async () => {
    const t = new Templar({ filters: {}, tests: {} });
    const v = await t.template('{{ missing | default(omit) }}', {});
    expect(v).toBe(OMIT_TOKEN);
    expect(isOmitted(v)).toBe(true);
  });

  test('conditional takes booleans, lists (ANDed) and Python truthiness', async () => {
    const t = new Templar({ filters: {}, tests: {} });
    expect(await t.conditional(true, {})).toBe(true);
    expect(await t.conditional(['a', 'b > 1'], { a: [1], b: 2 })).toBe(true);
    expect(await t.conditional(['a', 'b > 1'], { a: [], b: 2 })).toBe(false);
    expect(await t.conditional('{}', {})).toBe(false);
    expect(await t.evaluate('a[1] + 1', { a: [1, 2] })).toBe(3);
  });

  test('templates are compiled once per distinct text', async () => {
    const t = new Templar({ filters: {}, tests: {} });
    for (let i = 0; i < 200; i++) await t.template('{{ a }}-{{ b }}', { a: i, b: 2 });
    for (let i = 0; i < 50; i++) await t.conditional('a > 1', { a: i });
    expect(t.compiledCount).toBe(2);
    await t.template(['{{ a }}-{{ b }}', '{{ a }}'], { a: 1, b: 2 });
    expect(t.compiledCount).toBe(3);
  });

  test('buildTemplar loads the filter/test plugins and runs templateEnvironment taps', async () => {
    const plugin = definePlugin(() => ({
      name: 'tsible-plugin-templating-test',
      apply(api) {
        api.hooks.templateEnvironment.tap('test', (env) => {
          env.addFilter('twice', (s: unknown) => `${String(s)}${String(s)}`);
          env.addGlobal('answer', 42);
        });
      },
    }));
    const kernel = await createKernel({ cwd: FIXTURES, plugins: [plugin(undefined)] });
    try {
      const t = await buildTemplar(kernel);
      expect(await t.template('{{ "ab" | twice }} {{ answer }} {{ [3, 1] | sort | to_json }}', {})).toBe('abab 42 [1, 3]');
      expect(await t.template('{{ "x" | ansible.builtin.upper }}', {})).toBe('X');
    } finally {
      await kernel.dispose();
    }
  });
});
