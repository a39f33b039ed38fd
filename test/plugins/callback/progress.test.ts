/** The progress line: drawn on a terminal only, erased before any other output, gone at the end. */
import { progressLine } from '../../../plugins/callback/progress';
import { recordedEvents, replay } from './_support/replay';

const CLEAR = '\r\u001b[2K';

describe('progress callback', () => {
  test('never writes to a non-terminal', async () => {
    let clock = 0;
    const plain = await replay(recordedEvents('failures'), { color: false, now: () => clock, between: () => { clock += 5000; } });
    expect(plain.stdout).not.toContain('\r');
    expect(plain.stdout).not.toContain('host-tasks');
  });

  test('on a terminal, shows done/total and the running hosts once a host runs longer than a second, and erases itself', async () => {
    let clock = 0;
    const events = recordedEvents('failures').map((e) => (e.event === 'taskStart'
      ? { ...e, payload: { ...(e.payload as object), hosts: ['host1', 'host2'] } } : e));
    const out = await replay(events, { color: false, tty: { columns: 100 }, now: () => clock, between: () => { clock += 1500; } });
    const drawn = out.stdout.split(CLEAR).filter((s) => s.startsWith('['));
    expect(drawn.length).toBeGreaterThan(3);
    expect(drawn[0]).toMatch(/^\[0\/2 host-tasks\] running: host\d \(\d+s\)(, host\d \(\d+s\))?$/);
    expect(out.stdout).toContain('[1/2 host-tasks] running:');
    // Every drawn line is erased before the next output, so none ends up in a printed line.
    const printed = out.stdout.split('\n').map((l) => l.split(CLEAR).pop()!);
    expect(printed.filter((l) => l.includes('host-tasks'))).toEqual([]);
    expect(out.stdout.endsWith(`${CLEAR}`) || out.stdout.endsWith('\n')).toBe(true);
    expect(out.stdout).toContain('PLAY RECAP');
  });

  test('can be turned off from config on a terminal', async () => {
    let clock = 0;
    const out = await replay(recordedEvents('failures'), {
      color: false, tty: { columns: 100 }, now: () => clock, between: () => { clock += 5000; }, cli: { callbacks: { progress: { enabled: false } } },
    });
    expect(out.stdout).not.toContain('host-tasks');
  });

  test('the line fits the width and summarises hosts that do not fit', () => {
    const running = new Map(Array.from({ length: 30 }, (_, i) => [`web${String(i).padStart(2, '0')}.example.com`, 1000 * i] as [string, number]));
    const line = progressLine({ done: 12, total: 40, running }, 60_000, 120);
    expect(line.length).toBeLessThanOrEqual(120);
    expect(line).toMatch(/^\[12\/40 host-tasks\] running: web00\.example\.com \(60s\), web01\.example\.com \(59s\), .* \+\d+ more$/);
    expect(progressLine({ done: 1, total: 2, running: new Map() }, 0, 79)).toBe('[1/2 host-tasks]');
  });
});
