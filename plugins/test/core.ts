/** Ansible's core tests: task results, regular expressions, versions, truthiness. */
import { TsibleError, VaultValue, bindArgs, defineTests, isDict, plain, pyRegex, pyStr, truthy, type TestFunction } from 'tsible';
import { versionCompare } from './_lib/version.js';

function result(value: unknown, test: string): Record<string, unknown> {
  const v = plain(value);
  if (!isDict(v)) throw new TsibleError('TSIBLE_TEMPLATE', `The '${test}' test expects a dictionary`);
  return v;
}

function regex(value: unknown, pattern: unknown, ...args: unknown[]): boolean {
  const { ignorecase, multiline, match_type: type } = bindArgs(args, ['ignorecase', 'multiline', 'match_type'], { match_type: 'search' });
  const re = pyRegex(String(pattern), { ignorecase: Boolean(ignorecase), multiline: Boolean(multiline) });
  const s = pyStr(value);
  if (type === 'match') return new RegExp(`^(?:${re.source})`, re.flags).test(s);
  if (type === 'fullmatch') return new RegExp(`^(?:${re.source})$`, re.flags).test(s);
  return re.test(s);
}

const failed: TestFunction = (r) => Boolean(result(r, 'failed').failed);
const succeeded: TestFunction = (r) => !result(r, 'succeeded').failed;
const changed: TestFunction = (r) => Boolean(result(r, 'changed').changed);
const skipped: TestFunction = (r) => Boolean(result(r, 'skipped').skipped);

function version(value: unknown, ...args: unknown[]): boolean {
  const { version: other, operator, strict, version_type: type } = bindArgs(args, ['version', 'operator', 'strict', 'version_type'], { operator: 'eq' });
  return versionCompare(pyStr(value), pyStr(other), String(operator), Boolean(strict), type === undefined || type === null ? undefined : String(type));
}

const tests: Record<string, TestFunction> = {
  failed, failure: failed,
  succeeded, success: succeeded, successful: succeeded,
  changed, change: changed,
  skipped, skip: skipped,
  reachable: (r) => !result(r, 'reachable').unreachable,
  unreachable: (r) => Boolean(result(r, 'unreachable').unreachable),
  finished: (r) => (result(r, 'finished').finished ?? 1) === 1,
  started: (r) => (result(r, 'started').started ?? 1) === 1,
  match: (v, p, ...a) => regex(v, p, ...bindArgsList(a), 'match'),
  search: (v, p, ...a) => regex(v, p, ...bindArgsList(a), 'search'),
  regex,
  version, version_compare: version,
  any: (v) => (plain(v) as unknown[]).some((x) => truthy(x)),
  all: (v) => (plain(v) as unknown[]).every((x) => truthy(x)),
  truthy: (v, ...a) => { const { convert_bool: c } = bindArgs(a, ['convert_bool']); return c ? truthy(boolish(v)) : truthy(v); },
  falsy: (v, ...a) => { const { convert_bool: c } = bindArgs(a, ['convert_bool']); return !(c ? truthy(boolish(v)) : truthy(v)); },
  vault_encrypted: (v) => v instanceof VaultValue,
};

function boolish(v: unknown): unknown {
  const s = typeof v === 'string' ? v.toLowerCase() : v;
  if (['yes', 'on', '1', 'true', 1, true].includes(s as never)) return true;
  if (['no', 'off', '0', 'false', 0, false].includes(s as never)) return false;
  return v;
}

/** match/search take (pattern, ignorecase, multiline) positionally; re-mark them as keywords. */
function bindArgsList(args: unknown[]): unknown[] {
  const { ignorecase, multiline } = bindArgs(args, ['ignorecase', 'multiline']);
  return [ignorecase ?? false, multiline ?? false];
}

export default defineTests({ name: 'core', tests });
