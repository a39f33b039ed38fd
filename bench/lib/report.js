'use strict';
/** Medians, ratios and the Markdown rendering of a results file. */

function median(values) {
  const v = values.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
  if (!v.length) return NaN;
  const mid = v.length >> 1;
  return v.length % 2 ? v[mid] : (v[mid - 1] + v[mid]) / 2;
}

function summarize(reps) {
  const pick = (k) => reps.map((r) => r[k]);
  return {
    reps: reps.length,
    wallMs: median(pick('wallMs')), wallMinMs: Math.min(...pick('wallMs')),
    cpuMs: median(pick('cpuMs')), mastersCpuMs: median(pick('mastersCpuMs')), targetCpuMs: median(pick('targetCpuMs') ?? []),
    maxRssKb: Math.max(...pick('maxRssKb')), treePeakKb: Math.max(...pick('treePeakKb')),
    load1: median(pick('load1')),
    allOk: reps.every((r) => r.rc === 0 && r.outcome.failed === 0 && r.outcome.unreachable === 0),
    changed: median(reps.map((r) => r.outcome.changed)),
  };
}

const sec = (ms) => (Number.isFinite(ms) ? (ms / 1000).toFixed(ms < 10000 ? 3 : 1) : '—');
const mb = (kb) => (Number.isFinite(kb) ? (kb / 1024).toFixed(0) : '—');
const ratio = (a, b) => (Number.isFinite(a) && Number.isFinite(b) && b > 0 ? `${(a / b).toFixed(a / b < 10 ? 2 : 1)}×` : '—');

function scenarioTitle(s) {
  const phase = s.phase ? `, ${s.phase} run` : '';
  return `(${s.workload}) ${s.title}, N=${s.n}${phase}`;
}

/** Whether two variants' numbers come from the same pass (see merge.js; unstamped files are one pass). */
function samePass(a, b) {
  return a?.pass?.date === b?.pass?.date;
}

/** `5a4fabd287, 2026-11-27 01:27`: the tsible commit and the start of the pass a row comes from. */
function passLabel(v) {
  return v.pass ? `${v.pass.tsible}, ${String(v.pass.date).slice(0, 16).replace('T', ' ')}` : '—';
}

/**
 * One table per scenario; ratios are "this variant's wall (or CPU) / tsible's". In a merged file a
 * ratio between rows of different passes is marked †: the hour moves both sides by a tenth or more.
 */
function markdown(results) {
  const out = [];
  for (const s of results.scenarios) {
    const tv = s.variants.tsible;
    const t = tv?.summary;
    let crossPass = false;
    out.push(`### ${scenarioTitle(s)}`, '',
      '| variant | pass (tsible commit, start) | reps | median wall s | min wall s | controller CPU s (user+sys) | ssh masters CPU s | peak RSS MB (largest process / tree) | wall ÷ tsible | CPU ÷ tsible | ok | changed |',
      '|---|---|---|---|---|---|---|---|---|---|---|---|');
    for (const [name, v] of Object.entries(s.variants)) {
      const m = v.summary;
      const mark = t && !samePass(v, tv) ? ' †' : '';
      if (mark) crossPass = true;
      out.push(`| ${name} | ${passLabel(v)} | ${m.reps} | ${sec(m.wallMs)} | ${sec(m.wallMinMs)} | ${sec(m.cpuMs)} | ${m.mastersCpuMs ? sec(m.mastersCpuMs) : '—'} | `
        + `${mb(m.maxRssKb)} / ${mb(m.treePeakKb)} | ${t ? ratio(m.wallMs, t.wallMs) + mark : '—'} | ${t ? ratio(m.cpuMs, t.cpuMs) + mark : '—'} | `
        + `${m.allOk ? 'yes' : '**no**'} | ${m.changed} |`);
    }
    if (crossPass) out.push('', '† measured in another pass than the tsible row: compare with care.');
    out.push('');
  }
  return out.join('\n');
}

module.exports = { median, summarize, markdown, scenarioTitle, sec, ratio, samePass };

/** Issue 12's targets, checked against the medians of this results file. */
function targets(results) {
  const find = (workload, n, phase, title) => results.scenarios.find((s) => s.workload === workload && s.n === n
    && (phase === undefined || s.phase === phase) && (!title || s.title.includes(title)));
  const rows = [];
  const verdict = (ok) => (ok === undefined ? 'not measured' : ok ? 'met' : '**missed**');
  for (const n of [20, 100]) {
    for (const phase of ['first', 'second']) {
      const s = find('a', n, phase);
      const t = s?.variants.tsible?.summary;
      if (!t) continue;
      const ansible = s.variants.ansible?.summary;
      const fastest = ['ansible', 'ansible-tuned', 'mitogen'].map((v) => s.variants[v]?.summary).filter(Boolean)
        .sort((x, y) => x.wallMs - y.wallMs)[0];
      const floor = s.variants.floor?.summary;
      const r = (x) => (x ? x.wallMs / t.wallMs : undefined);
      // A target compares rows of one pass; across passes the verdict says so.
      const tv = s.variants.tsible;
      const cross = (name) => (name && !samePass(s.variants[name], tv) ? ` († ${name} from ${passLabel(s.variants[name])})` : '');
      const fastestName = ['ansible', 'ansible-tuned', 'mitogen'].find((v) => s.variants[v]?.summary === fastest);
      rows.push(`| (a) N=${n} ${phase}: ansible default ÷ tsible ≥ 30× | ${ratio(ansible?.wallMs, t.wallMs)}${cross(ansible && 'ansible')} | ${verdict(ansible && r(ansible) >= 30)} |`);
      rows.push(`| (a) N=${n} ${phase}: fastest Ansible ÷ tsible ≥ 10× | ${ratio(fastest?.wallMs, t.wallMs)}${cross(fastestName)} | ${verdict(fastest && r(fastest) >= 10)} |`);
      rows.push(`| (a) N=${n} ${phase}: tsible ÷ floor ≤ 2× | ${ratio(t.wallMs, floor?.wallMs)}${cross(floor && 'floor')} | ${verdict(floor && t.wallMs / floor.wallMs <= 2)} |`);
    }
  }
  for (const v of ['tsible', 'tsible-f5']) {
    const s = find('a', 100, 'first')?.variants[v]?.summary;
    if (s) rows.push(`| (a) N=100: ${v} peak RSS ≤ 200 MB | ${(s.maxRssKb / 1024).toFixed(0)} MB | ${verdict(s.maxRssKb <= 200 * 1024)} |`);
  }
  const version = find('g', 0, undefined, '--version')?.variants;
  if (version?.tsible) {
    const node = version.floor?.summary;
    rows.push(`| tsible-playbook --version ≤ 150 ms (median wall) | ${(version.tsible.summary.wallMs).toFixed(0)} ms `
      + `(CPU ${version.tsible.summary.cpuMs} ms; bare \`node -e 0\`: ${node ? `${node.wallMs.toFixed(0)} ms, CPU ${node.cpuMs} ms` : 'n/a'}) | ${verdict(version.tsible.summary.wallMs <= 150)} |`);
  }
  return ['## Targets of issue 12', '', '| target | measured | verdict |', '|---|---|---|', ...rows, ''].join('\n');
}

module.exports.targets = targets;
