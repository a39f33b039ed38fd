#!/usr/bin/env node
'use strict';
/**
 * npm run bench -- [--quick] [--only a,b,...] [--reps N] [--variants tsible,ansible,...]
 *                  [--revision REV | --tsible-root DIR | --no-snapshot] [--no-ops] [--profile [--profile-workload a|c|d|e]] [--out NAME] [--merge]
 *                  [--n 1,20,100] [--budget SECONDS] [--ansible-max-n N] [--ansible-workloads a,b,...] [--no-warm-up]
 *   npm run bench -- --render NAME      (rewrites bench/results/NAME.md from NAME.json)
 *
 * Starts the test suite's sshd fixture, writes the workloads into a temp dir, runs every scenario
 * under tsible, three Ansible configurations and the raw-ssh2 floor (alternating, several reps),
 * and writes bench/results/<name>.json and .md. See docs/performance.md.
 */
const { execFileSync } = require('node:child_process');
const { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } = require('node:fs');
const os = require('node:os');
const { basename, join } = require('node:path');
const { parseArgs } = require('node:util');
const { startFixture, stopFixture, REPO } = require('./lib/fixture.js');
const { buildSnapshot } = require('./lib/snapshot.js');
const { writeInventory, writeWorkloads, REMOTE_ROOT_NAME } = require('./lib/workloads.js');
const { measure, outcome } = require('./lib/measure.js');
const { commandFor, mitogenAvailable, DESCRIPTIONS } = require('./lib/variants.js');
const { summarize, markdown, scenarioTitle, sec, targets } = require('./lib/report.js');
const { scenarioGroups } = require('./lib/scenarios.js');
const { countOps } = require('./lib/ops.js');
const { profileTsible } = require('./lib/profile.js');
const { mergeInto, stampPass } = require('./lib/merge.js');

function options() {
  const { values } = parseArgs({
    options: {
      quick: { type: 'boolean', default: false }, only: { type: 'string' }, reps: { type: 'string' },
      variants: { type: 'string' }, 'tsible-root': { type: 'string' }, 'no-snapshot': { type: 'boolean', default: false },
      'no-ops': { type: 'boolean', default: false }, profile: { type: 'boolean', default: false }, out: { type: 'string' },
      'profile-workload': { type: 'string', default: 'a' },
      budget: { type: 'string' }, merge: { type: 'boolean', default: false }, render: { type: 'string' },
      revision: { type: 'string', default: 'HEAD' }, n: { type: 'string' },
      'ansible-max-n': { type: 'string' }, 'ansible-workloads': { type: 'string' }, 'no-warm-up': { type: 'boolean', default: false },
    },
  });
  return values;
}

function machine(tsibleRoot, commit) {
  const version = (cmd, args) => { try { return execFileSync(cmd, args, { encoding: 'utf8' }).split('\n')[0].trim(); } catch { return 'n/a'; } };
  const ssh2 = JSON.parse(readFileSync(join(REPO, 'node_modules', 'ssh2', 'package.json'), 'utf8')).version;
  return {
    date: new Date().toISOString(), nproc: os.cpus().length, cpuModel: os.cpus()[0]?.model, memTotalMb: Math.round(os.totalmem() / 2 ** 20),
    kernel: os.release(), node: process.version, ssh2, tsibleCommit: commit, tsibleRoot: tsibleRoot === REPO ? 'working tree' : 'snapshot',
    ansible: version('ansible-playbook', ['--version']), python: version('python3', ['--version']),
    openssh: version('sh', ['-c', 'ssh -V 2>&1']), mitogen: version('sh', ['-c', "dpkg-query -W -f '${Version}' ansible-mitogen 2>/dev/null"]),
    loadAtStart: os.loadavg(),
  };
}

function remoteHome(user) {
  return execFileSync('getent', ['passwd', user], { encoding: 'utf8' }).split(':')[5];
}

async function runOne(variant, sc, ctx) {
  const spec = { ...commandFor(variant, sc, ctx), sshdPid: ctx.fx.sshdPid };
  const r = await measure(spec);
  if (spec.controlDir) rmSync(spec.controlDir, { recursive: true, force: true });
  const out = variant === 'floor' ? floorOutcome(r, sc) : outcome(r.stdout);
  const rep = { ...r, outcome: out };
  delete rep.stdout; delete rep.stderr;
  if (r.rc !== 0 || out.failed || out.unreachable) {
    rep.errorTail = `${r.stdout.slice(-1500)}\n${r.stderr.slice(-1500)}`;
    process.stderr.write(`  ! ${variant} on ${scenarioTitle(sc)} rc=${r.rc}\n${rep.errorTail}\n`);
  }
  return rep;
}

function floorOutcome(r, sc) {
  if (sc.kind === 'version') return { hosts: 0, ok: 0, changed: 0, unreachable: 0, failed: r.rc === 0 ? 0 : 1 };
  try {
    const j = JSON.parse(r.stdout.trim().split('\n').pop());
    return { hosts: j.hosts, ok: j.hosts, changed: j.changed, unreachable: 0, failed: r.rc === 0 ? 0 : 1 };
  } catch {
    return { hosts: 0, ok: 0, changed: 0, unreachable: 0, failed: 1 };
  }
}

