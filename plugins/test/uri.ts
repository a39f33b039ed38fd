/** Ansible's uri/url/urn tests. */
import { bindArgs, defineTests, pyStr, type TestFunction } from 'tsible';

function parse(value: unknown): { scheme: string; netloc: string } {
  const m = /^(?:([A-Za-z][A-Za-z0-9+.-]*):)?(?:\/\/([^/?#]*))?/.exec(pyStr(value))!;
  return { scheme: (m[1] ?? '').toLowerCase(), netloc: m[2] ?? '' };
}

function isUri(value: unknown, ...args: unknown[]): boolean {
  const { schemes } = bindArgs(args, ['schemes']);
  const { scheme } = parse(value);
  return !Array.isArray(schemes) || schemes.includes(scheme);
}

const tests: Record<string, TestFunction> = {
  uri: isUri,
  url: (value, ...args) => {
    if (!isUri(value, ...args)) return false;
    const { scheme, netloc } = parse(value);
    return Boolean(netloc) || scheme === 'file';
  },
  urn: (value) => isUri(value, ['urn']),
};

export default defineTests({ name: 'uri', tests });
