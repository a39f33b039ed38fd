import { createHash } from 'node:crypto';
import { setImmediate as yieldToLoop } from 'node:timers/promises';

/**
 * SHA-crypt (`$5$` sha256_crypt, `$6$` sha512_crypt) as specified by Ulrich Drepper, the format
 * of /etc/shadow and of Ansible's password_hash. The rounds loop yields to the event loop every
 * few thousand rounds, so hashing with Ansible's default 656000 rounds never stalls other hosts.
 */
export type ShaCryptAlgorithm = 'sha256_crypt' | 'sha512_crypt';

const ITOA64 = './0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const ROUNDS_PER_SLICE = 4096;

interface Spec {
  hash: 'sha256' | 'sha512';
  id: string;
  /** Ansible's (passlib's) default rounds, written into the hash. */
  defaultRounds: number;
  /** Byte order of the final base-64 encoding: triples, then the trailing group. */
  order: number[][];
}

const SPECS: Record<ShaCryptAlgorithm, Spec> = {
  sha256_crypt: {
    hash: 'sha256', id: '5', defaultRounds: 535000,
    order: [[0, 10, 20], [21, 1, 11], [12, 22, 2], [3, 13, 23], [24, 4, 14], [15, 25, 5], [6, 16, 26], [27, 7, 17],
      [18, 28, 8], [9, 19, 29], [-1, 31, 30]],
  },
  sha512_crypt: {
    hash: 'sha512', id: '6', defaultRounds: 656000,
    order: [[0, 21, 42], [22, 43, 1], [44, 2, 23], [3, 24, 45], [25, 46, 4], [47, 5, 26], [6, 27, 48], [28, 49, 7],
      [50, 8, 29], [9, 30, 51], [31, 52, 10], [53, 11, 32], [12, 33, 54], [34, 55, 13], [56, 14, 35], [15, 36, 57],
      [37, 58, 16], [59, 17, 38], [18, 39, 60], [40, 61, 19], [62, 20, 41], [-1, -1, 63]],
  },
};

export const SALT_CHARS = /^[./0-9A-Za-z]*$/;

function digest(alg: string, ...parts: Buffer[]): Buffer {
  const h = createHash(alg);
  for (const p of parts) h.update(p);
  return h.digest();
}

/** `length` bytes made of `block` repeated (the spec's P and S sequences). */
function repeatTo(block: Buffer, length: number): Buffer {
  const out = Buffer.alloc(length);
  for (let i = 0; i < length; i += block.length) block.copy(out, i, 0, Math.min(block.length, length - i));
  return out;
}

function encode(final: Buffer, order: number[][]): string {
  let out = '';
  for (const group of order) {
    const bytes = group.map((i) => (i < 0 ? 0 : final[i]!));
    let w = (bytes[0]! << 16) | (bytes[1]! << 8) | bytes[2]!;
    const chars = group.filter((i) => i >= 0).length + 1;
    for (let n = 0; n < chars; n++, w >>>= 6) out += ITOA64[w & 0x3f];
  }
  return out;
}

export async function shaCrypt(algorithm: ShaCryptAlgorithm, secret: string, salt: string, rounds?: number): Promise<string> {
  const spec = SPECS[algorithm];
  const n = Math.min(999999999, Math.max(1000, rounds ?? spec.defaultRounds));
  const p = Buffer.from(secret, 'utf8');
  const s = Buffer.from(salt.slice(0, 16), 'utf8');
  const b = digest(spec.hash, p, s, p);
  const aParts = [p, s, repeatTo(b, p.length)];
  for (let len = p.length; len > 0; len >>= 1) aParts.push(len & 1 ? b : p);
  let c = digest(spec.hash, ...aParts);
  const pp = repeatTo(digest(spec.hash, ...Array<Buffer>(p.length).fill(p)), p.length);
  const ss = repeatTo(digest(spec.hash, ...Array<Buffer>(16 + c[0]!).fill(s)), s.length);
  for (let i = 0; i < n; i++) {
    if (i > 0 && i % ROUNDS_PER_SLICE === 0) await yieldToLoop();
    const h = createHash(spec.hash);
    h.update(i & 1 ? pp : c);
    if (i % 3) h.update(ss);
    if (i % 7) h.update(pp);
    h.update(i & 1 ? c : pp);
    c = h.digest();
  }
  // 5000 is the algorithm's implicit count: crypt(3) and passlib leave it out of the hash.
  const roundsField = n === 5000 ? '' : `rounds=${n}$`;
  return `$${spec.id}$${roundsField}${s.toString('utf8')}$${encode(c, spec.order)}`;
}

export function isShaCrypt(algorithm: string): algorithm is ShaCryptAlgorithm {
  return algorithm in SPECS;
}

const MD5_ORDER = [[0, 6, 12], [1, 7, 13], [2, 8, 14], [3, 9, 15], [4, 10, 5], [-1, -1, 11]];

/** md5_crypt (`$1$`, Poul-Henning Kamp's FreeBSD scheme): 1000 fixed rounds, salt of up to 8 characters. */
export async function md5Crypt(secret: string, salt: string): Promise<string> {
  const p = Buffer.from(secret, 'utf8');
  const s = Buffer.from(salt.slice(0, 8), 'utf8');
  const alt = digest('md5', p, s, p);
  const parts = [p, Buffer.from('$1$'), s, repeatTo(alt, p.length)];
  for (let i = p.length; i > 0; i >>= 1) parts.push(i & 1 ? Buffer.alloc(1) : p.subarray(0, 1));
  let c = digest('md5', ...parts);
  for (let i = 0; i < 1000; i++) {
    const h = createHash('md5');
    h.update(i & 1 ? p : c);
    if (i % 3) h.update(s);
    if (i % 7) h.update(p);
    h.update(i & 1 ? c : p);
    c = h.digest();
  }
  return `$1$${s.toString('utf8')}$${encode(c, MD5_ORDER)}`;
}