/**
 * One unmeasured run per variant before the measured reps, on a single host (cheap for every
 * variant), so no variant's first measured run pays for cold caches: the page cache, Python's and
 * tsible's code caches (the snapshot is a fresh installation, whose code cache starts empty).
 */
async function warmUp(group, ctx) {
  const base = group.base.n > 0 ? { ...group.base, n: 1, inventory: (ctx.inventories[1] ??= writeInventory(ctx.dir, ctx.fx, 1)) } : group.base;
  for (const variant of group.variants) {
    if (group.clean) rmSync(ctx.remoteBase, { recursive: true, force: true });
    const r = await runOne(variant, { ...base, phase: group.phases[0] }, ctx);
    process.stdout.write(`  warm-up ${variant}: ${sec(r.wallMs)} s (not counted)\n`);
  }
}

/** Runs a group (one or two phases) rep by rep, rotating the variant order, within a time budget. */
async function runGroup(group, ctx, results) {
  if (!ctx.noWarmUp) await warmUp(group, ctx);
  const records = group.phases.map((phase) => ({ ...group.base, phase, variants: {} }));
  const spent = Object.fromEntries(group.variants.map((v) => [v, 0]));
  for (let rep = 0; rep < group.reps; rep++) {
    const order = group.variants.map((_, i) => group.variants[(i + rep) % group.variants.length]);
    for (const variant of order) {
      if (rep > 0 && spent[variant] > ctx.budgetMs) continue;
      if (group.clean) rmSync(ctx.remoteBase, { recursive: true, force: true });
      for (const rec of records) {
        const r = await runOne(variant, rec, ctx);
        spent[variant] += r.wallMs;
        (rec.variants[variant] ??= { description: DESCRIPTIONS[variant], runs: [] }).runs.push(r);
        process.stdout.write(`  ${scenarioTitle(rec)} | ${variant.padEnd(13)} rep ${rep + 1}: ${sec(r.wallMs)} s wall, `
          + `${sec(r.cpuMs)} s CPU, ${sec(r.targetCpuMs)} s target CPU, ${Math.round(r.maxRssKb / 1024)} MB, load ${r.load1.toFixed(1)}\n`);
      }
    }
  }
  for (const rec of records) {
    for (const v of Object.values(rec.variants)) v.summary = summarize(v.runs);
    // Temp paths of this machine stay out of the results: the file names say enough.
    results.scenarios.push({ ...rec, inventory: rec.inventory && basename(rec.inventory), playbook: rec.playbook && basename(rec.playbook) });
  }
}

async function main() {
  const o = options();
  if (o.render) return renderFile(join(__dirname, 'results', o.render));
  const quick = o.quick;
  const outName = o.out ?? (quick ? 'quick' : 'full');
  const resultsDir = join(__dirname, 'results');
  mkdirSync(resultsDir, { recursive: true });
  let tsibleRoot = o['tsible-root'] ?? REPO;
  let commit = execFileSync('git', ['rev-parse', o.revision], { cwd: REPO, encoding: 'utf8' }).trim();
  let snapshotDir;
  if (!o['tsible-root'] && !o['no-snapshot']) {
    process.stdout.write(`building a snapshot of ${commit.slice(0, 10)} …\n`);
    ({ root: tsibleRoot, commit } = buildSnapshot(REPO, commit));
    snapshotDir = tsibleRoot;
  }
  const fx = await startFixture();
  const dir = mkdtempSync(join(os.tmpdir(), 'tsible-bench-'));
  const onSignal = (signal) => {
    stopFixture(fx);
    rmSync(dir, { recursive: true, force: true });
    if (snapshotDir) rmSync(snapshotDir, { recursive: true, force: true });
    process.stderr.write(`bench: stopped by ${signal}\n`);
    process.exit(130);
  };
  process.once('SIGINT', onSignal).once('SIGTERM', onSignal);
  const home = remoteHome(fx.user);
  const ctx = {
    fx, dir, tsibleRoot, remoteBase: join(home, REMOTE_ROOT_NAME), inventories: {}, books: writeWorkloads(dir, home),
    budgetMs: Number(o.budget ?? (quick ? 60 : 240)) * 1000, noWarmUp: o['no-warm-up'],
  };
  const results = { meta: machine(tsibleRoot, commit), variants: DESCRIPTIONS, scenarios: [], ops: {}, notes: [] };
  try {
    let variants = o.variants ? o.variants.split(',') : Object.keys(DESCRIPTIONS);
    if (!mitogenAvailable()) {
      variants = variants.filter((v) => v !== 'mitogen');
      results.notes.push('ansible-mitogen is not installed: the mitogen variant was skipped');
    }
    const groups = scenarioGroups({
      quick, only: o.only?.split(','), reps: o.reps && Number(o.reps), variants,
      // --quick keeps Ansible to N = 1 on (a), (f) and (g): its runs take minutes at N = 20.
      ansibleMaxN: o['ansible-max-n'] ? Number(o['ansible-max-n']) : quick ? 1 : Infinity,
      ansibleWorkloads: o['ansible-workloads']?.split(',') ?? (quick ? ['a', 'f', 'g'] : undefined),
    }).filter((g) => !o.n || o.n.split(',').map(Number).includes(g.base.n));
    for (const n of new Set(groups.map((g) => g.base.n).filter((n) => n > 0))) ctx.inventories[n] = writeInventory(dir, fx, n);
    for (const g of groups) {
      g.base.inventory = g.base.kind === 'local' ? join(dir, 'inventory-local.ini') : ctx.inventories[g.base.n];
      g.base.playbook = ctx.books[g.base.workload];
      process.stdout.write(`${g.base.title}, N=${g.base.n} (${g.variants.join(', ')})\n`);
      await runGroup(g, ctx, results);
    }
    if (!o['no-ops']) results.ops = await countOps(ctx, groups);
    if (o.profile) {
      const w = o['profile-workload'];
      ctx.inventories[w === 'a' ? 20 : 1] ??= writeInventory(dir, fx, w === 'a' ? 20 : 1);
      results.profile = await profileTsible(ctx, resultsDir, outName, w);
    }
    results.meta.loadAtEnd = os.loadavg();
  } finally {
    stopFixture(fx);
    rmSync(dir, { recursive: true, force: true });
    rmSync(ctx.remoteBase, { recursive: true, force: true });
    if (snapshotDir) rmSync(snapshotDir, { recursive: true, force: true });
  }
  stampPass(results);
  const jsonFile = join(resultsDir, `${outName}.json`);
  if (o.merge && existsSync(jsonFile)) mergeInto(results, JSON.parse(readFileSync(jsonFile, 'utf8')));
  writeFileSync(jsonFile, `${JSON.stringify(results, null, 1)}\n`);
  const md = renderResults(results);
  writeFileSync(join(resultsDir, `${outName}.md`), md);
  process.stdout.write(`\n${md}\nwrote bench/results/${outName}.json and .md\n`);
}

