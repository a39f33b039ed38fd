import { ConnectionError } from 'tsible';

/** What OpenSSH command-line arguments (ansible_ssh_common_args, …) say, keyed like ssh_config. */
export interface SshArgs {
  /** `-o Key=Value` options, keys lower-cased; the first occurrence wins, as in OpenSSH. */
  options: Map<string, string[]>;
  /** `-F file` (or `none`). */
  configFile?: string;
}

/** Splits a command-line string into words the way a POSIX shell would (quotes and backslashes). */
export function shellWords(text: string): string[] {
  const words: string[] = [];
  let current = '';
  let inWord = false;
  let quote: '"' | "'" | undefined;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quote) {
      if (c === quote) quote = undefined;
      else if (c === '\\' && quote === '"' && /["\\$`]/.test(text[i + 1] ?? '')) current += text[++i];
      else current += c;
    } else if (c === '"' || c === "'") {
      quote = c;
      inWord = true;
    } else if (c === '\\' && i + 1 < text.length) {
      current += text[++i];
      inWord = true;
    } else if (/\s/.test(c)) {
      if (inWord) words.push(current);
      current = '';
      inWord = false;
    } else {
      current += c;
      inWord = true;
    }
  }
  if (quote) throw new ConnectionError(`unterminated quote in ssh arguments: ${text}`);
  if (inWord) words.push(current);
  return words;
}

/** Flags that map to an ssh_config keyword. */
const FLAG_KEYWORDS: Record<string, string> = {
  '-i': 'identityfile', '-p': 'port', '-l': 'user', '-J': 'proxyjump',
};
/** Flags of OpenSSH that take a value we do not use (skipped with their value). */
const IGNORED_WITH_VALUE = new Set(['-b', '-c', '-D', '-E', '-e', '-I', '-L', '-m', '-O', '-Q', '-R', '-S', '-W', '-w', '-B']);

/**
 * Parses OpenSSH arguments from one or more strings (ansible_ssh_common_args, ansible_ssh_extra_args).
 * Options we cannot honour are kept and simply not read; flags without meaning here are skipped.
 */
export function parseSshArgs(...texts: Array<string | undefined>): SshArgs {
  const args: SshArgs = { options: new Map() };
  const add = (key: string, value: string): void => {
    const k = key.toLowerCase();
    const list = args.options.get(k) ?? [];
    list.push(value);
    args.options.set(k, list);
  };
  for (const text of texts) {
    if (!text) continue;
    const words = shellWords(text);
    for (let i = 0; i < words.length; i++) {
      const word = words[i]!;
      const flag = word.slice(0, 2);
      const inline = word.length > 2 ? word.slice(2) : undefined;
      const takeValue = (): string => inline ?? words[++i] ?? '';
      if (flag === '-o') {
        const option = takeValue();
        const m = /^\s*([A-Za-z]+)\s*(?:=\s*|\s+)(.*)$/.exec(option);
        if (!m) throw new ConnectionError(`bad ssh option '-o ${option}': expected Key=Value`);
        add(m[1]!, m[2]!.trim());
      } else if (flag === '-F') {
        args.configFile = takeValue();
      } else if (FLAG_KEYWORDS[flag]) {
        add(FLAG_KEYWORDS[flag]!, takeValue());
      } else if (IGNORED_WITH_VALUE.has(flag)) {
        takeValue();
      }
    }
  }
  return args;
}
