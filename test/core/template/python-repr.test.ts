import { execFileSync } from 'node:child_process';
import { reprBytes, reprString } from 'tsible';

/** repr() of str and bytes against Python's own, for texts that exercise every escape rule. */
const TEXTS = [
  '', 'plain', "it's", 'say "hi"', `both ' and "`, 'back\\slash', 'tab\there', 'line\nbreak\r', 'nul\u0000', 'bell\u0007',
  'del\u007f', 'ünïcödé', 'é', '\u00a0nbsp', 'emoji 😀', '/path with space/x', "b'quoted'",
];

function python(kind: 'str' | 'bytes'): string[] {
  const code = kind === 'str'
    ? 'import sys,json; print(json.dumps([repr(t) for t in json.loads(sys.argv[1])]))'
    : 'import sys,json; print(json.dumps([repr(t.encode("utf-8")) for t in json.loads(sys.argv[1])]))';
  return JSON.parse(execFileSync('python3', ['-c', code, JSON.stringify(TEXTS)], { encoding: 'utf8' })) as string[];
}

describe('Python repr() helpers', () => {
  test('reprString is repr() of a str', () => {
    expect(TEXTS.map(reprString)).toEqual(python('str'));
  });

  test('reprBytes is repr() of the UTF-8 bytes (how an OSError names a path)', () => {
    expect(TEXTS.map((t) => reprBytes(Buffer.from(t)))).toEqual(python('bytes'));
  });
});
