import { load, loadAll, YAMLException, type LoadOptions } from 'js-yaml';
import { ParseError, TsibleError, type SourceLocation } from '../errors.js';
import { VaultValue } from '../values.js';
import type { VaultSecrets } from '../vault/secrets.js';
import { locationOf } from './locations.js';
import { ansibleSchema } from './schema.js';
import { alignWithPyYaml } from './syntax-error.js';
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

function jsYamlOptions(options: YamlLoadOptions): { opts: LoadOptions; tracker: PositionTracker } {
  const tracker = new PositionTracker(options.file, options.onWarning);
  const opts = {
    filename: options.file,
    schema: ansibleSchema(vaultValueFactory(options.file, options.vault)),
    // `json` makes js-yaml keep the last of duplicate keys instead of failing; the tracker warns.
    json: true,
    listener: tracker.listener,
  } as unknown as LoadOptions;
  return { opts, tracker };
}

/** A js-yaml syntax error as a ParseError with Ansible's framing and remedies. */
function toParseError(err: unknown, text: string, file: string): unknown {
  if (err instanceof ParseError && err.loc && err.hints.length === 0) {
    const hints = syntaxHints(text.split(/\r?\n/)[err.loc.line - 1], err.loc.column);
    return hints.length ? new ParseError(err.message, err.loc, { hints }) : err;
  }
  if (!(err instanceof YAMLException)) return err;
  const mark = (err as YAMLException & { mark?: { line: number; column: number } }).mark;
  if (!mark) return new ParseError(`Syntax Error while loading YAML.\n  ${err.reason}`, undefined, { cause: err });
  const offending = text.split(/\r?\n/)[mark.line];
  const { reason, loc } = alignWithPyYaml(err.reason, { file, line: mark.line + 1, column: mark.column + 1 }, offending);
  return new ParseError(`Syntax Error while loading YAML.\n  ${reason}`, loc, { cause: err, hints: syntaxHints(offending, loc.column) });
}

/** Loads one YAML document (an empty document is null), with YAML 1.1 scalars as Ansible reads them. */
export function loadYaml(text: string, options: YamlLoadOptions): unknown {
  const { opts, tracker } = jsYamlOptions(options);
  try {
    const data = load(text, opts);
    if (tracker.error) throw tracker.error;
    return data === undefined ? null : data;
  } catch (err) {
    throw toParseError(err, text, options.file);
  }
}

/** Loads every document of a YAML stream. */
export function loadYamlAll(text: string, options: YamlLoadOptions): unknown[] {
  const { opts, tracker } = jsYamlOptions(options);
  try {
    const documents = loadAll(text, undefined, opts);
    if (tracker.error) throw tracker.error;
    return documents;
  } catch (err) {
    throw toParseError(err, text, options.file);
  }
}
