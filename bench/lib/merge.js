'use strict';
/**
 * `--merge`: a results file that collects passes. Every variant's measurements carry the pass
 * they came from (`pass`: tsible commit and date), so a table that mixes passes can say so; the
 * file's `runs` lists every pass's machine record, the last one being the newest.
 */
const { scenarioTitle } = require('./report.js');

/** Stamps this run's variants with the pass that measured them. */
function stampPass(results) {
  const pass = { tsible: results.meta.tsibleCommit.slice(0, 10), date: results.meta.date };
  for (const s of results.scenarios) for (const v of Object.values(s.variants)) v.pass ??= pass;
}

/** Keeps the earlier file's scenarios and variants that this run did not measure again. */
function mergeInto(results, earlier) {
  const key = (s) => scenarioTitle(s);
  for (const old of earlier.scenarios) {
    const now = results.scenarios.find((s) => key(s) === key(old));
    if (!now) { results.scenarios.push(old); continue; }
    for (const [name, v] of Object.entries(old.variants)) now.variants[name] ??= v;
  }
  results.ops = { ...earlier.ops, ...results.ops };
  results.profile ??= earlier.profile;
  results.runs = [...(earlier.runs ?? [earlier.meta]), results.meta];
  results.meta = { ...results.meta, date: earlier.meta.date, loadAtStart: earlier.meta.loadAtStart };
  results.notes = [...new Set([...earlier.notes, ...results.notes])];
  const order = 'abcdefg';
  results.scenarios.sort((x, y) => order.indexOf(x.workload) - order.indexOf(y.workload) || x.n - y.n
    || x.title.localeCompare(y.title) || String(x.phase).localeCompare(String(y.phase)));
}

module.exports = { stampPass, mergeInto };
