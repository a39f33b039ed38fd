/**
 * Every case of test/fixtures/template/cases.yaml, rendered by tsible's Templar and compared with
 * what real Ansible produced (expected.json, written by test/fixtures/template/regenerate.py).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createKernel, type Kernel } from 'tsible';
import { buildTemplar, type Templar } from '../../../core/template/templar.js';

interface Case {
  t?: string;
  file?: Record<string, unknown>;
  when?: string;
  vars?: Record<string, unknown>;
  err?: string;
  result?: unknown;
  error?: { kind: 'undefined' | 'template'; message: string };
}

const FIXTURES = join(__dirname, '..', '..', 'fixtures', 'template');
const expected = JSON.parse(readFileSync(join(FIXTURES, 'expected.json'), 'utf8')) as {
  env: Record<string, string>;
  vars: Record<string, unknown>;
  cases: Case[];
};
const LONE = /^\{\{(?!-)([\s\S]*?)(?<!-)\}\}\n?$/;

Object.assign(process.env, expected.env);

/** Stands in for the lookup plugins (another module): `env` and `items`, as Ansible's behave. */
async function fixtureLookup(name: string, terms: unknown[]): Promise<unknown[]> {
  if (name === 'env') return terms.map((t) => process.env[String(t)] ?? '');
  if (name === 'items') return terms.flatMap((t) => (Array.isArray(t) ? t : [t]));
  throw new Error(`lookup ${name} is not part of this fixture`);
}

/**
 * Cases where tsible knowingly differs from Ansible 2.14 (see docs/templating.md). They run as
 * `test.failing`, so the day one starts to match, the suite says so.
 */
const KNOWN_DIFFERENCES: Record<string, string> = {
  '{{ ref_a }}': 'a variable holding "{{ n + 1 }}" keeps its native type (Ansible 2.14 turns it into the string "43")',
  '{{ ref_b }}': 'same: 2.14 computes "43" * 2 = "4343"',
  'when: ref_a == 43': 'same: 2.14 compares the string "43" with 43',
};

let kernel: Kernel;
const templars: Record<'auto' | 'codegen', Templar> = {} as Record<'auto' | 'codegen', Templar>;

beforeAll(async () => {
  kernel = await createKernel({ cwd: FIXTURES });
  templars.auto = await buildTemplar(kernel, { lookup: fixtureLookup });
  templars.codegen = await buildTemplar(kernel, { lookup: fixtureLookup, compiler: 'codegen' });
});
afterAll(() => kernel.dispose());

function label(c: Case): string {
  if (c.file) return `file ${JSON.stringify(c.file)}: ${JSON.stringify(c.t)}`;
  return c.when !== undefined ? `when: ${c.when}` : String(c.t);
}

async function runCase(c: Case, templar: Templar): Promise<unknown> {
  const vars = structuredClone({ ...expected.vars, ...c.vars });
  if (c.when !== undefined) return templar.conditional(c.when, vars);
  if (c.file) {
    const overrides = Object.fromEntries(Object.entries(c.file).map(([k, v]) => [k.replace(/_(\w)/g, (_m, ch: string) => ch.toUpperCase()), v]));
    return templar.template(c.t, vars, { escapeBackslashes: false, overrides, asText: true });
  }
  return templar.template(c.t, vars);
}

describe.each(['auto', 'codegen'] as const)('templating matches Ansible 2.14 (%s back end)', (mode) => {
  const supported = expected.cases.filter((c) => !(label(c) in KNOWN_DIFFERENCES));
  const differing = expected.cases.filter((c) => label(c) in KNOWN_DIFFERENCES);

  test.failing.each(differing.map((c) => [label(c), c] as const))('known difference: %s', async (_label, c) => {
    expect(JSON.parse(JSON.stringify((await runCase(c, templars[mode])) ?? null))).toEqual(c.result);
  });

  test.each(supported.map((c) => [label(c), c] as const))('%s', async (_label, c) => {
    if (c.error) {
      const err = await runCase(c, templars[mode]).then(() => undefined, (e: unknown) => e as { code?: string; message: string });
      expect(err).toBeDefined();
      expect(err!.code).toBe(c.error.kind === 'undefined' ? 'TSIBLE_UNDEFINED' : 'TSIBLE_TEMPLATE');
      expect(err!.message).toContain(c.err);
      return;
    }
    const got = await runCase(c, templars[mode]);
    expect(JSON.parse(JSON.stringify(got ?? null))).toEqual(c.result);
    const lone = c.t !== undefined ? LONE.exec(c.t) : null;
    // evaluate() reads a bare expression as when: does (Python string escapes), so skip backslashes here.
    if (lone && !c.file && c.t!.split('{{').length === 2 && !c.t!.includes('{%') && !c.t!.includes('\\')) {
      const vars = structuredClone({ ...expected.vars, ...c.vars });
      expect(JSON.parse(JSON.stringify((await templars[mode].evaluate(lone[1], vars)) ?? null))).toEqual(c.result);
    }
  });

  test('the fixture holds at least 300 cases checked against Ansible', () => {
    expect(expected.cases.length).toBeGreaterThanOrEqual(300);
  });
});
