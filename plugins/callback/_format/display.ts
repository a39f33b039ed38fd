/**
 * One callback's terminal: Ansible's Display rules for where a line goes (stdout or stderr), how
 * a trailing newline is treated, how banners are padded and how warnings are wrapped and shown
 * only once per run.
 */
import { formatDeprecation, formatError, formatWarning, type DeprecationInfo } from 'tsible';
import { Painter, type ColourRole } from './colour.js';

export type { DeprecationInfo };

export interface DisplayOptions {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  painter: Painter;
  /** Banner and wrap width: 79 off a terminal, terminal width - 1 (at least 79) on one. */
  columns: number;
  deprecationWarnings?: boolean;
}

export interface LineOptions {
  colour?: ColourRole;
  stderr?: boolean;
}

/** Python's len() counts code points; wide characters count two on a terminal, as wcwidth says. */
export function textWidth(text: string): number {
  let width = 0;
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    width += (cp >= 0x1100 && cp <= 0x115f) || (cp >= 0x2e80 && cp <= 0xa4cf) || (cp >= 0xac00 && cp <= 0xd7a3)
      || (cp >= 0xf900 && cp <= 0xfaff) || (cp >= 0xfe30 && cp <= 0xfe4f) || (cp >= 0xff00 && cp <= 0xff60)
      || (cp >= 0xffe0 && cp <= 0xffe6) || (cp >= 0x1f300 && cp <= 0x1faff) || (cp >= 0x20000 && cp <= 0x3fffd) ? 2 : 1;
  }
  return width;
}

export class Display {
  private readonly warned = new Set<string>();
  private readonly deprecated = new Set<string>();
  constructor(readonly options: DisplayOptions) {}

  get painter(): Painter {
    return this.options.painter;
  }

  get columns(): number {
    return this.options.columns;
  }

  /** Writes one message; a message that already ends with a newline does not get a second one. */
  display(message: string, line: LineOptions = {}): void {
    const body = message.endsWith('\n') ? message.slice(0, -1) : message;
    const text = `${this.painter.paint(body, line.colour)}\n`;
    (line.stderr ? this.options.stderr : this.options.stdout).write(text);
  }

  /** `\nTITLE *****` padded to the width, never fewer than 3 stars. */
  banner(message: string, colour?: ColourRole): void {
    const msg = message.trim();
    const stars = Math.max(this.columns - textWidth(msg), 3);
    this.display(`\n${msg} ${'*'.repeat(stars)}`, { colour });
  }

  warning(message: string, formatted = false): void {
    const text = formatted ? `\n[WARNING]: \n${message}` : formatWarning(message, this.columns);
    if (this.warned.has(text)) return;
    this.warned.add(text);
    this.display(text, { colour: 'warn', stderr: true });
  }

  deprecation(info: DeprecationInfo): void {
    if (this.options.deprecationWarnings === false) return;
    const text = formatDeprecation(info, this.columns);
    if (this.deprecated.has(text)) return;
    this.deprecated.add(text);
    this.display(text, { colour: 'deprecate', stderr: true });
  }

  error(message: string): void {
    this.display(formatError(message, this.columns), { colour: 'error', stderr: true });
  }
}

/** How stdout callbacks show log lines: warnings and errors on stderr, -v lines when verbose enough. */
export function showLogEntry(display: Display, verbosity: number,
  entry: { level: string; message: string; verbosity?: number; host?: string }): boolean {
  switch (entry.level) {
    case 'warning': display.warning(entry.message); return true;
    case 'deprecation': display.deprecation({ msg: entry.message }); return true;
    case 'error': display.error(entry.message); return true;
    case 'info': display.display(entry.message); return true;
    case 'verbose':
      if (verbosity >= (entry.verbosity ?? 1)) display.display(entry.host ? `<${entry.host}> ${entry.message}` : entry.message, { colour: 'verbose' });
      return true;
    default: return false;
  }
}
