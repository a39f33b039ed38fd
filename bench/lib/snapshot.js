'use strict';
/**
 * Builds tsible from a committed revision in a temp directory, so a benchmark run is not disturbed
 * by edits (and half-finished rebuilds of dist/) in the working tree, and names what it measured.
 */
const { execFileSync, spawnSync } = require('node:child_process');
const { existsSync, mkdtempSync, symlinkSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join } = require('node:path');

function buildSnapshot(repo, revision = 'HEAD') {
  const commit = execFileSync('git', ['rev-parse', revision], { cwd: repo, encoding: 'utf8' }).trim();
  const dir = mkdtempSync(join(tmpdir(), 'tsible-bench-src-'));
  execFileSync('sh', ['-c', `git archive ${commit} | tar -x -C "${dir}"`], { cwd: repo });
  symlinkSync(join(repo, 'node_modules'), join(dir, 'node_modules'));
  // Type errors in files still being written elsewhere do not stop emission; a missing CLI does.
  spawnSync(process.execPath, [join(repo, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.build.json'],
    { cwd: dir, stdio: 'ignore' });
  if (!existsSync(join(dir, 'dist', 'core', 'cli', 'bin', 'tsible-playbook.js'))) {
    throw new Error(`building ${commit} in ${dir} produced no dist/core/cli/bin/tsible-playbook.js`);
  }
  return { root: dir, commit };
}

module.exports = { buildSnapshot };
