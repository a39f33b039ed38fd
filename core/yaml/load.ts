import { load, loadAll, YAMLException, type LoadOptions } from 'js-yaml';
import { ParseError, TsibleError, type SourceLocation } from '../errors.js';
import { VaultValue } from '../values.js';
import type { VaultSecrets } from '../vault/secrets.js';
import { locationOf } from './locations.js';
import { ansibleSchema } from './schema.js';
import { syntaxHints } from './syntax-hints.js';
import { PositionTracker } from './tracker.js';

export { locationOf, keyLocation } from './locations.js';
export { dumpYaml } from './dump.js';

export interface YamlLoadOptions {
  /** Shown in positions and messages; relative or absolute, as the caller wants it shown. */
  file: string;
  /** Secrets for `!vault` values; they are decrypted the first time they are used. */
  vault?: VaultSecrets;
  onWarning?: (message: string, loc?: SourceLocation) => void;
}

function vaultValueFactory(file: string, vault?: VaultSecrets): (ciphertext: string) => VaultValue {
  return (ciphertext) => {
    const value: VaultValue = new VaultValue(ciphertext, (text) => {
      const loc = locationOf(value);
      const where = loc ? `${loc.file}:${loc.line}:${loc.column}` : file;
      if (!vault || vault.isEmpty()) {
        throw new TsibleError('TSIBLE_VAULT', `found !vault in ${where} but no vault password provided`, {
          loc,
          hints: ['give a password with --vault-id, --vault-password-file or --ask-vault-pass'],
        });
      }
      return vault.decrypt(text, where);
    });
    return value;
  };
}

function jsYamlOptions(options: YamlLoadOptions): { opts: LoadOptions } {
  const tracker = new PositionTracker(options.file, options.onWarning);
  const opts = {
    filename: options.file,
    schema: ansibleSchema(vaultValueFactory(options.file, options.vault)),
    // `json` makes js-yaml keep the last of duplicate keys instead of failing; the tracker warns.
    json: true,
    listener: tracker.listener,
  } as unknown as LoadOptions;
  return { opts };
}

/** A js-yaml syntax error as a ParseError with Ansible's framing and remedies. */
function toParseError(err: unknown, text: string, file: string): unknown {
  if (err instanceof ParseError && err.loc && err.hints.length === 0) {
    const hints = syntaxHints(text.split(/\r?\n/)[err.loc.line - 1], err.loc.column);
    return hints.length ? new ParseError(err.message, err.loc, { hints }) : err;
  }
  if (!(err instanceof YAMLException)) return err;
  const mark = (err as YAMLException & { mark?: { line: number; column: number } }).mark;
  const loc = mark ? { file, line: mark.line + 1, column: mark.column + 1 } : undefined;
  const offending = loc ? text.split(/\r?\n/)[loc.line - 1] : undefined;
  return new ParseError(`Syntax Error while loading YAML.\n  ${err.reason}`, loc, {
    cause: err,
    hints: loc ? syntaxHints(offending, loc.column) : [],
  });
}

/** Loads one YAML document (an empty document is null), with YAML 1.1 scalars as Ansible reads them. */
export function loadYaml(text: string, options: YamlLoadOptions): unknown {
  const { opts } = jsYamlOptions(options);
  try {
    const data = load(text, opts);
    return data === undefined ? null : data;
  } catch (err) {
    throw toParseError(err, text, options.file);
  }
}

/** Loads every document of a YAML stream. */
export function loadYamlAll(text: string, options: YamlLoadOptions): unknown[] {
  const { opts } = jsYamlOptions(options);
  try {
    return loadAll(text, undefined, opts);
  } catch (err) {
    throw toParseError(err, text, options.file);
  }
}
