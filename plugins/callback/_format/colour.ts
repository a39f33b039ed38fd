/**
 * Ansible's colour names and SGR codes (config COLOR_*), and the helpers that paint text.
 * Painting is a no-op when colours are off, so callers never branch on it.
 */
const CODES: Record<string, string> = {
  black: '0;30', 'bright gray': '0;37', blue: '0;34', white: '1;37', green: '0;32', 'bright blue': '1;34',
  cyan: '0;36', 'bright green': '1;32', red: '0;31', 'bright cyan': '1;36', purple: '0;35', 'bright red': '1;31',
  yellow: '0;33', 'bright purple': '1;35', 'dark gray': '1;30', 'bright yellow': '1;33', magenta: '0;35',
  'bright magenta': '1;35', normal: '0',
};

/** The role of a line, as Ansible's COLOR_* settings name them, with Ansible's defaults. */
export const COLOURS = {
  changed: 'yellow', debug: 'dark gray', deprecate: 'purple', diffAdd: 'green', diffLines: 'cyan',
  diffRemove: 'red', error: 'red', highlight: 'white', ok: 'green', skip: 'cyan', unreachable: 'bright red',
  verbose: 'blue', warn: 'bright purple',
} as const;

export type ColourRole = keyof typeof COLOURS;

/** SGR parameters for a colour name (`color123`, `rgb345`, `gray7` as in Ansible, or a named colour). */
export function sgr(name: string): string {
  const m = /^(?:color(\d+)|rgb([0-5])([0-5])([0-5])|gray(\d+))$/.exec(name);
  if (!m) return CODES[name] ?? CODES.normal;
  if (m[1] !== undefined) return `38;5;${Number(m[1])}`;
  if (m[2] !== undefined) return `38;5;${16 + 36 * Number(m[2]) + 6 * Number(m[3]) + Number(m[4])}`;
  return `38;5;${232 + Number(m[5])}`;
}

export class Painter {
  constructor(readonly enabled: boolean, private readonly palette: Readonly<Record<ColourRole, string>> = COLOURS) {}

  /** Colours every line separately, as Ansible's stringc does, so a line never carries another's colour. */
  paint(text: string, role: ColourRole | undefined): string {
    if (!this.enabled || role === undefined) return text;
    const code = sgr(this.palette[role]);
    return text.split('\n').map((line) => `\u001b[${code}m${line}\u001b[0m`).join('\n');
  }

  /** `ok=3   ` in the recap: left-aligned in 4 columns, coloured only when non-zero. */
  counter(lead: string, num: number, role: ColourRole | undefined): string {
    const s = `${lead}=${String(num).padEnd(4)}`;
    return num !== 0 ? this.paint(s, role) : s;
  }

  /** The recap's host column: red on failures, yellow on changes, green otherwise. */
  host(name: string, stats: { failed: number; unreachable: number; changed: number }): string {
    if (!this.enabled) return name.padEnd(26);
    const role: ColourRole = stats.failed || stats.unreachable ? 'error' : stats.changed ? 'changed' : 'ok';
    // Ansible pads the coloured string to 37, which counts the 11 escape characters.
    return this.paint(name, role).padEnd(37);
  }
}
