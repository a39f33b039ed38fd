import { shellQuote } from 'tsible';

/**
 * How the command module's words become shell words. Ansible runs the command without a shell but
 * expands each word itself first (`expand_argument_vars`, on by default): `$NAME` and `${NAME}`
 * of the target's environment (left as they are when unset), then a leading `~` or `~user`. The
 * target's shell does the same expansions here, with nothing else (no globs, no field splitting,
 * no command substitution): every other character is single-quoted.
 */
export interface RenderedWords {
  /** Shell assignments the words refer to (the literal text of each variable reference). */
  setup: string[];
  /** The words, ready to follow `exec`. */
  line: string;
}

// Python's expandvars: `$` and then word characters, or `${` up to the next `}`.
const VAR_REF = /\$(?:([A-Za-z0-9_]+)|\{([^}]*)\})/g;
const SHELL_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
// Variables every sh sets for itself: they are not in the environment Ansible would read.
const SHELL_OWN = new Set(['IFS', 'PPID', 'OPTIND', 'PS1', 'PS2', 'PS4', 'LINENO']);
const HELPER_PREFIX = '__tsible_ref';
// The slash after the prefix stays unquoted too: a quoted one would stop the tilde expansion.
const TILDE_PREFIX = /^~[A-Za-z0-9._-]*(?:\/|$)/;

export function renderCommandWords(words: readonly string[], expand: boolean): RenderedWords {
  if (!expand) return { setup: [], line: words.map(shellQuote).join(' ') };
  const setup: string[] = [];
  const line = words.map((word) => renderWord(word, setup)).join(' ');
  return { setup, line };
}

function renderWord(word: string, setup: string[]): string {
  const tilde = TILDE_PREFIX.exec(word)?.[0] ?? '';
  let out = tilde;
  let literal = '';
  let last = tilde.length;
  const flush = (): void => {
    if (literal) out += shellQuote(literal);
    literal = '';
  };
  for (const m of word.slice(tilde.length).matchAll(VAR_REF)) {
    const index = (m.index ?? 0) + tilde.length;
    literal += word.slice(last, index);
    last = index + m[0].length;
    const name = m[1] ?? m[2];
    if (!SHELL_NAME.test(name) || SHELL_OWN.has(name) || name.startsWith(HELPER_PREFIX)) {
      literal += m[0];
      continue;
    }
    flush();
    const helper = `${HELPER_PREFIX}${setup.length}`;
    setup.push(`${helper}=${shellQuote(m[0])}`);
    // Set (even empty): its value, as one word; unset: the reference as written.
    out += `"\${${name}-$${helper}}"`;
  }
  literal += word.slice(last);
  flush();
  return out || "''";
}
