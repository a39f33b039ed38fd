/**
 * A small XML tree written the way Python's minidom `toprettyxml()` writes it (tabs, an element
 * with only text kept on one line, `<x/>` for empty ones), so JUnit reports match Ansible's byte
 * for byte apart from times.
 */
export interface XmlElement {
  tag: string;
  attrs: Array<[string, string | number | undefined]>;
  text?: string;
  children?: XmlElement[];
}

const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;').replace(/>/g, '&gt;');

function write(el: XmlElement, depth: number, out: string[]): void {
  const pad = '\t'.repeat(depth);
  const attrs = el.attrs.filter(([, v]) => v !== undefined).map(([k, v]) => ` ${k}="${escape(String(v))}"`).join('');
  const children = el.children ?? [];
  if (el.text !== undefined && el.text !== '' && !children.length) {
    out.push(`${pad}<${el.tag}${attrs}>${escape(el.text)}</${el.tag}>\n`);
  } else if (!children.length) {
    out.push(`${pad}<${el.tag}${attrs}/>\n`);
  } else {
    out.push(`${pad}<${el.tag}${attrs}>\n`);
    for (const c of children) write(c, depth + 1, out);
    out.push(`${pad}</${el.tag}>\n`);
  }
}

export function prettyXml(root: XmlElement): string {
  const out = ['<?xml version="1.0" ?>\n'];
  write(root, 0, out);
  return out.join('');
}

/** The exact decimal value of a double, as Python's `str(Decimal(float))` prints it. */
export function exactDecimal(x: number): string {
  if (!Number.isFinite(x)) return String(x);
  if (Number.isInteger(x)) return BigInt(x).toString();
  const negative = x < 0;
  const buf = new DataView(new ArrayBuffer(8));
  buf.setFloat64(0, Math.abs(x));
  const bits = buf.getBigUint64(0);
  const exp = Number((bits >> 52n) & 0x7ffn);
  let mantissa = bits & ((1n << 52n) - 1n);
  let e2 = exp - 1075;
  if (exp === 0) e2 = -1074;
  else mantissa |= 1n << 52n;
  // value = mantissa * 2^e2 with e2 < 0 here: multiply by 5^-e2 to get an integer over 10^-e2.
  const scale = -e2;
  const digits = (mantissa * 5n ** BigInt(scale)).toString().padStart(scale + 1, '0');
  let text = `${digits.slice(0, digits.length - scale)}.${digits.slice(digits.length - scale)}`.replace(/0+$/, '').replace(/\.$/, '');
  if (negative) text = `-${text}`;
  return text;
}
