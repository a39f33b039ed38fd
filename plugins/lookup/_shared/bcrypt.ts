import { setImmediate as yieldToLoop } from 'node:timers/promises';

/**
 * bcrypt (`$2b$`, Provos and Mazières' eksblowfish) as passlib, and so Ansible, produces it. The
 * Blowfish tables are the hexadecimal digits of pi, computed with BigInt (Machin's formula) rather
 * than tabulated. The cost loop yields to the event loop, so hashing never stalls
 * other hosts.
 */
const BCRYPT64 = './ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const MAGIC = 'OrpheanBeholderScryDoubt';
const TABLE_WORDS = 18 + 4 * 256;

function arctanInverse(x: bigint, scale: bigint): bigint {
  let power = scale / x;
  let sum = power;
  const x2 = x * x;
  for (let k = 1n; power !== 0n; k++) {
    power /= x2;
    const term = power / (2n * k + 1n);
    sum += k & 1n ? -term : term;
  }
  return sum;
}

/** The first 1042 32-bit words of pi's fractional part: Blowfish's initial P-array and S-boxes. */
function piWords(): Uint32Array {
  const bits = BigInt(TABLE_WORDS * 32);
  const guard = 64n;
  const scale = 1n << (bits + guard);
  const pi = 16n * arctanInverse(5n, scale) - 4n * arctanInverse(239n, scale);
  const fraction = (pi - 3n * scale) >> guard;
  const words = new Uint32Array(TABLE_WORDS);
  for (let i = 0; i < TABLE_WORDS; i++) words[i] = Number((fraction >> (bits - 32n * BigInt(i + 1))) & 0xffffffffn);
  return words;
}

let piTable: Uint32Array | undefined;

/** Computed on first use; a constant (every Blowfish copies it), so no run can see another's data. */
function initialTable(): Uint32Array {
  piTable ??= piWords();
  return piTable;
}

class Blowfish {
  readonly p: Uint32Array;
  readonly s: Uint32Array;

  constructor(initial: Uint32Array) {
    this.p = initial.slice(0, 18);
    this.s = initial.slice(18);
  }

  private f(x: number): number {
    const s = this.s;
    return (((s[x >>> 24]! + s[256 + ((x >>> 16) & 0xff)]!) ^ s[512 + ((x >>> 8) & 0xff)]!) + s[768 + (x & 0xff)]!) >>> 0;
  }

  /** Enciphers (l, r) in place in `out` at `at`. */
  encipher(out: Uint32Array, at: number): void {
    const p = this.p;
    let l = out[at]! ^ p[0]!;
    let r = out[at + 1]!;
    for (let i = 1; i < 16; i += 2) {
      r ^= this.f(l) ^ p[i]!;
      l ^= this.f(r) ^ p[i + 1]!;
    }
    out[at] = (r ^ p[17]!) >>> 0;
    out[at + 1] = l >>> 0;
  }

  /** Blowfish key schedule, optionally salted (eksblowfish's first step). */
  expand(key: Uint8Array, salt?: Uint8Array): void {
    const keyStream = cycle(key);
    for (let i = 0; i < 18; i++) this.p[i] = (this.p[i]! ^ keyStream()) >>> 0;
    const saltStream = salt ? cycle(salt) : () => 0;
    const block = new Uint32Array(2);
    const refill = (table: Uint32Array, length: number) => {
      for (let i = 0; i < length; i += 2) {
        block[0] = (block[0]! ^ saltStream()) >>> 0;
        block[1] = (block[1]! ^ saltStream()) >>> 0;
        this.encipher(block, 0);
        table[i] = block[0]!;
        table[i + 1] = block[1]!;
      }
    };
    refill(this.p, 18);
    refill(this.s, 1024);
  }
}

/** Big-endian 32-bit words read cyclically from bytes (Blowfish's stream2word). */
function cycle(bytes: Uint8Array): () => number {
  let pos = 0;
  return () => {
    let word = 0;
    for (let i = 0; i < 4; i++) {
      word = (word << 8) | bytes[pos]!;
      pos = (pos + 1) % bytes.length;
    }
    return word >>> 0;
  };
}

export function bcryptEncode(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const [a, b = 0, c = 0] = [bytes[i]!, bytes[i + 1], bytes[i + 2]];
    out += BCRYPT64[a >> 2]! + BCRYPT64[((a & 3) << 4) | (b >> 4)]!;
    if (i + 1 < bytes.length) out += BCRYPT64[((b & 15) << 2) | (c >> 6)]!;
    if (i + 2 < bytes.length) out += BCRYPT64[c & 63]!;
  }
  return out;
}

export function bcryptDecode(text: string, length: number): Uint8Array {
  let bits = 0;
  let acc = 0;
  const out = new Uint8Array(length);
  let n = 0;
  for (const ch of text) {
    const v = BCRYPT64.indexOf(ch);
    if (v < 0) throw new Error(`invalid character '${ch}' in bcrypt salt`);
    acc = (acc << 6) | v;
    bits += 6;
    if (bits >= 8 && n < length) {
      bits -= 8;
      out[n++] = (acc >> bits) & 0xff;
    }
    acc &= (1 << bits) - 1;
  }
  return out;
}

/** `$2b$<cost>$<22-char salt><31-char hash>`; the salt's unused bits are cleared, as passlib does. */
export async function bcrypt(secret: string, salt: string, cost = 12, ident = '2b'): Promise<string> {
  if (salt.length !== 22) throw new Error('bcrypt needs a salt of 22 characters');
  const saltBytes = bcryptDecode(salt, 16);
  const password = Buffer.from(secret, 'utf8');
  const key = Uint8Array.from([...password, 0].slice(0, 72));
  const state = new Blowfish(initialTable());
  state.expand(key, saltBytes);
  for (let i = 0; i < 2 ** cost; i++) {
    state.expand(key);
    state.expand(saltBytes);
    if ((i & 15) === 15) await yieldToLoop();
  }
  const text = new Uint32Array(6);
  for (let i = 0; i < 6; i++) text[i] = Buffer.from(MAGIC, 'latin1').readUInt32BE(i * 4);
  for (let round = 0; round < 64; round++) for (let j = 0; j < 6; j += 2) state.encipher(text, j);
  const digest = Buffer.alloc(24);
  for (let i = 0; i < 6; i++) digest.writeUInt32BE(text[i]!, i * 4);
  return `$${ident}$${String(cost).padStart(2, '0')}$${bcryptEncode(saltBytes)}${bcryptEncode(digest.subarray(0, 23))}`;
}
