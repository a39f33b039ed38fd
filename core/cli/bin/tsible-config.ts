#!/usr/bin/env node
import { runMain, version } from '../main.js';

// --version must answer before anything heavy is loaded.
if (process.argv.length === 3 && process.argv[2] === '--version') {
  process.stdout.write(`tsible-config ${version()}\n`);
} else {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { configMain } = require('../commands/config.js') as typeof import('../commands/config.js');
  runMain(configMain);
}
