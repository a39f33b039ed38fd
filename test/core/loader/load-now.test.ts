import { PluginRegistry, type PluginCandidate } from '../../../core/loader/registry';
import type { PluginDefinition } from '../../../core/plugin';

function candidate(def: PluginDefinition, calls: string[], withSync = true): PluginCandidate {
  return {
    type: 'filter', name: 'f', namespaces: [], origin: 'builtin', location: 'builtin:filter/f',
    load: async () => {
      calls.push('load');
      return def;
    },
    ...(withSync ? { loadSync: () => { calls.push('loadSync'); return def; } } : {}),
  };
}

describe('PluginRegistry.loadNow', () => {
  const filterDef = { kind: 'filter', name: 'f', filters: { f: () => 1 } } as unknown as PluginDefinition;

  test('loads once, without waiting, and load() then answers with the same definition', async () => {
    const registry = new PluginRegistry();
    const calls: string[] = [];
    registry.add(candidate(filterDef, calls));
    const [c] = registry.all('filter');
    expect(registry.loadNow(c!)).toBe(filterDef);
    expect(registry.loadNow(c!)).toBe(filterDef);
    expect(await registry.load(c!)).toBe(filterDef);
    expect(calls).toEqual(['loadSync']);
  });

  test('a candidate that can only load asynchronously is left alone', () => {
    const registry = new PluginRegistry();
    const calls: string[] = [];
    registry.add(candidate(filterDef, calls, false));
    expect(registry.loadNow(registry.all('filter')[0]!)).toBeUndefined();
    expect(calls).toEqual([]);
  });

  test('a file that provides another kind of plugin is rejected, as load() rejects it', async () => {
    const registry = new PluginRegistry();
    registry.add(candidate({ kind: 'test', name: 'f', tests: {} } as unknown as PluginDefinition, []));
    const [c] = registry.all('filter');
    expect(() => registry.loadNow(c!)).toThrow(expect.objectContaining({ code: 'TSIBLE_PLUGIN_INVALID' }));
  });
});
