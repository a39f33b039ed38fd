import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createKernel, openInventory } from 'tsible';

/**
 * The package as a user gets it: `npm pack`, installed from the tarball into a fresh project that
 * lists it in package.json, then found in node_modules by Kernel.create({ cwd }) with no config.
 */
describe('installed from npm', () => {
  const root = mkdtempSync(join(tmpdir(), 'tsible-example-inventory-'));
  const project = join(root, 'project');

  beforeAll(() => {
    const npm = (args: string[], cwd: string): string => execFileSync('npm', args, { cwd, stdio: 'pipe', encoding: 'utf8' });
    // The package as a user would copy it (package.publish.json is its package.json; see README.md).
    const pkg = join(root, 'package');
    cpSync(join(__dirname, '..'), pkg, { recursive: true, filter: (src) => !src.includes('node_modules') });
    renameSync(join(pkg, 'package.publish.json'), join(pkg, 'package.json'));
    const tgz = npm(['pack', '--silent', '--pack-destination', root], pkg).trim().split('\n').pop()!;
    mkdirSync(project);
    writeFileSync(join(project, 'package.json'), JSON.stringify({
      name: 'my-infra', version: '1.0.0', private: true,
      devDependencies: { 'tsible-plugin-example-inventory': `file:../${tgz}` },
    }));
    cpSync(join(__dirname, '..', 'example'), join(project, 'inventory'), { recursive: true });
    npm(['install', '--offline', '--no-audit', '--no-fund', '--ignore-scripts'], project);
  }, 120_000);
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  test('the inventory plugin is discovered from node_modules and reads the config file', async () => {
    const kernel = await createKernel({ cwd: project, env: {} });
    expect(kernel.registry.candidates('inventory', 'example.inventory.csv_hosts')[0]).toMatchObject({ origin: 'npm' });
    const inv = await openInventory({ kernel, sources: [join(project, 'inventory', 'inventory.yml')], cwd: project });
    expect(inv.getHosts('web:&prod')).toEqual(['web1', 'web2']);
    expect(inv.hostVars('db1')).toMatchObject({ ansible_host: '10.0.2.1', rack: 'b1' });
  });
});
