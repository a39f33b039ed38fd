#!/usr/bin/env node
// Regenerates test/parity/cases/*/expected.json by running each case under the real ansible-playbook.
//   node test/parity/record.js            # every case
//   node test/parity/record.js handlers   # one case
const { writeFileSync } = require('node:fs');
const { join } = require('node:path');
const { listCases, runCase, normaliseFiles, CASES } = require('./harness');

const only = process.argv.slice(2);
for (const name of listCases().filter((c) => !only.length || only.includes(c))) {
  const r = runCase(name, 'ansible');
  const expected = { exitCode: r.exitCode, recap: r.recap, files: normaliseFiles(r.files) };
  writeFileSync(join(CASES, name, 'expected.json'), `${JSON.stringify(expected, null, 2)}\n`);
  process.stdout.write(`${name}: exit ${r.exitCode} ${JSON.stringify(r.recap)} (${r.ms} ms)\n`);
  if (r.exitCode !== 0 && r.exitCode !== 2 && r.exitCode !== 4) process.stdout.write(r.stdout + r.stderr);
}
