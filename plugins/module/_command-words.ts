import { shellQuote } from 'tsible';

/**
 * Words for the target's shell, expanded the way Ansible's command module expands them in Python:
 * `$NAME` and `${NAME}` from the target's environment (left as written when unset), then a leading
 * `~` or `~user`. The program's words (`expand_argument_vars`) and the `type: path` arguments
 * (`chdir`, `creates`, `removes`) get this. The shell does the expansions and nothing else (no
 * field splitting, no command substitution, no globs unless asked for): every other character is
 * single-quoted.
 */
export class ExpandedWords {
  /** Shell assignments the words refer to (the literal text of each variable reference). */
  readonly setup: string[] = [];

  /** `prefix` keeps the helper variables of two renderers in one script apart. */
  constructor(private readonly prefix = 'w') {}

  /**
   * One shell word; with `glob`, `*`, `?` and `[…]` stay unquoted so the shell matches them; with
   * `vars: false` only the leading `~` is expanded.
   */
  word(text: string, options: { glob?: boolean; vars?: boolean } = {}): string {
    const tilde = TILDE_PREFIX.exec(text)?.[0] ?? '';
    let out = tilde;
    let literal = '';
    let last = tilde.length;
    const flush = (): void => {
      if (literal) out += options.glob ? globLiteral(literal) : shellQuote(literal);
      literal = '';
    };
    for (const m of options.vars === false ? [] : text.slice(tilde.length).matchAll(VAR_REF)) {
      const index = (m.index ?? 0) + tilde.length;
      literal += text.slice(last, index);
      last = index + m[0].length;
      const name = m[1] ?? m[2];
      if (!SHELL_NAME.test(name) || SHELL_OWN.has(name) || name.startsWith(HELPER_PREFIX)) {
        literal += m[0];
        continue;
      }
      flush();
      const helper = `${HELPER_PREFIX}_${this.prefix}${this.setup.length}`;
      this.setup.push(`${helper}=${shellQuote(m[0])}`);
      // Set (even empty): its value, as one word; unset: the reference as written.
      out += `"\${${name}-$${helper}}"`;
    }
    literal += text.slice(last);
    flush();
    return out || "''";
  }
}

export interface RenderedWords {
  setup: string[];
  /** The words, ready to follow `exec`. */
  line: string;
}

export function renderCommandWords(words: readonly string[], expand: boolean): RenderedWords {
  if (!expand) return { setup: [], line: words.map(shellQuote).join(' ') };
  const rendered = new ExpandedWords();
  const line = words.map((word) => rendered.word(word)).join(' ');
  return { setup: rendered.setup, line };
}

// Python's expandvars: `$` and then word characters, or `${` up to the next `}`.
const VAR_REF = /\$(?:([A-Za-z0-9_]+)|\{([^}]*)\})/g;
const SHELL_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
// Variables every sh sets for itself: they are not in the environment Ansible would read.
const SHELL_OWN = new Set(['IFS', 'PPID', 'OPTIND', 'PS1', 'PS2', 'PS4', 'LINENO']);
const HELPER_PREFIX = '__tsible_ref';
// The slash after the prefix stays unquoted too: a quoted one would stop the tilde expansion.
const TILDE_PREFIX = /^~[A-Za-z0-9._-]*(?:\/|$)/;

function globLiteral(text: string): string {
  return text.split(/([*?[\]]+)/).map((part, i) => (i % 2 ? part : part && shellQuote(part))).join('');
}
