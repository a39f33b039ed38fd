import { defineLookup, percentFormat } from 'tsible';
import { lookupError, requireString } from './_shared/errors.js';
import { parseKv } from './_shared/kv.js';

const NUM = '(0?x?[0-9a-f]+)';
const SHORTCUT = new RegExp(`^(${NUM}-)?${NUM}(/${NUM})?(:(.+))?$`, 'i');

interface Sequence {
  start: number;
  end?: number;
  count?: number;
  stride: number;
  format: string;
}

/** Python's int(text, 0): decimal, 0x hex, 0o/0 octal, 0b binary. */
function parseInt0(text: string, what: string): number {
  const t = text.trim().toLowerCase();
  // Python rejects a leading zero on a decimal number ('010'); 0x, 0o and 0b prefixes are fine.
  const m = /^([+-]?)(0x[0-9a-f]+|0o[0-7]+|0b[01]+|0+|[1-9][0-9]*)$/.exec(t);
  if (!m) throw lookupError(`can't parse ${what}=${text} as integer`);
  const value = Number(m[2]!);
  return m[1] === '-' ? -value : value;
}

function fromShortcut(term: string): Sequence | undefined {
  const m = SHORTCUT.exec(term);
  if (!m) return undefined;
  const seq: Sequence = { start: 1, stride: 1, format: '%d', end: parseInt0(m[3]!, 'end') };
  if (m[2] !== undefined) seq.start = parseInt0(m[2], 'start');
  if (m[5] !== undefined) seq.stride = parseInt0(m[5], 'stride');
  if (m[7] !== undefined) seq.format = m[7];
  return seq;
}

function fromKeywords(args: Record<string, unknown>): Sequence {
  const seq: Sequence = { start: 1, stride: 1, format: '%d' };
  const rest = { ...args };
  for (const key of ['start', 'end', 'count', 'stride'] as const) {
    const raw = rest[key];
    delete rest[key];
    if (raw === undefined || raw === null) continue;
    seq[key] = typeof raw === 'number' ? raw : parseInt0(String(raw), key);
  }
  if (rest.format !== undefined) seq.format = String(rest.format);
  delete rest.format;
  const unknown = Object.keys(rest);
  if (unknown.length) throw lookupError(`unrecognized arguments to with_sequence: [${unknown.map((k) => `'${k}'`).join(', ')}]`);
  return seq;
}

function* generate(seq: Sequence): Generator<string> {
  let { start, end, stride } = seq;
  if (seq.count === undefined && end === undefined) throw lookupError('must specify count or end in with_sequence');
  if (seq.count !== undefined && end !== undefined) throw lookupError("can't specify both count and end in with_sequence");
  if (seq.count !== undefined) {
    if (seq.count !== 0) end = start + seq.count * stride - 1;
    else [start, end, stride] = [0, 0, 0];
  }
  if (stride > 0 && end! < start) throw lookupError('to count backwards make stride negative');
  if (stride < 0 && end! > start) throw lookupError("to count forward don't make stride negative");
  if (seq.format.split('%').length - 1 !== 1) throw lookupError(`bad formatting string: ${seq.format}`);
  if (stride === 0) return;
  const stop = end! + (stride > 0 ? 1 : -1);
  for (let i = start; stride > 0 ? i < stop : i > stop; i += stride) {
    try {
      yield percentFormat(seq.format, i);
    } catch (err) {
      throw lookupError(`problem formatting ${i} with '${seq.format}'`, err);
    }
  }
}

export default defineLookup({
  name: 'sequence',
  shortDescription: 'generate a list based on a number sequence',
  description: 'Generates numbers as strings, from `start` (default 1) to `end` or for `count` items, every `stride`, '
    + 'each formatted with the printf-style `format`. Terms are `key=value` strings or the shortcut '
    + '`[start-]end[/stride][:format]`; with no term, the keyword options are used.',
  options: {
    start: { type: 'int', default: 1, description: 'First number.' },
    end: { type: 'int', description: 'Last number (inclusive).' },
    count: { type: 'int', description: 'How many numbers (instead of end).' },
    stride: { type: 'int', default: 1, description: 'Step; negative to count down.' },
    format: { type: 'str', default: '%d', description: 'printf-style format of each item.' },
  },
  examples: `- debug: msg="{{ item }}"\n  with_sequence: start=1 end=10 stride=2 format=host%02d\n- debug: msg="{{ query('sequence', '2-10/2:n%d') }}"`,
  returns: { _list: 'the formatted numbers (strings)' },
  run(terms, given) {
    if (terms.length === 0 && Object.keys(given).length) return [...generate(fromKeywords(given))];
    const out: string[] = [];
    for (const term of terms) {
      const text = requireString(term).trim();
      const kv = parseKv(text);
      out.push(...generate(fromShortcut(text) ?? fromKeywords(kv.raw ? { ...kv.params, _raw_params: kv.raw } : kv.params)));
    }
    return out;
  },
});
