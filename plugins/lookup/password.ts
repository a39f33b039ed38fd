import { randomInt } from 'node:crypto';
import { defineLookup, type LookupContext } from 'tsible';
import { SALT_CHARS, md5Crypt, shaCrypt, type ShaCryptAlgorithm } from './_shared/crypt.js';
import { bcrypt } from './_shared/bcrypt.js';
import { lookupError, requireString } from './_shared/errors.js';
import { parseKv } from './_shared/kv.js';
import { readOptions } from './_shared/options.js';
import { formatStored, parseStored, readStored, withPasswordLock, writeStored, type StoredPassword } from './_shared/password-file.js';
import { PyRandom } from 'tsible';
import { dwim } from './_shared/search.js';
import { candidateChars } from './_shared/charsets.js';

const options = {
  length: { type: 'int', default: 20, description: 'Length of a generated password.' },
  chars: { type: 'list', elements: 'str', default: ['ascii_letters', 'digits', '.,:-_'],
    description: 'Character sets (names from Python\'s string module, or literal characters) to build passwords from.' },
  encrypt: { type: 'str', description: 'Return the password hashed: `sha512_crypt`, `sha256_crypt`, `md5_crypt` or `bcrypt` (the salt is kept in the file).' },
  ident: { type: 'str', description: 'bcrypt variant (`2b` by default, `2a`, `2y`); kept in the file.' },
  seed: { type: 'str', description: 'Makes generation deterministic: the same seed gives the same password as Ansible.' },
} as const;

const VALID = new Set(Object.keys(options));
const SALT_ALPHABET = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789./';

interface Params {
  path: string;
  length: number;
  chars: string;
  encrypt?: string;
  ident?: string;
  seed?: string;
}

function parseTerm(term: string, opts: Record<string, unknown>): Omit<Params, 'path'> & { relpath: string } {
  const space = term.indexOf(' ');
  let relpath = space === -1 ? term : term.slice(0, space);
  const kv = space === -1 ? { params: {} as Record<string, string> } : parseKv(term.slice(space + 1));
  if (kv.raw !== undefined) {
    relpath = `${relpath} ${kv.raw}`;
    if (!term.startsWith(relpath)) throw lookupError('Unrecognized value after key=value parameters given to password lookup');
  }
  const invalid = Object.keys(kv.params).filter((k) => !VALID.has(k));
  if (invalid.length) throw lookupError(`Unrecognized parameter(s) given to password lookup: ${invalid.join(', ')}`);
  const p = kv.params;
  const length = Number.parseInt(String(p.length ?? opts.length), 10);
  if (!Number.isInteger(length)) throw lookupError(`invalid literal for int() with base 10: '${p.length}'`);
  let chars: unknown = p.chars ?? opts.chars;
  if (typeof chars === 'string') {
    const specs = chars.includes(',,') ? [','] : [];
    specs.push(...chars.split(',,').join(',').split(',').filter(Boolean));
    chars = specs;
  }
  const text = (v: unknown) => (v === undefined || v === null ? undefined : String(v));
  return { relpath, length, chars: candidateChars(chars as string[]), encrypt: text(p.encrypt ?? opts.encrypt),
    ident: text(p.ident ?? opts.ident), seed: text(p.seed ?? opts.seed) };
}

function randomPassword(length: number, chars: string, seed?: string): string {
  if (!chars.length) throw lookupError('no characters to generate a password from');
  const pick = seed === undefined ? () => chars[randomInt(chars.length)]! : ((r) => () => r.choice(chars))(new PyRandom(seed));
  let out = '';
  for (let i = 0; i < length; i++) out += pick();
  return out;
}

/** Salt length and implicit ident of each supported algorithm (Ansible's BaseHash table). */
const ALGORITHMS: Record<string, { saltSize: number; ident?: string }> = {
  sha512_crypt: { saltSize: 16 }, sha256_crypt: { saltSize: 16 }, md5_crypt: { saltSize: 8 }, bcrypt: { saltSize: 22, ident: '2b' },
};

function hash(encrypt: string, stored: StoredPassword): Promise<string> {
  const salt = stored.salt!;
  if (!SALT_CHARS.test(salt)) throw lookupError('invalid characters in salt');
  if (encrypt === 'md5_crypt') return md5Crypt(stored.password, salt);
  if (encrypt === 'bcrypt') return bcrypt(stored.password, salt, 12, stored.ident ?? '2b');
  return shaCrypt(encrypt as ShaCryptAlgorithm, stored.password, salt);
}

async function lookupOne(ctx: LookupContext, term: string, opts: Record<string, unknown>): Promise<string> {
  const { relpath, ...p } = parseTerm(term, opts);
  const path = dwim(ctx, relpath);
  const algorithm = p.encrypt ? ALGORITHMS[p.encrypt] : undefined;
  if (p.encrypt && !algorithm) {
    throw lookupError(`tsible does not support the '${p.encrypt}' algorithm yet (${Object.keys(ALGORITHMS).join(', ')} are supported)`);
  }
  const stored = await withPasswordLock(path, async () => {
    const content = path === '/dev/null' ? undefined : await readStored(path);
    const entry = content === undefined ? { password: randomPassword(p.length, p.chars, p.seed) } : parseStored(content);
    if (algorithm) {
      entry.salt ??= randomPassword(algorithm.saltSize, SALT_ALPHABET);
      // As Ansible: the ident given (or the algorithm's implicit one) replaces a stored one.
      entry.ident = p.ident ?? algorithm.ident;
    }
    const next = formatStored(entry);
    if (path !== '/dev/null' && next !== content) await writeStored(path, next);
    return entry;
  });
  return p.encrypt ? hash(p.encrypt, stored) : stored.password;
}

export default defineLookup({
  name: 'password',
  shortDescription: 'retrieve or generate a random password, stored in a file',
  description: 'Returns the password kept in a controller file, generating and saving a random one the first time. '
    + 'Options go in the term (`\'creds/db length=16 chars=ascii_letters,digits\'`) or as keywords. '
    + '`/dev/null` as the file always generates and stores nothing.',
  options,
  examples: `- user: name=app password="{{ lookup('password', 'credentials/app length=15 encrypt=sha512_crypt') }}"`,
  returns: { _raw: 'the password (or its hash with encrypt)' },
  async run(terms, given, ctx) {
    const opts = readOptions(options, given, 'password');
    const out: string[] = [];
    for (const term of terms) out.push(await lookupOne(ctx, requireString(term), opts));
    return out;
  },
});
