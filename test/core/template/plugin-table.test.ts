import { PluginTable } from '../../../core/template/plugin-table';

describe('PluginTable: built-in plugin names filled in on first use', () => {
  function source(log: string[], id: string, names: Record<string, string>): () => Record<string, string> {
    return () => {
      log.push(id);
      return names;
    };
  }

  test('loads deferred sources in order only until one provides the name', () => {
    const log: string[] = [];
    const table = new PluginTable<string>([['own', 'project']]);
    table.defer([source(log, 'core', { a: 'core-a' }), source(log, 'jinja', { b: 'jinja-b' }), source(log, 'paths', { c: 'paths-c' })]);
    expect(table.get('own')).toBe('project');
    expect(log).toEqual([]);
    expect(table.get('b')).toBe('jinja-b');
    expect(log).toEqual(['core', 'jinja']);
    expect(table.get('a')).toBe('core-a');
    expect(table.has('c')).toBe(true);
    expect(log).toEqual(['core', 'jinja', 'paths']);
  });

  test('a name already present, or from an earlier source, is never replaced', () => {
    const log: string[] = [];
    const table = new PluginTable<string>([['upper', 'project-upper']]);
    table.defer([source(log, 'first', { upper: 'builtin-upper', x: 'first-x' }), source(log, 'second', { x: 'second-x', y: 'second-y' })]);
    table.set('hooked', 'hook');
    expect(table.get('y')).toBe('second-y');
    expect(table.get('upper')).toBe('project-upper');
    expect(table.get('x')).toBe('first-x');
    expect(table.get('hooked')).toBe('hook');
  });

  test('an unknown name loads every source once and answers undefined', () => {
    const log: string[] = [];
    const table = new PluginTable<string>();
    table.defer([source(log, 'one', { a: '1' }), source(log, 'two', { b: '2' })]);
    expect(table.get('nope')).toBeUndefined();
    expect(table.has('nope')).toBe(false);
    expect(log).toEqual(['one', 'two']);
  });

  test('a source that fails stays queued, so every lookup that needs it fails the same way', () => {
    const table = new PluginTable<string>();
    let calls = 0;
    table.defer([() => {
      calls++;
      throw new Error('broken plugin');
    }, () => ({ late: 'ok' })]);
    expect(() => table.get('late')).toThrow('broken plugin');
    expect(() => table.get('late')).toThrow('broken plugin');
    expect(calls).toBe(2);
  });
});
