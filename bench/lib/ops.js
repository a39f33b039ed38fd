'use strict';
/**
 * Round trips per task: one extra (unmeasured) tsible run per scenario with bench/lib/count-ops.js
 * preloaded, and one Ansible run of workload (a), N=1 with -vvv, counting its ssh EXEC and PUT lines.
 */
const { readFileSync, rmSync } = require('node:fs');
const { join } = require('node:path');
const { measure } = require('./measure.js');
const { commandFor } = require('./variants.js');
const { scenarioTitle } = require('./report.js');

async function tsibleOps(sc, ctx) {
  const spec = commandFor('tsible', sc, ctx);
  const file = join(ctx.dir, `ops-${Date.now()}.json`);
  spec.args = ['-r', join(__dirname, 'count-ops.js'), ...spec.args];
  spec.env = { ...spec.env, BENCH_OPS_FILE: file };
  const r = await measure(spec);
  try {
    return { rc: r.rc, ...JSON.parse(readFileSync(file, 'utf8')) };
  } catch {
    return { rc: r.rc, error: 'no counts written' };
  } finally {
    rmSync(file, { force: true });
  }
}

async function ansibleOps(variant, sc, ctx) {
  const spec = commandFor(variant, sc, ctx);
  spec.args = [...spec.args, '-vvv'];
  const r = await measure(spec);
  if (spec.controlDir) rmSync(spec.controlDir, { recursive: true, force: true });
  const count = (re) => (r.stdout.match(re) ?? []).length;
  return { rc: r.rc, sshExec: count(/^<[^>]+> SSH: EXEC /gm), put: count(/^<[^>]+> PUT /gm) };
}

async function countOps(ctx, groups) {
  const ops = {};
  for (const g of groups) {
    if (g.base.kind === 'version' || g.base.kind === 'local' || g.base.n > 20) continue;
    if (g.clean) rmSync(ctx.remoteBase, { recursive: true, force: true });
    for (const phase of g.phases) {
      const sc = { ...g.base, phase };
      const key = scenarioTitle(sc);
      ops[key] = { tsible: await tsibleOps(sc, ctx) };
      if (sc.workload === 'a' && sc.n === 1) {
        for (const v of ['ansible', 'ansible-tuned']) {
          if (g.clean && phase === 'first') rmSync(ctx.remoteBase, { recursive: true, force: true });
          ops[key][v] = await ansibleOps(v, sc, ctx);
        }
      }
      process.stdout.write(`  ops ${key}: ${JSON.stringify(ops[key])}\n`);
    }
  }
  return ops;
}

module.exports = { countOps };
