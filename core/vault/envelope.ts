import { TsibleError } from '../errors.js';

/**
 * The ansible-vault text envelope: a `$ANSIBLE_VAULT;<version>;AES256[;<vault id>]` header line,
 * then the payload hex-encoded twice and wrapped at 80 columns.
 */
export const VAULT_HEADER = '$ANSIBLE_VAULT';
const WRAP = 80;

export interface VaultEnvelope {
  version: '1.1' | '1.2';
  cipher: 'AES256';
  /** The vault id from a 1.2 header; undefined for 1.1 (Ansible then treats it as 'default'). */
  label?: string;
  salt: Buffer;
  hmac: Buffer;
  ciphertext: Buffer;
}

/** True when the text (or the bytes) is vault data: ASCII that starts with the vault header. */
export function isVaultText(text: string | Buffer): boolean {
  const head = typeof text === 'string' ? text.slice(0, VAULT_HEADER.length) : text.subarray(0, VAULT_HEADER.length).toString('latin1');
  if (head !== VAULT_HEADER) return false;
  const full = typeof text === 'string' ? text : text.toString('latin1');
  // The format is pure ASCII; anything else is a file that merely starts with the magic.
  return !/[^\x00-\x7f]/.test(full);
}

function formatError(reason: string, source?: string): TsibleError {
  const where = source ? ` in ${source}` : '';
  return new TsibleError('TSIBLE_VAULT', `Vault format error${where}: ${reason}`);
}

function strictHex(hex: string, what: string, source?: string): Buffer {
  if (hex.length % 2 !== 0 || !/^[0-9a-fA-F]*$/.test(hex)) throw formatError(`${what} is not valid hexadecimal`, source);
  return Buffer.from(hex, 'hex');
}

/** Splits vault text into its header fields and binary parts; tolerates CRLF and YAML indentation. */
export function parseVaultEnvelope(text: string, source?: string): VaultEnvelope {
  const lines = text.split(/\r?\n|\r/).map((l) => l.trim()).filter((l) => l !== '');
  const header = (lines.shift() ?? '').split(';').map((f) => f.trim());
  if (header[0] !== VAULT_HEADER) throw formatError('the data does not start with the $ANSIBLE_VAULT header', source);
  const [, version, cipher, label] = header;
  if (version !== '1.1' && version !== '1.2') throw formatError(`unsupported vault format version '${version ?? ''}'`, source);
  if (cipher !== 'AES256') throw formatError(`unsupported vault cipher '${cipher ?? ''}' (only AES256 exists)`, source);
  const inner = strictHex(lines.join(''), 'the vault payload', source).toString('latin1').split('\n');
  if (inner.length !== 3) throw formatError('the vault payload does not hold salt, HMAC and ciphertext', source);
  const [salt, hmac, ciphertext] = inner.map((part, i) => strictHex(part, ['the salt', 'the HMAC', 'the ciphertext'][i]!, source));
  if (salt!.length === 0) throw formatError('the salt is empty', source);
  return { version, cipher, label: label || undefined, salt: salt!, hmac: hmac!, ciphertext: ciphertext! };
}

/** Builds vault text as ansible-vault writes it: 1.2 with the id unless the id is absent or 'default'. */
export function formatVaultEnvelope(parts: { label?: string; salt: Buffer; hmac: Buffer; ciphertext: Buffer }): string {
  const inner = [parts.salt, parts.hmac, parts.ciphertext].map((b) => b.toString('hex')).join('\n');
  const body = Buffer.from(inner, 'latin1').toString('hex');
  const lines: string[] = [];
  for (let i = 0; i < body.length; i += WRAP) lines.push(body.slice(i, i + WRAP));
  const header = parts.label && parts.label !== 'default' ? `${VAULT_HEADER};1.2;AES256;${parts.label}` : `${VAULT_HEADER};1.1;AES256`;
  return `${header}\n${lines.join('\n')}\n`;
}
