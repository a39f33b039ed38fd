/**
 * junit, tree, profile_tasks and timer against what Ansible wrote for the same runs. Times differ
 * by nature and are normalised; everything else must match.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { normaliseOutput } from '../../helpers/golden';
import { GOLDEN, recorded, recordedEvents, replay } from './_support/replay';

let dir: string;
beforeEach(() => { dir = mkdtempSync(join(tmpdir(), 'tsible-cb-out-')); });
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const neutralTimes = (xml: string) => xml.replace(/ time="[0-9.e-]+"/g, ' time="<t>"');

describe('junit', () => {
  test('writes the XML report Ansible writes (JUNIT_OUTPUT_DIR)', async () => {
    await replay(recordedEvents('junit'), { color: false, env: { JUNIT_OUTPUT_DIR: dir }, cli: { callbacks_enabled: ['junit'] } });
    const files = readdirSync(dir);
    expect(files).toHaveLength(1);
    expect(files[0]).toMatch(/^playbook-\d+(\.\d+)?\.xml$/);
    // The recording's paths were replaced by <fixtures> after Ansible wrote (and escaped) them.
    const ours = readFileSync(join(dir, files[0]), 'utf8').replace(/&lt;fixtures&gt;/g, '<fixtures>');
    const theirs = readFileSync(join(GOLDEN, 'recorded', 'junit', 'files', 'junit', 'playbook.xml'), 'utf8');
    expect(normaliseOutput(neutralTimes(ours), { sortHosts: false })).toBe(normaliseOutput(neutralTimes(theirs), { sortHosts: false }));
  });

  test('options from config: fail_on_change turns changed tasks into failures, hide_task_arguments shortens names', async () => {
    await replay(recordedEvents('junit'), {
      color: false, cli: { callbacks_enabled: ['junit'], callbacks: { junit: { output_dir: dir, fail_on_change: true, hide_task_arguments: true } } },
    });
    const xml = readFileSync(join(dir, readdirSync(dir)[0]), 'utf8');
    expect(xml).toContain('name="[host2] Failures across two hosts: Both hosts are fine"');
    expect(xml).toMatch(/<testsuite disabled="0" errors="0" failures="2" name="playbook" skipped="1" tests="6"/);
  });

  test('is off unless enabled', async () => {
    await replay(recordedEvents('junit'), { color: false, env: { JUNIT_OUTPUT_DIR: dir } });
    expect(readdirSync(dir)).toEqual([]);
  });
});

describe('files that cannot be written', () => {
  test('tree and junit report the problem as a warning and the run goes on', async () => {
    const blocker = join(dir, 'not-a-dir');
    writeFileSync(blocker, '');
    const out = await replay(recordedEvents('tree'), {
      color: false, env: { ANSIBLE_CALLBACK_TREE_DIR: join(blocker, 'tree'), JUNIT_OUTPUT_DIR: join(blocker, 'junit') },
      cli: { callbacks_enabled: ['tree', 'junit'] },
    });
    expect(out.stdout).toContain('PLAY RECAP');
    expect(out.stderr).toMatch(/^\[WARNING\]: Unable to access or create the configured directory \(/);
    expect(out.stderr).toContain('[WARNING]: junit: cannot write the report into');
  });
});

describe('tree', () => {
  test('writes one JSON file per host with its last result (ANSIBLE_CALLBACK_TREE_DIR, FQCN in callbacks_enabled)', async () => {
    await replay(recordedEvents('tree'), { color: false, env: { ANSIBLE_CALLBACK_TREE_DIR: dir }, cli: { callbacks_enabled: ['ansible.builtin.tree'] } });
    expect(readdirSync(dir).sort()).toEqual(['host1', 'host2']);
    for (const host of ['host1', 'host2']) {
      const theirs = readFileSync(join(GOLDEN, 'recorded', 'tree', 'files', 'tree', host), 'utf8');
      expect(normaliseOutput(readFileSync(join(dir, host), 'utf8'))).toBe(normaliseOutput(theirs));
    }
  });
});

function summaryRowsSorted(text: string): string {
  const lines = text.split('\n');
  const at = lines.findIndex((l) => l.startsWith('====='));
  return [...lines.slice(0, at + 1), ...lines.slice(at + 1).sort()].join('\n');
}

describe('profile_tasks and timer', () => {
  test('profile_tasks prints a time line under each banner and the slowest tasks first', async () => {
    let clock = Date.UTC(2026, 10, 26, 7, 25, 46); // month names differ in length: keep the recording's month
    const slow: Record<string, number> = { 'Retry until it gives up': 900, 'Change something': 700 };
    let current = '';
    const out = await replay(recordedEvents('profile_tasks'), {
      color: false, cli: { callbacks_enabled: ['ansible.posix.profile_tasks'] }, now: () => clock,
      between: (e) => {
        clock += slow[current] ?? 20;
        if (e.event === 'taskStart' || e.event === 'handlerTaskStart') current = (e.payload as { task: { name: string } }).task.name;
      },
    });
    const theirs = recorded('profile_tasks', 'ansible.stdout');
    expect(summaryRowsSorted(normaliseOutput(out.stdout, { sortHosts: false }))).toBe(summaryRowsSorted(normaliseOutput(theirs, { sortHosts: false })));
    const rows = out.stdout.split('\n').filter((l) => / \d+\.\d\ds$/.test(l));
    expect(rows[0]).toMatch(/^Retry until it gives up -+ \d+\.\d\ds$/);
    expect(rows[1]).toMatch(/^Change something -+ \d+\.\d\ds$/);
    expect(rows.every((r) => r.length === 79)).toBe(true);
    // The normalised comparison hides the star fill of the time lines (it depends on the date);
    // like Ansible's, each is filled to 79 columns plus a trailing space, whatever the date.
    const timeLines = (text: string) => text.split('\n').filter((l) => /^[A-Z][a-z]+day \d{2} /.test(l));
    expect(timeLines(theirs).map((l) => l.length)).toEqual(timeLines(theirs).map(() => 80));
    expect(timeLines(out.stdout)).toHaveLength(timeLines(theirs).length);
    expect(timeLines(out.stdout).every((l) => l.length === 80 && / \*{3,} $/.test(l))).toBe(true);
  });

  test('timer prints the run time after the recap', async () => {
    let clock = 0;
    const out = await replay(recordedEvents('timer'), {
      color: false, cli: { callbacks_enabled: ['timer'] }, now: () => clock, between: () => { clock += 100_000; },
    });
    expect(normaliseOutput(out.stdout)).toBe(normaliseOutput(recorded('timer', 'ansible.stdout')));
    expect(out.stdout).toMatch(/Playbook run took 0 days, 1 hours, \d+ minutes, \d+ seconds\n$/);
  });
});
