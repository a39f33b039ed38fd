import { AbortedError } from '../errors.js';

type Input = NodeJS.ReadableStream & { isTTY?: boolean; setRawMode?: (raw: boolean) => unknown };

/**
 * Reads lines (prompts) and whole contents (`-` inputs) from one stdin stream, in order, so that
 * tests can feed passwords and data through a plain stream. On a terminal the echo is turned off.
 */
export class InputReader {
  #buffer = Buffer.alloc(0);
  #ended = false;
  #waiters: Array<() => void> = [];
  #attached = false;

  constructor(private readonly stream: Input) {}

  #attach(): void {
    if (this.#attached) return;
    this.#attached = true;
    this.stream.on('data', (chunk: Buffer | string) => {
      this.#buffer = Buffer.concat([this.#buffer, typeof chunk === 'string' ? Buffer.from(chunk) : chunk]);
      this.#wake();
    });
    this.stream.on('end', () => {
      this.#ended = true;
      this.#wake();
    });
    this.stream.resume();
  }

  #wake(): void {
    for (const waiter of this.#waiters.splice(0)) waiter();
  }

  async #more(): Promise<void> {
    this.#attach();
    this.stream.resume();
    await new Promise<void>((done) => this.#waiters.push(done));
  }

  /** One line without its line ending; undefined at the end of the input. */
  async readLine(): Promise<string | undefined> {
    for (;;) {
      const nl = this.#buffer.findIndex((byte) => byte === 0x0a || byte === 0x0d);
      if (nl >= 0) {
        const line = this.#buffer.subarray(0, nl).toString('utf8');
        const crlf = this.#buffer[nl] === 0x0d && this.#buffer[nl + 1] === 0x0a;
        this.#buffer = this.#buffer.subarray(nl + (crlf ? 2 : 1));
        return line;
      }
      if (this.#ended) {
        const rest = this.#buffer;
        this.#buffer = Buffer.alloc(0);
        return rest.length === 0 ? undefined : rest.toString('utf8');
      }
      await this.#more();
    }
  }

  /** Everything left until the end of the input, as bytes. */
  async readAll(): Promise<Buffer> {
    while (!this.#ended) await this.#more();
    const rest = this.#buffer;
    this.#buffer = Buffer.alloc(0);
    return rest;
  }

  /** A password: the prompt on stderr, no echo on a terminal, Ctrl-C aborts. */
  async secret(prompt: string, stderr: NodeJS.WritableStream): Promise<string> {
    stderr.write(prompt);
    const raw = this.stream.isTTY && typeof this.stream.setRawMode === 'function';
    if (raw) this.stream.setRawMode!(true);
    try {
      const line = await this.readLine();
      if (line?.includes('\u0003')) throw new AbortedError('interrupted at the password prompt');
      return raw ? applyBackspaces(line ?? '') : (line ?? '');
    } finally {
      if (raw) {
        this.stream.setRawMode!(false);
        stderr.write('\n');
      }
      this.stream.pause();
    }
  }
}

/** In raw mode the terminal does not edit the line: apply DEL/BS ourselves. */
function applyBackspaces(line: string): string {
  const out: string[] = [];
  for (const ch of line) {
    if (ch === '\x7f' || ch === '\b') out.pop();
    else out.push(ch);
  }
  return out.join('');
}
