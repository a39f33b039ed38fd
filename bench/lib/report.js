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
    cpuMs: median(pick('cpuMs')), mastersCpuMs: median(pick('mastersCpuMs')),
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

/** One table per scenario; ratios are "this variant's wall (or CPU) / tsible's". */
function markdown(results) {
  const out = [];
  for (const s of results.scenarios) {
    const t = s.variants.tsible?.summary;
    out.push(`### ${scenarioTitle(s)}`, '',
      '| variant | reps | median wall s | min wall s | CPU s (user+sys) | ssh masters CPU s | peak RSS MB (largest process / tree) | wall ÷ tsible | CPU ÷ tsible | ok | changed |',
      '|---|---|---|---|---|---|---|---|---|---|---|');
    for (const [name, v] of Object.entries(s.variants)) {
      const m = v.summary;
      out.push(`| ${name} | ${m.reps} | ${sec(m.wallMs)} | ${sec(m.wallMinMs)} | ${sec(m.cpuMs)} | ${m.mastersCpuMs ? sec(m.mastersCpuMs) : '—'} | `
        + `${mb(m.maxRssKb)} / ${mb(m.treePeakKb)} | ${t ? ratio(m.wallMs, t.wallMs) : '—'} | ${t ? ratio(m.cpuMs, t.cpuMs) : '—'} | `
        + `${m.allOk ? 'yes' : '**no**'} | ${m.changed} |`);
    }
    out.push('');
  }
  return out.join('\n');
}

module.exports = { median, summarize, markdown, scenarioTitle, sec, ratio };
