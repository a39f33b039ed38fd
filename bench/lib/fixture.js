'use strict';
/**
 * Starts the test suite's real OpenSSH fixture (test/helpers/ssh-fixture.ts, loaded through jiti)
 * and stops it again. The benchmark then owns one sshd that answers on 127.0.0.2 … 127.0.0.101.
 */
const { rmSync } = require('node:fs');
const { join } = require('node:path');

const REPO = join(__dirname, '..', '..');

async function startFixture() {
  const jiti = require('jiti')(__filename, { interopDefault: true });
  const { startSshFixture } = jiti(join(REPO, 'test', 'helpers', 'ssh-fixture.ts'));
  return startSshFixture(REPO);
}

function stopFixture(fx) {
  if (!fx) return;
  for (const pid of fx.pids) {
    try { process.kill(pid, 'SIGTERM'); } catch { /* already gone */ }
  }
  rmSync(fx.dir, { recursive: true, force: true });
}

module.exports = { startFixture, stopFixture, REPO };
