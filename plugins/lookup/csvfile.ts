import { defineLookup, type LookupContext } from 'tsible';
import { lookupError, requireString } from './_shared/errors.js';
import { parseKv } from './_shared/kv.js';
import { readOptions } from './_shared/options.js';
import { readControllerFile } from './_shared/read.js';
import { findInSearchPath } from './_shared/search.js';
import { parseCsv } from './_shared/csv.js';

const options = {
  file: { type: 'str', default: 'ansible.csv', description: 'The file to read (searched like the file lookup).' },
  col: { type: 'str', default: '1', description: 'The column to return, counted from 0.' },
  delimiter: { type: 'str', default: 'TAB', description: 'Field separator; `TAB` (the default) means a tab.' },
  default: { type: 'raw', description: 'What to return when no row has the key.' },
  encoding: { type: 'str', default: 'utf-8', description: 'Encoding of the file.' },
} as const;

async function readCell(ctx: LookupContext, key: string, opts: Record<string, unknown>): Promise<unknown> {
  const file = String(opts.file);
  const path = await findInSearchPath(ctx, 'files', file);
  try {
    if (!path) throw new Error(`[Errno 2] No such file or directory: '${file}'`);
    const encoding = String(opts.encoding).toLowerCase().replace(/[-_]/g, '') === 'utf8' ? 'utf8' : 'latin1';
    const text = (await readControllerFile(ctx, path)).toString(encoding as BufferEncoding);
    const delimiter = opts.delimiter === 'TAB' ? '\t' : String(opts.delimiter);
    const col = Number.parseInt(String(opts.col), 10);
    for (const row of parseCsv(text, delimiter)) {
      if (row.length && row[0] === key) {
        if (!Number.isInteger(col) || col >= row.length || col < -row.length) throw new Error('list index out of range');
        return row[col < 0 ? row.length + col : col];
      }
    }
  } catch (err) {
    throw lookupError(`csvfile: ${(err as Error).message}`, err);
  }
  return opts.default;
}

export default defineLookup({
  name: 'csvfile',
  shortDescription: 'read data from a TSV or CSV file',
  description: 'Finds the row whose first column is the key and returns one of its columns. Options may also be '
    + 'given inside the term, after the key (`\'bob smith file=people.csv delimiter=,\'`).',
  options,
  examples: `- debug: msg="{{ lookup('csvfile', 'alice', file='people.csv', delimiter=',', col=2) }}"`,
  returns: { _raw: 'the value of the column' },
  async run(terms, given, ctx) {
    const out: unknown[] = [];
    for (const term of terms) {
      const opts = readOptions(options, given, 'csvfile');
      const kv = parseKv(requireString(term));
      if (kv.raw === undefined) throw lookupError('Search key is required but was not found');
      for (const [name, value] of Object.entries(kv.params)) {
        if (!(name in options)) throw lookupError(`${name} is not a valid option`);
        opts[name] = value;
      }
      const value = await readCell(ctx, kv.raw, opts);
      if (Array.isArray(value)) out.push(...value);
      else if (value !== undefined && value !== null) out.push(value);
    }
    return out;
  },
});
