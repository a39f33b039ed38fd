/**
 * The cases of cases.yaml marked `direct`, and lookups that need more than LookupContext gives
 * today (the run's DataLoader for vault, the resolved settings): run through the real plugins with
 * a context that has them (LookupExtras), compared with Ansible's recorded values where it ran them.
 */
import { DataLoader, VaultSecrets, buildTemplar, createKernel, type Kernel, type LookupContext, type Templar, type Vars } from 'tsible';
import type { LookupExtras } from '../../../plugins/lookup/_shared/context.js';
import { cleanEnv } from '../../helpers/tmp.js';
import { copyProject, loadExpected } from './helpers.js';

const expected = loadExpected();
let project: ReturnType<typeof copyProject>;
let kernel: Kernel;
let templar: Templar;
let vars: Vars;

beforeAll(async () => {
  project = copyProject();
  kernel = await createKernel({ cwd: project.project, env: cleanEnv({ TSIBLE_FORKS: '17' }), configFile: false });
  const loader = new DataLoader({ basedir: project.project, vault: new VaultSecrets([{ label: 'default', password: 'lkpass' }]) });
  templar = await buildTemplar(kernel, {
    lookup: async (name, terms, kwargs, callVars) => {
      const def = await kernel.resolve('lookup', name);
      const { errors: _errors, wantlist: _wantlist, ...options } = kwargs;
      const ctx: LookupContext & LookupExtras = {
        vars: callVars, searchPaths: [project.project], log: kernel.log, loader, settings: kernel.settings,
        template: (value, extra) => templar.template(value, extra ? { ...callVars, ...extra } : callVars),
      };
      return def.run(terms, options, ctx);
    },
  });
  vars = { ...structuredClone(expected.vars), playbook_dir: project.project, lk_tmp: project.scratch };
});

afterAll(async () => {
  await kernel?.dispose();
  project?.cleanup();
});

describe('lookups that need the loader or settings', () => {
  test.each(expected.cases.filter((c) => c.direct).map((c) => [c.name, c] as const))('%s matches Ansible', async (_n, c) => {
    expect(c.failed).toBeFalsy();
    expect(await templar.template(c.expr, vars)).toEqual(c.value);
  });

  test('config reads the resolved settings (TSIBLE_FORKS=17)', async () => {
    expect(await templar.template("{{ query('config', 'DEFAULT_FORKS', 'forks', 'DEFAULT_BECOME_USER') }}", vars)).toEqual([17, 17, 'root']);
  });

  test('unvault of a vaulted file decrypts it; the file lookup strips it', async () => {
    const [raw, stripped] = await Promise.all([
      templar.template("{{ lookup('unvault', 'secret.vault') }}", vars),
      templar.template("{{ lookup('file', 'secret.vault') }}", vars),
    ]);
    expect(raw).toBe('top secret value\nline two\n');
    expect(stripped).toBe('top secret value\nline two');
  });

  test('without a loader a vaulted file is an error that says why', async () => {
    const plain = await buildTemplar(kernel, {
      lookup: async (name, terms, kwargs, callVars) => (await kernel.resolve('lookup', name)).run(terms, kwargs, {
        vars: callVars, searchPaths: [project.project], log: kernel.log, template: async (v) => v,
      }),
    });
    await expect(plain.template("{{ lookup('unvault', 'secret.vault') }}", vars))
      .rejects.toThrow(/vault password or secret must be specified to decrypt .*secret\.vault/);
  });
});
