import { join } from 'node:path';
import { quietKernel, tempTree } from './helpers.js';
import { openInventory } from '../../../core/inventory/open.js';
import type { InventoryView } from '../../../plugins/inventory/types.js';

describe('inventory hooks', () => {
  test('inventorySources may add sources; inventoryLoaded sees the view, again after refresh', async () => {
    const dir = tempTree({ 'a': '[web]\nw1\n', 'b.yml': 'db:\n  hosts:\n    d1: { x: 1 }\n' });
    const kernel = await quietKernel(dir, []);
    kernel.hooks.inventorySources.tap('test', (sources) => [...sources, join(dir, 'b.yml')]);
    const seen: string[][] = [];
    kernel.hooks.inventoryLoaded.tapPromise('test', async (view: InventoryView) => {
      seen.push(view.hostNames());
      expect(view.hostVars('d1')).toMatchObject({ x: 1, inventory_hostname: 'd1', group_names: ['db'] });
      expect(view.hostGroups('d1')).toEqual(['db']);
    });
    const inv = await openInventory({ kernel, sources: [join(dir, 'a')], cwd: dir });
    await inv.refresh();
    expect(seen).toEqual([['w1', 'd1'], ['w1', 'd1']]);
  });
});
