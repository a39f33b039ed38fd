#!/usr/bin/env node
import { runMain, version } from '../main.js';

// --version must answer before anything heavy is loaded.
if (process.argv.length === 3 && process.argv[2] === '--version') {
  process.stdout.write(`tsible-inventory ${version()}\n`);
} else {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { inventoryMain } = require('../commands/inventory.js') as typeof import('../commands/inventory.js');
  runMain(inventoryMain);
}
