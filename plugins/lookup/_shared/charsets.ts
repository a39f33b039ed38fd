const LOWER = 'abcdefghijklmnopqrstuvwxyz';
const UPPER = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const DIGITS = '0123456789';
const PUNCTUATION = '!"#$%&\'()*+,-./:;<=>?@[\\]^_`{|}~';
const WHITESPACE = ' \t\n\r\x0b\x0c';

/** Python's string module constants, by name. */
const NAMED: Record<string, string> = {
  ascii_letters: LOWER + UPPER, ascii_lowercase: LOWER, ascii_uppercase: UPPER, digits: DIGITS,
  hexdigits: `${DIGITS}abcdefABCDEF`, octdigits: '01234567', punctuation: PUNCTUATION, whitespace: WHITESPACE,
  printable: DIGITS + LOWER + UPPER + PUNCTUATION + WHITESPACE,
};

/** The password alphabet: named sets expanded, literal characters kept, quotes removed (as Ansible does). */
export function candidateChars(specs: readonly string[]): string {
  return specs.map((s) => NAMED[s] ?? s).join('').replace(/["']/g, '');
}
