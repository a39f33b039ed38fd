/**
 * Splits one output stream of a persistent shell into the output of each command. The shell
 * prints a start marker line before a command and an end marker after it; what arrives between
 * them is the command's output, what arrives outside them came from something else (a background
 * process that kept the stream open) and is reported as stray.
 *
 * Output is kept as a list of chunks and only the last few characters are searched again, so a
 * command printing megabytes costs one pass, not one per chunk.
 */
export interface MarkedOutput {
  /** The command's output, exactly as printed (no trailing newline added or removed). */
  text: string;
  /** What followed the end marker on its line (the exit status on stdout). */
  trailer: string;
}

export class MarkerReader {
  private pieces: string[] = [];
  private tail = '';
  private pending = '';
  private start?: string;
  private end?: string;
  private started = false;
  /** The end marker was seen; `pending` collects the rest of its line. */
  private ended = false;
  private strayText = '';
  private result?: MarkedOutput;

  /** Text seen outside any command since the last call, then cleared. */
  takeStray(): string {
    const text = this.strayText;
    this.strayText = '';
    return text;
  }

  /** Starts waiting for the markers of the next command. */
  expect(start: string, end: string): void {
    this.start = start;
    this.end = end;
    this.started = false;
    this.ended = false;
    this.result = undefined;
    this.pieces = [];
    this.tail = '';
    this.pending = '';
  }

  /** The finished command's output, once its end marker line has arrived. */
  get done(): MarkedOutput | undefined {
    return this.result;
  }

  /** True once the current command's start marker arrived (the command began to run). */
  get hasStarted(): boolean {
    return this.started;
  }

  /** What the unfinished command printed so far (for a command that was killed). */
  partial(): string {
    return this.started ? this.pieces.join('') : '';
  }

  feed(text: string): void {
    if (!this.start) {
      this.strayText += text;
      return;
    }
    if (!this.started) {
      this.pending += text;
      const at = this.pending.indexOf(this.start);
      if (at < 0) return;
      this.strayText += this.pending.slice(0, at);
      const rest = this.pending.slice(at + this.start.length);
      this.pending = '';
      this.started = true;
      if (rest) this.feedBody(rest);
      return;
    }
    this.feedBody(text);
  }

  private feedBody(text: string): void {
    if (this.ended) {
      this.pending += text;
      this.finishIfComplete();
      return;
    }
    const end = this.end!;
    const window = this.tail + text;
    const at = window.indexOf(end);
    if (at < 0) {
      this.pieces.push(text);
      this.tail = window.slice(-(end.length - 1));
      return;
    }
    const all = this.pieces.join('') + text;
    const markerAt = all.length - window.length + at;
    this.pieces = [all.slice(0, markerAt)];
    this.pending = all.slice(markerAt + end.length);
    this.ended = true;
    this.finishIfComplete();
  }

  private finishIfComplete(): void {
    const nl = this.pending.indexOf('\n');
    if (nl < 0) return;
    this.result = { text: this.pieces.join(''), trailer: this.pending.slice(0, nl) };
    this.pending = this.pending.slice(nl + 1);
    this.pieces = [];
    this.tail = '';
    this.start = undefined;
    this.end = undefined;
    this.strayText += this.pending;
    this.pending = '';
  }
}
