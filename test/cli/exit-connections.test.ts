import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import type { CliIO } from '../../core/cli/io.js';
import { playbookMain } from '../../core/cli/commands/playbook.js';
import { isAlive } from '../helpers/ssh-fixture';
import { fixtureInventoryIni } from '../helpers/sshd';
import { cleanEnv, tempProject } from '../helpers/tmp';

const ROOT = join(__dirname, '..', '..');
const PLAYBOOK = `- hosts: fixture
  gather_facts: false
  tasks:
    - name: the persistent shell's pid
      shell: echo $PPID
`;

/** The remote shell's pid from the task's result (printed at -v and above). */
function shellPid(output: string): number {
  return Number(/"stdout": "(\d+)"/.exec(output)?.[1]);
}

async function gone(pid: number, withinMs: number): Promise<boolean> {
  const until = Date.now() + withinMs;
  while (Date.now() < until) {
    if (!isAlive(pid)) return true;
    await new Promise((r) => setTimeout(r, 50));
  }
  return !isAlive(pid);
}

describe('connections at the end of a run', () => {
  test('the command-line tool leaves its sockets to the process exit; the server still ends the remote shell', async () => {
    const p = tempProject({ 'inventory.ini': fixtureInventoryIni(1), 'play.yml': PLAYBOOK });
    try {
      const r = spawnSync(process.execPath, [join(ROOT, 'dist/core/cli/bin/tsible-playbook.js'), '-i', 'inventory.ini', 'play.yml', '-vvv'], { cwd: p.dir, env: cleanEnv({ NO_COLOR: '1' }), encoding: 'utf8', timeout: 60_000 });
      expect(r.status).toBe(0);
      expect(r.stdout).toMatch(/<host1> leaving the connection to \S+ to close with the process/);
      expect(r.stdout).not.toContain('closing the connection');
      const shell = shellPid(r.stdout);
      expect(shell).toBeGreaterThan(1);
      // No goodbye was sent: the server notices the TCP close and ends the session and its shell.
      expect(await gone(shell, 10_000)).toBe(true);
    } finally {
      p.cleanup();
    }
  });

  test('a run inside a process that goes on closes each connection itself', async () => {
    const p = tempProject({ 'inventory.ini': fixtureInventoryIni(1), 'play.yml': PLAYBOOK });
    const stdout = new PassThrough();
    const chunks: Buffer[] = [];
    stdout.on('data', (c: Buffer) => chunks.push(c));
    const io: CliIO = { stdout, stderr: new PassThrough(), stdin: Readable.from([]), env: cleanEnv({ NO_COLOR: '1' }), cwd: p.dir };
    try {
      const code = await playbookMain(['-i', 'inventory.ini', 'play.yml', '-vvv'], io);
      expect(code).toBe(0);
      const out = Buffer.concat(chunks).toString('utf8');
      expect(out).toMatch(/<host1> closing the connection to \S+/);
      expect(out).not.toContain('leaving the connection');
      const shell = shellPid(out);
      expect(shell).toBeGreaterThan(1);
      expect(await gone(shell, 10_000)).toBe(true);
    } finally {
      p.cleanup();
    }
  });
});
