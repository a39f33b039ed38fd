import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import * as tsible from 'tsible';
import { tempProject } from '../../helpers/tmp';

const INDEX = join(__dirname, '..', '..', '..', 'dist', 'core', 'index.js');
const LAZY = ['runAdHoc', 'testModule', 'warmVaultValues', 'fromAnsibleCallback', 'vaultFilterEncrypt', 'vaultFilterDecrypt',
  'FILTER_VAULT_ID', 'CallbackBase', 'Play', 'TaskQueueManager', 'Runner', 'streamPlaybook', 'createInventory',
  'loadVaultSecrets', 'splitVaultId', 'DEFAULT_VAULT_ID', 'PyRandom'];

function node(args: string[], cwd: string) {
  const r = spawnSync(process.execPath, args, { cwd, encoding: 'utf8', timeout: 30_000 });
  return { code: r.status, stdout: r.stdout.trim(), stderr: r.stderr };
}

describe("the public API ('tsible')", () => {
  test('exports loaded on first use are there, enumerable, and the real thing', () => {
    for (const name of LAZY) {
      expect(Object.keys(tsible)).toContain(name);
      expect((tsible as Record<string, unknown>)[name]).toBeDefined();
    }
    expect(tsible.DEFAULT_VAULT_ID).toBe('default');
    expect(new tsible.PyRandom(1).randrange(0, 100, 1)).toBe(17); // Python: random.Random(1).randrange(0, 100)
  });

  test('requiring it does not load the API extras until one is used; ESM named imports see every name', () => {
    const p = tempProject({
      'cjs.js': `const t = require(${JSON.stringify(INDEX)});
const loaded = () => Object.keys(require.cache).filter((f) => /core\\/api\\/runner\\.js$|vault\\/password-source\\.js$/.test(f)).length;
const before = loaded();
void t.Runner;
console.log(before, loaded(), typeof t.Runner);\n`,
      'esm.mjs': `import { runAdHoc, Play, PyRandom, loadVaultSecrets, createKernel, DEFAULT_VAULT_ID } from ${JSON.stringify(INDEX)};
console.log([runAdHoc, Play, PyRandom, loadVaultSecrets, createKernel].map((f) => typeof f).join(' '), DEFAULT_VAULT_ID);\n`,
    });
    try {
      expect(node(['cjs.js'], p.dir)).toMatchObject({ code: 0, stdout: '0 1 function' });
      expect(node(['esm.mjs'], p.dir)).toMatchObject({ code: 0, stdout: 'function function function function function default' });
    } finally {
      p.cleanup();
    }
  });
});
