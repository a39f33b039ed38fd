import { defineLookup, pyRegex, type LookupContext } from 'tsible';
import { ConfigParseError, ConfigParser } from './_shared/configparser.js';
import { lookupError, requireString } from './_shared/errors.js';
import { readOptions, toBool } from './_shared/options.js';
import { readControllerFile } from './_shared/read.js';
import { findInSearchPath } from './_shared/search.js';

const options = {
  type: { type: 'str', default: 'ini', choices: ['ini', 'properties'], description: '`ini`, or `properties` for a Java properties file (no sections).' },
  file: { type: 'str', default: 'ansible.ini', description: 'The file to read (searched like the file lookup).' },
  section: { type: 'str', default: 'global', description: 'The section to read the key from.' },
  re: { type: 'bool', default: false, description: 'The key is a regular expression; return every matching key\'s value.' },
  encoding: { type: 'str', default: 'utf-8', description: 'Encoding of the file.' },
  default: { type: 'raw', default: '', description: 'What to return when the key is not in the section.' },
  case_sensitive: { type: 'bool', default: false, description: 'Match key names case-sensitively.' },
  allow_no_value: { type: 'bool', default: false, aliases: ['allow_none'], description: 'Accept keys without a value (they read as null).' },
} as const;

/** Ansible's inline form: `'key section=s file=f'`; every word without `name=` belongs to the previous part. */
function splitInline(term: string): string[] {
  const parts: Array<{ key: string; text: string }> = [];
  let current = 'key';
  for (const [i, phrase] of term.split(/\s+/).filter(Boolean).entries()) {
    if (phrase.includes('=')) for (const k of Object.keys(options)) if (phrase.includes(`${k}=`)) current = k;
    const existing = parts.find((p) => p.key === current);
    if (i === 0 || !existing || !existing.text) parts.push({ key: current, text: phrase });
    else existing.text += ` ${phrase}`;
  }
  return parts.map((p) => p.text);
}

function applyInline(term: string, opts: Record<string, unknown>): string {
  let key = term;
  let updated = false;
  for (const part of splitInline(term)) {
    if (part.includes('=')) {
      const pieces = part.split('=');
      if (pieces.length !== 2) throw lookupError(`Could not use '${part}' from '${term}': too many values to unpack (expected 2)`);
      if (!(pieces[0]! in options)) throw lookupError(`${pieces[0]} is not a valid option.`);
      opts[pieces[0]!] = pieces[1];
    } else if (key === term) {
      key = part;
      updated = true;
    }
  }
  if (!updated) throw lookupError(`No key to lookup was provided as first term with in string inline options: ${term}`);
  return key;
}

async function loadParser(ctx: LookupContext, opts: Record<string, unknown>): Promise<ConfigParser> {
  const file = String(opts.file);
  const path = await findInSearchPath(ctx, 'files', file);
  if (!path) throw lookupError(`Unable to retrieve file contents\nCould not find or access '${file}'`);
  const parser = new ConfigParser({
    allowNoValue: toBool(opts.allow_no_value, 'ini: allow_no_value'), caseSensitive: toBool(opts.case_sensitive, 'ini: case_sensitive'),
  });
  let text = (await readControllerFile(ctx, path)).toString(/^utf-?8$/i.test(String(opts.encoding)) ? 'utf8' : 'latin1');
  if (opts.type === 'properties') {
    text = `[java_properties]\n${text}`;
    opts.section = 'java_properties';
  }
  try {
    parser.read(text);
  } catch (err) {
    if (err instanceof ConfigParseError && err.message.includes('already exists')) {
      throw lookupError(`Duplicate option in '${file}': ${err.message}`, err);
    }
    throw lookupError(`${file}: ${(err as Error).message}`, err);
  }
  return parser;
}

function valueOf(parser: ConfigParser, key: string, opts: Record<string, unknown>): unknown {
  const section = String(opts.section);
  if (!parser.hasSection(section)) throw lookupError(`No section '${section}' in ${String(opts.file)}`);
  try {
    if (opts.re) {
      const found = pyRegex(key);
      const atStart = new RegExp(found.source, `${found.flags.replace(/[gy]/g, '')}y`);
      return parser.items(section).filter(([k]) => {
        atStart.lastIndex = 0;
        return atStart.test(k);
      }).map(([, v]) => v);
    }
    const value = parser.get(section, key);
    return value === undefined ? opts.default : value;
  } catch (err) {
    throw lookupError((err as Error).message, err);
  }
}

export default defineLookup({
  name: 'ini',
  shortDescription: 'read data from an ini file',
  description: 'Reads the value of a key in a section of an INI file (Python configparser rules: case-insensitive '
    + 'keys, `=` or `:`, continuation lines, `%(name)s` interpolation), or of a Java properties file.',
  options,
  examples: `- debug: msg="{{ lookup('ini', 'user', section='integration', file='users.ini') }}"\n`
    + `- debug: msg="{{ lookup('ini', 'app.name', type='properties', file='app.properties') }}"`,
  returns: { _raw: 'the values of the keys' },
  async run(terms, given, ctx) {
    const out: unknown[] = [];
    for (const term of terms) {
      const opts = readOptions(options, given, 'ini');
      const text = requireString(term);
      const key = text.includes('=') || text.trim().includes(' ') ? applyInline(text, opts) : text;
      opts.re = toBool(opts.re, 'ini: re');
      const value = valueOf(await loadParser(ctx, opts), key, opts);
      if (Array.isArray(value)) out.push(...value);
      else if (value !== undefined && value !== null) out.push(value);
    }
    return out;
  },
});
