/** Ansible's set tests: subset, superset, contains, nan. */
import { defineTests, plain, pyContains, pyEquals, type TestFunction } from 'tsible';

const list = (v: unknown): unknown[] => (Array.isArray(plain(v)) ? (plain(v) as unknown[]) : [...String(plain(v))]);
const within = (a: unknown, b: unknown): boolean => list(a).every((x) => list(b).some((y) => pyEquals(x, y)));

const tests: Record<string, TestFunction> = {
  subset: (a, b) => within(a, b),
  issubset: (a, b) => within(a, b),
  superset: (a, b) => within(b, a),
  issuperset: (a, b) => within(b, a),
  contains: (seq, value) => pyContains(seq, value),
  nan: (v) => typeof plain(v) === 'number' && Number.isNaN(plain(v)),
  isnan: (v) => typeof plain(v) === 'number' && Number.isNaN(plain(v)),
};

export default defineTests({ name: 'mathstuff', tests });
