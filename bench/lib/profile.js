'use strict';
/**
 * Where tsible's controller time goes: runs workload (a) at N=20 (first and second run) under
 * `node --cpu-prof`, then sums self time per function and per area (core/*, plugins/*, ssh2,
 * nunjucks, js-yaml, node internals, GC). Writes bench/results/<name>-profile.md.
 */
const { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } = require('node:fs');
const { join, basename } = require('node:path');
const { measure } = require('./measure.js');
const { commandFor } = require('./variants.js');

function selfTimes(profile) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map();
  profile.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
  const total = [...self.values()].reduce((a, b) => a + b, 0);
  return { byId, self, total };
}

function area(url, name) {
  if (!url) return name.startsWith('(') ? name : '(native)';
  const m = /node_modules\/([^/]+)/.exec(url);
  if (m) return m[1];
  const own = /dist\/((core|plugins)\/[^/]+)/.exec(url);
  if (own) return own[1].replace(/\.js$/, '');
  if (url.startsWith('node:')) return 'node internals';
  return 'other';
}

/** Function key of a profile node: name plus file:line (dist/ or node_modules/ relative). */
function nodeKey(node) {
  const { functionName, url, lineNumber } = node.callFrame;
  return `${functionName || '(anonymous)'} ${url ? `${url.replace(/^.*\/(dist|node_modules)\//, '$1/')}:${lineNumber + 1}` : ''}`.trim();
}

function aggregate(profiles) {
  const fns = new Map();
  const callers = new Map();
  const areas = new Map();
  let total = 0;
  for (const p of profiles) {
    const { byId, self, total: t } = selfTimes(p);
    total += t;
    const parentOf = new Map();
    for (const n of p.nodes) for (const c of n.children ?? []) parentOf.set(c, n.id);
    for (const [id, us] of self) {
      const { functionName, url } = byId.get(id).callFrame;
      const name = functionName || '(anonymous)';
      const key = nodeKey(byId.get(id));
      fns.set(key, (fns.get(key) ?? 0) + us);
      // The nearest caller in tsible's own code or a dependency, to explain native and node-internal time.
      let up = parentOf.get(id);
      while (up && !/dist\/|node_modules\//.test(byId.get(up).callFrame.url)) up = parentOf.get(up);
      if (up) {
        const perFn = callers.get(key) ?? new Map();
        const ck = nodeKey(byId.get(up));
        perFn.set(ck, (perFn.get(ck) ?? 0) + us);
        callers.set(key, perFn);
      }
      const a = area(url, name);
      areas.set(a, (areas.get(a) ?? 0) + us);
    }
  }
  const top = (m, k) => [...m.entries()].sort((x, y) => y[1] - x[1]).slice(0, k)
    .map(([name, us]) => ({ name, ms: Math.round(us / 100) / 10, pct: Math.round((1000 * us) / total) / 10 }));
  const mainCaller = (name) => {
    const m = callers.get(name);
    if (!m) return '';
    const [caller, us] = [...m.entries()].sort((x, y) => y[1] - x[1])[0];
    return `${caller} (${Math.round((100 * us) / fns.get(name))}%)`;
  };
  return { totalMs: Math.round(total / 1000), topFunctions: top(fns, 30).map((f) => ({ ...f, via: mainCaller(f.name) })), areas: top(areas, 20) };
}

async function profileTsible(ctx, resultsDir, outName, workload = 'a') {
  const profDir = mkdtempSync(join(ctx.dir, 'cpuprof-'));
  const n = workload === 'a' ? 20 : 1;
  const sc = { workload, n, kind: 'playbook', inventory: ctx.inventories[n], playbook: ctx.books[workload] };
  rmSync(ctx.remoteBase, { recursive: true, force: true });
  const runs = [];
  for (const phase of workload === 'a' || workload === 'e' ? ['first', 'second'] : ['only']) {
    const spec = commandFor('tsible', { ...sc, phase }, ctx);
    spec.args = ['--cpu-prof', `--cpu-prof-dir=${join(profDir, phase)}`, '--cpu-prof-interval=200', ...spec.args];
    const r = await measure(spec);
    const file = readdirSync(join(profDir, phase)).find((f) => f.endsWith('.cpuprofile'));
    if (process.env.BENCH_KEEP_PROFILES) writeFileSync(join(process.env.BENCH_KEEP_PROFILES, `${workload}${n}-${phase}.cpuprofile`), readFileSync(join(profDir, phase, file)));
    const prof = JSON.parse(readFileSync(join(profDir, phase, file), 'utf8'));
    runs.push({ phase, wallMs: r.wallMs, cpuMs: r.cpuMs, ...aggregate([prof]) });
  }
  rmSync(profDir, { recursive: true, force: true });
  writeFileSync(join(resultsDir, `${outName}-profile.md`), renderProfile(runs, workload, n));
  return runs.map((r) => ({ phase: r.phase, wallMs: r.wallMs, cpuMs: r.cpuMs, totalMs: r.totalMs, areas: r.areas, topFunctions: r.topFunctions.slice(0, 15) }));
}

function renderProfile(runs, workload, n) {
  const out = [`# tsible CPU profile: workload (${workload}), N=${n}`, '',
    'Sampled with `node --cpu-prof --cpu-prof-interval=200` (µs). Self time: time spent in the function itself,',
    'not in what it calls. "(idle)" is the event loop waiting for the network or the target.', ''];
  for (const r of runs) {
    out.push(`## ${r.phase} run: wall ${(r.wallMs / 1000).toFixed(2)} s, CPU ${(r.cpuMs / 1000).toFixed(2)} s, profiled ${r.totalMs} ms`, '',
      '| area | self ms | % |', '|---|---|---|', ...r.areas.map((a) => `| ${a.name} | ${a.ms} | ${a.pct} |`), '',
      '| function (file:line) | self ms | % | mostly reached from |', '|---|---|---|---|',
      ...r.topFunctions.map((f) => `| \`${f.name}\` | ${f.ms} | ${f.pct} | ${f.via ? `\`${f.via}\`` : ''} |`), '');
  }
  return out.join('\n');
}

module.exports = { profileTsible, aggregate };
