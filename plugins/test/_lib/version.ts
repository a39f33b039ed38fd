/** Version comparison as Ansible's `version` test does it: loose (default), strict, semver/semantic, pep440. */
import { TsibleError } from 'tsible';

type Part = number | string;

function loose(v: string): Part[] {
  return v.split(/(\d+|[a-z]+|\.)/i).filter((p) => p && p !== '.').map((p) => (/^\d+$/.test(p) ? Number(p) : p));
}

function strict(v: string): Part[] {
  const m = /^(\d+)\.(\d+)(?:\.(\d+))?(?:([ab])(\d+))?$/.exec(v);
  if (!m) throw new TsibleError('TSIBLE_TEMPLATE', `Version comparison failed: invalid version number '${v}'`);
  return [Number(m[1]), Number(m[2]), Number(m[3] ?? 0), m[4] ? `${m[4]}` : 'z', Number(m[5] ?? 0)];
}

function semver(v: string): Part[] {
  const m = /^v?(\d+)\.(\d+)\.(\d+)(?:-([0-9A-Za-z.-]+))?(?:\+[0-9A-Za-z.-]+)?$/.exec(v);
  if (!m) throw new TsibleError('TSIBLE_TEMPLATE', `Version comparison failed: invalid semantic version '${v}'`);
  const pre = m[4] ? m[4].split('.').map((p) => (/^\d+$/.test(p) ? Number(p) : p)) : [];
  // A release sorts after every prerelease of the same version.
  return [Number(m[1]), Number(m[2]), Number(m[3]), pre.length ? 0 : 1, ...pre];
}

function compareParts(a: Part[], b: Part[]): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const x = a[i];
    const y = b[i];
    if (x === undefined) return -1;
    if (y === undefined) return 1;
    if (x === y) continue;
    if (typeof x === typeof y) return x < y ? -1 : 1;
    return typeof x === 'number' ? 1 : -1;
  }
  return 0;
}

const OPS: Record<string, (c: number) => boolean> = {
  '<': (c) => c < 0, lt: (c) => c < 0, '<=': (c) => c <= 0, le: (c) => c <= 0,
  '>': (c) => c > 0, gt: (c) => c > 0, '>=': (c) => c >= 0, ge: (c) => c >= 0,
  '==': (c) => c === 0, '=': (c) => c === 0, eq: (c) => c === 0,
  '!=': (c) => c !== 0, '<>': (c) => c !== 0, ne: (c) => c !== 0,
};

export function versionCompare(value: string, version: string, operator: string, useStrict: boolean, type?: string): boolean {
  const op = OPS[operator];
  if (!op) throw new TsibleError('TSIBLE_TEMPLATE', `Invalid operator type (${operator})`);
  const kind = useStrict ? 'strict' : (type ?? 'loose');
  const parse = kind === 'strict' ? strict : kind === 'semver' || kind === 'semantic' ? semver : loose;
  return op(compareParts(parse(value), parse(version)));
}
