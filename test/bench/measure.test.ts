import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';

// bench/ is plain CommonJS run by `npm run bench`; the harness's own measuring is tested here.
const { treeRssKb } = require('../../bench/lib/measure.js') as { treeRssKb: (pid: number) => number };

const BIG_MB = 64;

function waitForLine(child: ChildProcess, text: string): Promise<void> {
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      if (out.includes(text)) resolve();
    });
    child.once('exit', () => reject(new Error(`exited before printing ${text}: ${out}`)));
  });
}

describe('bench treeRssKb', () => {
  let tree: ChildProcess | undefined;
  afterEach(() => {
    if (tree?.pid) try { process.kill(-tree.pid, 'SIGKILL'); } catch { /* gone */ }
  });

  it('sums the RSS of the whole tree, down to a grandchild that holds the memory', async () => {
    // sh -> sh -> node: the memory sits two levels below the root that is sampled.
    const holder = `const b = Buffer.alloc(${BIG_MB} * 1024 * 1024, 1); console.log('ready', b[5]); setTimeout(() => {}, 60000);`;
    tree = spawn('sh', ['-c', `sh -c 'exec "$0" -e "$1"' ${JSON.stringify(process.execPath)} ${JSON.stringify(holder)}; :`],
      { detached: true, stdio: ['ignore', 'pipe', 'inherit'] });
    await waitForLine(tree, 'ready 1');
    const rootAlone = Number(readFileSync(`/proc/${tree.pid}/stat`, 'latin1').split(') ')[1].split(' ')[21]) * 4;
    const kb = treeRssKb(tree.pid!);
    expect(rootAlone).toBeLessThan(16 * 1024);
    expect(kb).toBeGreaterThan(BIG_MB * 1024);
  });

  it('answers 0 for a process that is gone', async () => {
    const gone = spawn('true');
    await new Promise((r) => gone.once('exit', r));
    expect(treeRssKb(gone.pid!)).toBe(0);
  });
});
