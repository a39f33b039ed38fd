/**
 * How PyYAML's emitter decides a string's style (plain, 'single' or "double" quoted), so that
 * to_yaml / to_nice_yaml print what Ansible prints.
 */
const BOOL_OR_NULL = /^(?:yes|Yes|YES|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF|~|null|Null|NULL|<<|=)$/;
const INT_RE = /^(?:[-+]?0b[0-1_]+|[-+]?0[0-7_]+|[-+]?(?:0|[1-9][0-9_]*)|[-+]?0x[0-9a-fA-F_]+|[-+]?[1-9][0-9_]*(?::[0-5]?[0-9])+)$/;
const FLOAT_RE = /^(?:[-+]?(?:[0-9][0-9_]*)\.[0-9_]*(?:[eE][-+][0-9]+)?|\.[0-9][0-9_]*(?:[eE][-+][0-9]+)?|[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\.[0-9_]*|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$/;
const TIMESTAMP_RE = /^(?:[0-9]{4}-[0-9]{2}-[0-9]{2}|[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}(?:[Tt]|[ \t]+)[0-9]{1,2}:[0-9]{2}:[0-9]{2}(?:\.[0-9]*)?(?:[ \t]*(?:Z|[-+][0-9]{1,2}(?::[0-9]{2})?))?)$/;
const BREAKS = '\n\x85\u2028\u2029';
const WHITESPACE = '\0 \t\r\n\x85\u2028\u2029';

export interface ScalarAnalysis {
  empty: boolean;
  multiline: boolean;
  flowPlain: boolean;
  blockPlain: boolean;
  singleQuoted: boolean;
}

/** A plain scalar that would read back as something other than this string must be quoted. */
export function resolvesToNonString(text: string): boolean {
  return text === '' || BOOL_OR_NULL.test(text) || INT_RE.test(text) || FLOAT_RE.test(text) || TIMESTAMP_RE.test(text);
}

function isSpecial(ch: string): boolean {
  if (ch === '\n' || (ch >= '\x20' && ch <= '\x7e')) return false;
  const code = ch.codePointAt(0)!;
  const printableUnicode = code === 0x85 || (code >= 0xa0 && code <= 0xd7ff) || (code >= 0xe000 && code <= 0xfffd) || (code >= 0x10000 && code < 0x10ffff);
  return !printableUnicode || code === 0xfeff;
}

interface Flags {
  block: boolean;
  flow: boolean;
  breaks: boolean;
  special: boolean;
  edgeSpace: boolean;
  breakSpace: boolean;
  spaceBreak: boolean;
}

function indicatorFlags(ch: string, index: number, before: boolean, after: boolean, f: Flags): void {
  if (index === 0) {
    if ('#,[]{}&*!|>\'"%@`'.includes(ch)) f.flow = f.block = true;
    if (ch === '?' || ch === ':') {
      f.flow = true;
      if (after) f.block = true;
    }
    if (ch === '-' && after) f.flow = f.block = true;
    return;
  }
  if (',?[]{}'.includes(ch)) f.flow = true;
  if (ch === ':') {
    f.flow = true;
    if (after) f.block = true;
  }
  if (ch === '#' && before) f.flow = f.block = true;
}

export function analyzeScalar(text: string): ScalarAnalysis {
  if (!text) return { empty: true, multiline: false, flowPlain: false, blockPlain: true, singleQuoted: true };
  const chars = Array.from(text);
  const f: Flags = { block: false, flow: false, breaks: false, special: false, edgeSpace: false, breakSpace: false, spaceBreak: false };
  if (text.startsWith('---') || text.startsWith('...')) f.flow = f.block = true;
  let prevSpace = false;
  let prevBreak = false;
  chars.forEach((ch, i) => {
    const before = i === 0 || WHITESPACE.includes(chars[i - 1]!);
    const after = i + 1 >= chars.length || WHITESPACE.includes(chars[i + 1]!);
    indicatorFlags(ch, i, before, after, f);
    if (BREAKS.includes(ch)) f.breaks = true;
    if (isSpecial(ch)) f.special = true;
    const edge = i === 0 || i === chars.length - 1;
    if (ch === ' ') {
      if (edge) f.edgeSpace = true;
      if (prevBreak) f.breakSpace = true;
      [prevSpace, prevBreak] = [true, false];
    } else if (BREAKS.includes(ch)) {
      if (edge) f.edgeSpace = true;
      if (prevSpace) f.spaceBreak = true;
      [prevSpace, prevBreak] = [false, true];
    } else [prevSpace, prevBreak] = [false, false];
  });
  const noPlain = f.edgeSpace || f.breakSpace || f.spaceBreak || f.special || f.breaks;
  return {
    empty: false,
    multiline: f.breaks,
    flowPlain: !noPlain && !f.flow,
    blockPlain: !noPlain && !f.block,
    singleQuoted: !(f.breakSpace || f.spaceBreak || f.special),
  };
}

export type ScalarStyle = 'plain' | 'single' | 'double';

export function chooseStyle(text: string, inFlow: boolean, isKey: boolean): ScalarStyle {
  const a = analyzeScalar(text);
  const keyProblem = isKey && (a.empty || a.multiline);
  if (!resolvesToNonString(text) && !keyProblem && (inFlow ? a.flowPlain : a.blockPlain)) return 'plain';
  if (a.singleQuoted && !(isKey && a.multiline)) return 'single';
  return 'double';
}

const ESCAPES: Record<string, string> = {
  '\0': '0', '\x07': 'a', '\b': 'b', '\t': 't', '\n': 'n', '\v': 'v', '\f': 'f', '\r': 'r', '\x1b': 'e',
  '"': '"', '\\': '\\', '\x85': 'N', '\xa0': '_', '\u2028': 'L', '\u2029': 'P',
};

export function doubleQuoted(text: string): string {
  let out = '"';
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    if (ESCAPES[ch] !== undefined) out += `\\${ESCAPES[ch]}`;
    else if (isSpecial(ch)) out += code <= 0xff ? `\\x${code.toString(16).toUpperCase().padStart(2, '0')}` : code <= 0xffff ? `\\u${code.toString(16).toUpperCase().padStart(4, '0')}` : `\\U${code.toString(16).toUpperCase().padStart(8, '0')}`;
    else out += ch;
  }
  return `${out}"`;
}

/** PyYAML's float spelling: repr() digits, `.inf`/`.nan`, and exponents like `1.0e+20`. */
export function pythonFloat(n: number): string {
  if (Number.isNaN(n)) return '.nan';
  if (!Number.isFinite(n)) return n > 0 ? '.inf' : '-.inf';
  if (Number.isInteger(n) && Math.abs(n) < 1e16) return String(n);
  const exp = n === 0 ? 0 : Math.floor(Math.log10(Math.abs(n)));
  if (exp >= -4 && exp < 16) return String(n);
  const [mantissa, power] = n.toExponential().split('e') as [string, string];
  const sign = power.startsWith('-') ? '-' : '+';
  const digits = power.replace(/^[-+]/, '').padStart(2, '0');
  return `${mantissa.includes('.') ? mantissa : `${mantissa}.0`}e${sign}${digits}`;
}
