#!/usr/bin/env node
import { version } from '../version.js';

// --version must answer before anything heavy is loaded.
if (process.argv.length === 3 && process.argv[2] === '--version') {
  process.stdout.write(`tsible ${version()}\n`);
} else {
  // First, so every module after it compiles from the V8 code cache (see compile-cache.ts).
  /* eslint-disable @typescript-eslint/no-require-imports */
  (require('../compile-cache.js') as typeof import('../compile-cache.js')).enableCompileCache();
  const { runMain } = require('../main.js') as typeof import('../main.js');
  const { adhocMain } = require('../commands/adhoc.js') as typeof import('../commands/adhoc.js');
  /* eslint-enable @typescript-eslint/no-require-imports */
  runMain(adhocMain);
}
