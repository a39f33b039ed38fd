// bench/ is plain CommonJS run by `npm run bench`; how it merges passes and reports them is tested here.
/* eslint-disable @typescript-eslint/no-require-imports */
const { stampPass, mergeInto } = require('../../bench/lib/merge.js') as {
  stampPass(results: Results): void;
  mergeInto(results: Results, earlier: Results): void;
};
const { markdown, targets } = require('../../bench/lib/report.js') as {
  markdown(results: Results): string;
  targets(results: Results): string;
};
/* eslint-enable @typescript-eslint/no-require-imports */

interface Variant { summary: Record<string, unknown>; runs: unknown[]; pass?: { tsible: string; date: string } }
interface Scenario { workload: string; n: number; title: string; phase: string; variants: Record<string, Variant> }
interface Results {
  meta: { tsibleCommit: string; date: string; loadAtStart: number[] };
  scenarios: Scenario[];
  ops: Record<string, unknown>;
  notes: string[];
  runs?: Array<{ date: string }>;
}

function variant(wallMs: number): Variant {
  return {
    runs: [{ wallMs }],
    summary: { reps: 1, wallMs, wallMinMs: wallMs, cpuMs: wallMs / 2, maxRssKb: 80_000, treePeakKb: 80_000, allOk: true, changed: 0 },
  };
}

function pass(commit: string, date: string, variants: Record<string, number>): Results {
  const scenario: Scenario = {
    workload: 'a', n: 20, title: 'ten typical tasks', phase: 'first',
    variants: Object.fromEntries(Object.entries(variants).map(([k, ms]) => [k, variant(ms)])),
  };
  const results: Results = { meta: { tsibleCommit: commit, date, loadAtStart: [1, 1, 1] }, scenarios: [scenario], ops: {}, notes: [] };
  stampPass(results);
  return results;
}

describe('bench: passes merged into one results file', () => {
  test('every row keeps the pass it was measured in, and ratios across passes are marked', () => {
    const earlier = pass('aaaaaaaaaa11', '2026-11-26T18:17:27.434Z', { tsible: 1500, mitogen: 17_500 });
    const now = pass('bbbbbbbbbb22', '2026-11-27T01:27:09.014Z', { tsible: 1600, ansible: 48_000 });
    mergeInto(now, earlier);
    const v = now.scenarios[0]!.variants;
    expect(v.tsible!.pass).toEqual({ tsible: 'bbbbbbbbbb', date: '2026-11-27T01:27:09.014Z' });
    expect(v.mitogen!.pass).toEqual({ tsible: 'aaaaaaaaaa', date: '2026-11-26T18:17:27.434Z' });
    expect(now.runs!.map((r) => r.date)).toEqual(['2026-11-26T18:17:27.434Z', '2026-11-27T01:27:09.014Z']);

    const table = markdown(now);
    expect(table).toMatch(/^\| ansible \| bbbbbbbbbb, 2026-11-27 01:27 \| .*\| 30\.0× \| 30\.0× \|/m);
    expect(table).toMatch(/^\| mitogen \| aaaaaaaaaa, 2026-11-26 18:17 \| .*\| 10\.9× † \| 10\.9× † \|/m);
    expect(table).toContain('† measured in another pass than the tsible row');

    const verdicts = targets(now);
    expect(verdicts).toContain('| (a) N=20 first: ansible default ÷ tsible ≥ 30× | 30.0× | met |');
    expect(verdicts).toContain('10.9× († mitogen from aaaaaaaaaa, 2026-11-26 18:17)');
  });

  test('a file of one pass has no marks', () => {
    const only = pass('cccccccccc33', '2026-11-27T02:00:00.000Z', { tsible: 1000, ansible: 31_000, floor: 900 });
    expect(markdown(only)).not.toContain('†');
    expect(targets(only)).not.toContain('†');
  });
});
