import { parseToml, TomlError } from '../../../plugins/inventory/_toml.js';
import { dumpToml } from '../../../core/inventory/toml-dump.js';

describe('TOML reader', () => {
  test('the forms inventories use', () => {
    const doc = parseToml([
      'title = "x" # comment',
      "lit = 'C:\\path'",
      'ml = """',
      'a \\',
      '   b"""',
      "mll = '''",
      "raw \\n'''",
      'n = [1_000, -2, +3, 0x1F, 0o17, 0b101, 1.5, 1e3, -0.5e-2, inf, nan]',
      'b = [true, false]',
      'd = 2024-01-02T03:04:05Z',
      'nested = [[1, 2], ["a"]]',
      'inline = { a.b = 1, "q k" = "v" }',
      '[a.b."c d"]',
      'x = 1',
      '[[items]]',
      'name = "one"',
      '[[items]]',
      'name = "two"',
      '[items.sub]',
      'y = 2',
    ].join('\n'));
    expect(doc.title).toBe('x');
    expect(doc.lit).toBe('C:\\path');
    expect(doc.ml).toBe('a b');
    expect(doc.mll).toBe('raw \\n');
    const n = doc.n as number[];
    expect(n.slice(0, 10)).toEqual([1000, -2, 3, 31, 15, 5, 1.5, 1000, -0.005, Infinity]);
    expect(Number.isNaN(n[10])).toBe(true);
    expect(doc.b).toEqual([true, false]);
    expect(doc.d).toBe('2024-01-02T03:04:05Z');
    expect(doc.nested).toEqual([[1, 2], ['a']]);
    expect(doc.inline).toEqual({ a: { b: 1 }, 'q k': 'v' });
    expect(doc.a).toEqual({ b: { 'c d': { x: 1 } } });
    expect(doc.items).toEqual([{ name: 'one' }, { name: 'two', sub: { y: 2 } }]);
  });

  test.each([
    ['a = 1\na = 2', 'defined twice', 2],
    ['[t]\n[t]', 'defined twice', 2],
    ['a = "open', 'unterminated string', 1],
    ['a = [1 2]', "expected ',' or ']'", 1],
    ['a = 1 b = 2', 'expected the end of the line', 1],
    ['= 1', 'expected a key', 1],
  ])('%j fails with its line', (text, message, line) => {
    let err: unknown;
    try {
      parseToml(text);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(TomlError);
    expect((err as TomlError).message).toContain(message);
    expect((err as TomlError).line).toBe(line);
  });

  test('what the writer prints reads back the same', () => {
    const data = { web: { children: ['a'], hosts: { h1: { port: 22, tags: ['x', 'y'], deep: { k: 'v "q"' } } } }, 'odd key': { v: 1.5 } };
    expect(parseToml(dumpToml(data))).toEqual(data);
  });
});
