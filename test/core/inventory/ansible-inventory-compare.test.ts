import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { runInventoryCli } from './cli-io.js';

/**
 * tsible-inventory must print what ansible-inventory prints for the same inventory and flags.
 * Both run here, on the fixtures in test/fixtures/inventory/compare, and stdout is compared as text.
 */
const FIXTURES = join(__dirname, '../../fixtures/inventory/compare');
const ANSIBLE = ['/usr/bin/ansible-inventory', '/usr/local/bin/ansible-inventory'].find((p) => existsSync(p));

/** `codeOnly`: Ansible prints its own --help text on these errors; only the exit codes must agree. */
const CASES: { name: string; dir: string; source: string; runs: string[][]; codeOnly?: boolean }[] = [
  { name: 'ini', dir: 'ini', source: 'hosts', runs: [['--list'], ['--list', '--export'], ['--list', '--yaml'], ['--list', '--toml'],
    ['--graph', '--vars'], ['--graph', 'prod'], ['--host', 'web02.example.com'], ['--host', 'solo', '--yaml']] },
  { name: 'yaml', dir: 'yaml', source: 'inventory.yml', runs: [['--list'], ['--list', '--export'], ['--list', '--yaml'],
    ['--list', '--yaml', '--export'], ['--list', '--toml'], ['--list', '--toml', '--export'], ['--graph', '--vars'], ['--host', 'w1']] },
  { name: 'json', dir: 'json', source: 'inventory.json', runs: [['--list'], ['--list', '--yaml'], ['--graph', '--vars'], ['--list', '--export', '--toml']] },
  { name: 'toml', dir: 'toml', source: 'hosts.toml', runs: [['--list'], ['--list', '--toml', '--export'], ['--graph', '--vars']] },
  { name: 'script', dir: 'script', source: 'inventory.sh', runs: [['--list'], ['--list', '--yaml'], ['--graph']] },
  { name: 'directory, group_vars/host_vars, constructed', dir: 'dir', source: 'inv', runs: [['--list'], ['--list', '--export'],
    ['--graph', '--vars'], ['--list', '--yaml'], ['--host', 'c1'], ['--list', '--playbook-dir', 'playbooks'], ['--list', '-e', 'level=extra']] },
  { name: 'host list', dir: 'ini', source: 'a.example.com,b:2222,[::1]:22,', runs: [['--list'], ['--graph']] },
  { name: 'several -i', dir: 'ini', source: 'hosts|../script/inventory.sh', runs: [['--list'], ['--graph', '--vars']] },
  { name: 'vault (an encrypted group_vars file, an inline !vault value)', dir: 'vault', source: 'hosts',
    runs: [['--vault-password-file', 'pass.txt', '--host', 'db1'], ['--vault-password-file', 'pass.txt', '--list', '--yaml'],
      ['--vault-password-file', 'pass.txt', '--graph', '--vars'], ['--vault-password-file', 'pass.txt', '--list', '--export']] },
  { name: 'a source that does not exist', dir: 'ini', source: 'missing', runs: [['--list'], ['--graph'], ['--list', '--yaml']] },
  { name: 'usage errors', dir: 'ini', source: 'hosts', runs: [[], ['--list', '--graph'], ['--graph', 'nosuchgroup'], ['--host', 'nosuchhost']], codeOnly: true },
];

function runAnsible(args: string[], cwd: string): Promise<{ code: number; stdout: string }> {
  return new Promise((resolve) => {
    execFile(ANSIBLE!, args, { cwd, env: { PATH: process.env.PATH, HOME: process.env.HOME, ANSIBLE_NOCOLOR: '1', LANG: 'C.UTF-8' } },
      (err, stdout) => resolve({ code: err ? Number((err as { code?: number }).code ?? 1) : 0, stdout }));
  });
}

function inventoryArgs(source: string): string[] {
  return source.split('|').flatMap((s) => ['-i', s]);
}

const describeIfAnsible = ANSIBLE ? describe : describe.skip;
if (!ANSIBLE) {
  // eslint-disable-next-line no-console
  console.warn('SKIPPED: ansible-inventory is not installed (apt-get install ansible-core), so tsible-inventory was not compared with it');
}

describeIfAnsible('tsible-inventory prints what ansible-inventory prints', () => {
  for (const c of CASES) {
    describe(c.name, () => {
      test.each(c.runs.map((r) => [r.join(' '), r]))('%s', async (_label, flags) => {
        const cwd = join(FIXTURES, c.dir);
        const args = [...inventoryArgs(c.source), ...(flags as string[])];
        const [ours, theirs] = await Promise.all([runInventoryCli(args, cwd, { PATH: process.env.PATH }), runAnsible(args, cwd)]);
        expect(ours.code).toBe(theirs.code);
        if (c.codeOnly) {
          expect(ours.stderr).toMatch(/ERROR! (No action selected|Conflicting options|Pattern must be valid group name|You must pass a single valid host)/);
          return;
        }
        if (theirs.code === 0) expect(ours.stderr).not.toContain('ERROR');
        expect(ours.stdout).toBe(theirs.stdout);
      });
    });
  }
});
