/** What core/index.ts re-exports from the inventory subsystem (plugins reach these through 'tsible'). */
export { expandHostRange, expandHostPattern, hasHostRange, parseHostAddress, type HostAddress } from './host-range.js';
export { InventoryManager, type InventoryManagerOptions, type HostOrder } from './manager.js';
export { loadVarsDirs, type VarsDirs } from './vars-dirs.js';
export { splitHostPattern } from './patterns.js';
export { openInventory, type OpenInventoryOptions } from './open.js';
