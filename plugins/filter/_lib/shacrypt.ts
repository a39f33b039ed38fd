/** SHA-crypt ($5$ / $6$), the scheme password_hash('sha256'|'sha512') produces (Drepper's spec). */
import { createHash } from 'node:crypto';

const ALPHABET = './0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

const ORDER: Record<'sha256' | 'sha512', number[][]> = {
  sha256: [[0, 10, 20], [21, 1, 11], [12, 22, 2], [3, 13, 23], [24, 4, 14], [15, 25, 5], [6, 16, 26], [27, 7, 17],
    [18, 28, 8], [9, 19, 29], [-1, 31, 30]],
  sha512: [[0, 21, 42], [22, 43, 1], [44, 2, 23], [3, 24, 45], [25, 46, 4], [47, 5, 26], [6, 27, 48], [28, 49, 7],
    [50, 8, 29], [9, 30, 51], [31, 52, 10], [53, 11, 32], [12, 33, 54], [34, 55, 13], [56, 14, 35], [15, 36, 57],
    [37, 58, 16], [59, 17, 38], [18, 39, 60], [40, 61, 19], [62, 20, 41], [-1, -1, 63]],
};

function encode(bytes: Buffer, algo: 'sha256' | 'sha512'): string {
  let out = '';
  for (const [a, b, c] of ORDER[algo]) {
    const v = ((a >= 0 ? bytes[a] : 0) << 16) | ((b >= 0 ? bytes[b] : 0) << 8) | bytes[c];
    const n = a >= 0 ? 4 : b >= 0 ? 3 : 2;
    for (let i = 0, w = v; i < n; i++, w >>= 6) out += ALPHABET[w & 63];
  }
  return out;
}

function repeatTo(src: Buffer, length: number): Buffer {
  const out = Buffer.alloc(length);
  for (let i = 0; i < length; i++) out[i] = src[i % src.length];
  return out;
}

export function shaCrypt(password: string, salt: string, rounds: number | undefined, algo: 'sha256' | 'sha512'): string {
  const h = (...parts: Buffer[]): Buffer => { const x = createHash(algo); for (const p of parts) x.update(p); return x.digest(); };
  const key = Buffer.from(password, 'utf8');
  const s = Buffer.from(salt.slice(0, 16), 'utf8');
  const b = h(key, s, key);
  const aParts: Buffer[] = [key, s, repeatTo(b, key.length)];
  for (let n = key.length; n > 0; n >>= 1) aParts.push(n & 1 ? b : key);
  const a = h(...aParts);
  const dp = repeatTo(h(...Array(key.length).fill(key)), key.length);
  const ds = repeatTo(h(...Array(16 + a[0]).fill(s)), s.length);
  const r = rounds ?? 5000;
  let c = a;
  for (let i = 0; i < r; i++) {
    const parts: Buffer[] = [i & 1 ? dp : c];
    if (i % 3) parts.push(ds);
    if (i % 7) parts.push(dp);
    parts.push(i & 1 ? c : dp);
    c = h(...parts);
  }
  const id = algo === 'sha256' ? '5' : '6';
  const roundsPart = rounds === undefined || rounds === 5000 ? '' : `rounds=${rounds}$`;
  return `$${id}$${roundsPart}${salt.slice(0, 16)}$${encode(c, algo)}`;
}