function opsTable(ops) {
  const rows = [];
  for (const [scenario, byVariant] of Object.entries(ops)) {
    for (const [variant, c] of Object.entries(byVariant)) {
      const what = variant.startsWith('tsible')
        ? `${c.connections} connections, ${c.exec} exec channels, ${c.persistentShells ?? 0} persistent shells running `
          + `${c.shellCommands ?? 0} commands, ${c.sftpSessions} SFTP sessions, ${c.sftpRequests} SFTP requests`
        : `${c.sshExec} ssh EXEC, ${c.put} PUT`;
      rows.push(`| ${scenario} | ${variant} | ${what} |`);
    }
  }
  return ['## SSH operations per run', '', 'tsible: counted inside ssh2 (bench/lib/count-ops.js); Ansible: `-vvv` lines `SSH: EXEC` and `PUT`.', '',
    '| scenario | variant | operations |', '|---|---|---|', ...rows, ''];
}

function renderFile(base) {
  writeFileSync(`${base}.md`, renderResults(JSON.parse(readFileSync(`${base}.json`, 'utf8'))));
  process.stdout.write(`wrote ${base}.md\n`);
}

function renderResults(results) {
  const m = results.meta;
  const passes = results.runs ?? [m];
  const merged = passes.length > 1;
  const title = merged ? `${passes.length} passes, ${passes[0].date} to ${passes[passes.length - 1].date}` : m.date;
  const tsible = merged ? `tsible of the last pass ${m.tsibleCommit.slice(0, 10)}; each row below names the pass it comes from`
    : `tsible ${m.tsibleCommit.slice(0, 10)} (${m.tsibleRoot})`;
  const head = [`# Benchmark results (${title})`, '',
    `Machine: ${m.nproc} × ${m.cpuModel}, ${m.memTotalMb} MiB RAM, Linux ${m.kernel}; Node ${m.node}, ssh2 ${m.ssh2}; `
      + `${m.ansible}, ${m.python}; ${m.openssh}; ansible-mitogen ${m.mitogen}. ${tsible}.`,
    `Load average (1/5/15 min) at the start${merged ? ' of the first pass' : ''} ${m.loadAtStart.map((x) => x.toFixed(1)).join(' / ')}, `
      + `at the end${merged ? ' of the last' : ''} ${(m.loadAtEnd ?? []).map((x) => x.toFixed(1)).join(' / ')}.`,
    '', 'Variants:', ...Object.entries(results.variants).map(([k, v]) => `- **${k}**: ${v}`), ...results.notes.map((n) => `- note: ${n}`), ''];
  const ops = Object.keys(results.ops).length ? opsTable(results.ops) : [];
  return `${head.join('\n')}\n${targets(results)}\n${markdown(results)}\n${ops.join('\n')}`;
}

main().catch((error) => {
  process.stderr.write(`bench: ${error.stack ?? error}\n`);
  process.exitCode = 1;
});
