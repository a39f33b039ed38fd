import { applySubscript, orderPatterns, splitHostPattern, splitSubscript, tildeToRegExp } from '../../../core/inventory/patterns.js';
import { globToRegExp } from '../../../core/util/fnmatch.js';
import { expandHostPattern, expandHostRange, parseHostAddress } from '../../../core/inventory/host-range.js';

describe('host pattern parsing', () => {
  test('splits on commas, else on colons outside brackets', () => {
    expect(splitHostPattern('a,b[1], c[2:3] , d')).toEqual(['a', 'b[1]', 'c[2:3]', 'd']);
    expect(splitHostPattern('web:&prod:!db')).toEqual(['web', '&prod', '!db']);
    expect(splitHostPattern('web[1:3]:db')).toEqual(['web[1:3]', 'db']);
    expect(splitHostPattern('fe80::1')).toEqual(['fe80::1']);
    expect(splitHostPattern(['a:b', 'c'])).toEqual(['a', 'b', 'c']);
  });

  test('orders plain, then intersections, then exclusions; modifiers alone start from all', () => {
    expect(orderPatterns(['!a', 'b', '&c', 'd'])).toEqual(['b', 'd', '&c', '!a']);
    expect(orderPatterns(['!a'])).toEqual(['all', '!a']);
  });

  test('subscripts', () => {
    expect(splitSubscript('web[0]')).toEqual({ expr: 'web', subscript: [0, undefined] });
    expect(splitSubscript('web[-1]')).toEqual({ expr: 'web', subscript: [-1, undefined] });
    expect(splitSubscript('web[1:]')).toEqual({ expr: 'web', subscript: [1, -1] });
    expect(splitSubscript('~web[0]')).toEqual({ expr: '~web[0]' });
    const items = ['a', 'b', 'c', 'd'];
    expect(applySubscript(items, [1, 2], 'x')).toEqual(['b', 'c']);
    expect(applySubscript(items, [-1, undefined], 'x')).toEqual(['d']);
    expect(applySubscript(items, [1, -1], 'x')).toEqual(['b', 'c', 'd']);
    expect(() => applySubscript(items, [9, undefined], 'web[9]')).toThrow("No hosts matched the subscripted pattern 'web[9]'");
  });

  test('globs are full, case-sensitive matches as Python fnmatch', () => {
    expect(globToRegExp('web*').test('web1')).toBe(true);
    expect(globToRegExp('web*').test('Web1')).toBe(false);
    expect(globToRegExp('db?').test('db12')).toBe(false);
    expect(globToRegExp('[!a]x').test('bx')).toBe(true);
    expect(globToRegExp('[!a]x').test('ax')).toBe(false);
    expect(globToRegExp('*.example.com').test('a.example.com')).toBe(true);
    expect(globToRegExp('*.example.com').test('aXexample.com')).toBe(false);
    expect(globToRegExp('a[b').test('a[b')).toBe(true);
  });

  test('~regex is anchored at the start only', () => {
    expect(tildeToRegExp('~web\\d').test('web1.lan')).toBe(true);
    expect(tildeToRegExp('~web').test('aweb')).toBe(false);
    expect(tildeToRegExp('~(?P<x>db)1').test('db1')).toBe(true);
  });
});

describe('host ranges and addresses', () => {
  test('numeric ranges keep zero padding; steps; letters; several ranges', () => {
    expect(expandHostRange('web[01:03].lan')).toEqual(['web01.lan', 'web02.lan', 'web03.lan']);
    expect(expandHostRange('h[1:10:4]')).toEqual(['h1', 'h5', 'h9']);
    expect(expandHostRange('db-[a:c]')).toEqual(['db-a', 'db-b', 'db-c']);
    expect(expandHostRange('r[1:2]c[a:b]')).toEqual(['r1ca', 'r1cb', 'r2ca', 'r2cb']);
    expect(() => expandHostRange('web[01:100]')).toThrow('same width');
    expect(() => expandHostRange('web[1:]')).toThrow('end value');
  });

  test('ports', () => {
    expect(parseHostAddress('web1:2222')).toEqual({ host: 'web1', port: 2222 });
    expect(parseHostAddress('[::1]:22')).toEqual({ host: '::1', port: 22 });
    expect(parseHostAddress('fe80::1')).toEqual({ host: 'fe80::1' });
    expect(expandHostPattern('web[1:2]:2200')).toEqual({ hosts: ['web1', 'web2'], port: 2200 });
  });
});
