import { PassThrough } from 'node:stream';
import { interactive, type CliIO } from '../../core/cli/io';

describe('the command-line IO', () => {
  const base = { stdout: new PassThrough(), stderr: new PassThrough(), env: {}, cwd: '/' };

  test('whether questions can be asked is known without opening stdin when the IO says so', () => {
    const unopened = (isTTY: boolean) => ({ ...base, stdinIsTTY: isTTY, get stdin(): never { throw new Error('stdin was opened'); } }) as CliIO;
    expect(interactive(unopened(false))).toBe(false);
    expect(interactive(unopened(true))).toBe(true);
  });

  test("else the stdin stream's own isTTY decides (tests pass their own streams)", () => {
    const terminal = Object.assign(new PassThrough(), { isTTY: true });
    expect(interactive({ ...base, stdin: terminal } as CliIO)).toBe(true);
    expect(interactive({ ...base, stdin: new PassThrough() } as CliIO)).toBe(false);
  });
});
