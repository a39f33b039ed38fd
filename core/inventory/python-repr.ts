/**
 * Python's str()/repr() of plain data, as `ansible-inventory --graph --vars` prints values.
 * (JS numbers do not tell 3.0 from 3; integral floats print as ints.)
 */
function isPrintable(ch: string): boolean {
  return !/[\p{Cc}\p{Cf}\p{Cs}\p{Co}\p{Cn}\p{Zl}\p{Zp}]|[\p{Zs}]/u.test(ch) || ch === ' ';
}

/** The quote repr() picks: single, unless the text has ' and no ". */
function reprQuote(text: string): string {
  return text.includes("'") && !text.includes('"') ? '"' : "'";
}

/** repr()'s escapes between the quotes; `printable` says which other characters stay as they are. */
function reprBody(text: string, quote: string, printable: (ch: string, code: number) => boolean): string {
  let out = '';
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    if (ch === '\\') out += '\\\\';
    else if (ch === quote) out += `\\${quote}`;
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (printable(ch, code)) out += ch;
    else if (code < 0x100) out += `\\x${code.toString(16).padStart(2, '0')}`;
    else if (code < 0x10000) out += `\\u${code.toString(16).padStart(4, '0')}`;
    else out += `\\U${code.toString(16).padStart(8, '0')}`;
  }
  return out;
}

/** repr() of a str: single quotes unless the text has ' and no ", escapes as Python. */
export function pythonStrRepr(text: string): string {
  const quote = reprQuote(text);
  return `${quote}${reprBody(text, quote, (ch) => isPrintable(ch))}${quote}`;
}

/** repr() of bytes (`b'…'`), as Python's OS errors quote a path: printable ASCII as is, other bytes as \xNN. */
export function pythonBytesRepr(bytes: Uint8Array): string {
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
  const quote = reprQuote(text);
  return `b${quote}${reprBody(text, quote, (_, code) => code >= 0x20 && code < 0x7f)}${quote}`;
}

export function pythonFloatRepr(n: number): string {
  if (Number.isNaN(n)) return 'nan';
  if (!Number.isFinite(n)) return n > 0 ? 'inf' : '-inf';
  if (Number.isInteger(n) && Math.abs(n) < 1e16) return String(n);
  const exp = n === 0 ? 0 : Math.floor(Math.log10(Math.abs(n)));
  if (exp >= -4 && exp < 16) return String(n);
  const [mantissa, power] = n.toExponential().split('e') as [string, string];
  const sign = power.startsWith('-') ? '-' : '+';
  return `${mantissa}e${sign}${power.replace(/^[-+]/, '').padStart(2, '0')}`;
}

export function pythonRepr(value: unknown): string {
  if (value === null || value === undefined) return 'None';
  if (value === true) return 'True';
  if (value === false) return 'False';
  if (typeof value === 'number') return pythonFloatRepr(value);
  if (typeof value === 'string') return pythonStrRepr(value);
  if (Array.isArray(value)) return `[${value.map(pythonRepr).join(', ')}]`;
  if (typeof value === 'object' && value.constructor === Object) {
    return `{${Object.entries(value).map(([k, v]) => `${pythonStrRepr(k)}: ${pythonRepr(v)}`).join(', ')}}`;
  }
  return pythonStrRepr(String(value));
}

/** str(): strings as they are, everything else as repr(). */
export function pythonStr(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'object' && value !== null && !Array.isArray(value) && value.constructor !== Object) return String(value);
  return pythonRepr(value);
}
