import { randomInt } from 'node:crypto';
import { defineLookup, type LookupContext } from 'tsible';
import { SALT_CHARS, isShaCrypt, md5Crypt, shaCrypt } from './_shared/crypt.js';
import { lookupError, requireString } from './_shared/errors.js';
import { parseKv } from './_shared/kv.js';
import { readOptions } from './_shared/options.js';
import { formatStored, parseStored, readStored, withPasswordLock, writeStored } from './_shared/password-file.js';
import { PyRandom } from './_shared/py-random.js';
import { dwim } from './_shared/search.js';
import { candidateChars } from './_shared/charsets.js';

const options = {
  length: { type: 'int', default: 20, description: 'Length of a generated password.' },
  chars: { type: 'list', elements: 'str', default: ['ascii_letters', 'digits', '.,:-_'],
    description: 'Character sets (names from Python\'s string module, or literal characters) to build passwords from.' },
  encrypt: { type: 'str', description: 'Return the password hashed: `sha512_crypt`, `sha256_crypt` or `md5_crypt` (the salt is kept in the file).' },
  ident: { type: 'str', description: 'Hash variant (bcrypt only in Ansible); accepted and stored.' },
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

async function lookupOne(ctx: LookupContext, term: string, opts: Record<string, unknown>): Promise<string> {
  const { relpath, ...p } = parseTerm(term, opts);
  const path = dwim(ctx, relpath);
  if (p.encrypt && !isShaCrypt(p.encrypt) && p.encrypt !== 'md5_crypt') {
    throw lookupError(`tsible does not support the '${p.encrypt}' algorithm yet (sha512_crypt, sha256_crypt and md5_crypt are supported)`);
  }
  const stored = await withPasswordLock(path, async () => {
    const content = path === '/dev/null' ? undefined : await readStored(path);
    let changed = content === undefined;
    const entry = content === undefined ? { password: randomPassword(p.length, p.chars, p.seed) } : parseStored(content);
    if (p.encrypt && !entry.salt) {
      entry.salt = randomPassword(p.encrypt === 'md5_crypt' ? 8 : 16, SALT_ALPHABET);
      changed = true;
    }
    if (p.ident && !entry.ident) entry.ident = p.ident;
    else if (p.ident && entry.ident !== p.ident) {
      throw lookupError(`The ident parameter provided (${p.ident}) does not match the stored one (${entry.ident}).`);
    }
    if (changed && path !== '/dev/null') await writeStored(path, formatStored(entry));
    return entry;
  });
  if (!p.encrypt) return stored.password;
  if (!SALT_CHARS.test(stored.salt!)) throw lookupError('invalid characters in salt');
  if (p.encrypt === 'md5_crypt') return md5Crypt(stored.password, stored.salt!);
  return shaCrypt(p.encrypt as 'sha512_crypt', stored.password, stored.salt!);
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
