'use strict';
/**
 * The workloads of issue 12 as scenario groups. A group with two phases runs a first (changing)
 * run on a cleaned target and then an idempotent second run, back to back, per variant and rep.
 */
const TITLES = {
  a: 'ten typical tasks', b: 'gather_facts', c: '200-task playbook', d: 'loop of 500 items',
  e: 'copy of a 100-file tree', f: 'ad-hoc -m ping', g: 'CLI cold start',
};

const FLOOR_WORKLOADS = new Set(['a', 'c', 'd', 'e', 'f']);

function group(workload, n, { phases = [undefined], clean = false, kind = 'playbook', title, reps, variants, ansibleMaxN, ansibleWorkloads }) {
  const ansibleAllowed = n <= ansibleMaxN && (!ansibleWorkloads || ansibleWorkloads.includes(workload));
  const floorFits = FLOOR_WORKLOADS.has(workload) || kind === 'version';
  const usable = variants.filter((v) => (v !== 'floor' || floorFits)
    && (v !== 'tsible-f5' || n > 5) && (workload !== 'g' || v === 'tsible' || v === 'ansible' || v === 'floor')
    && (v.startsWith('tsible') || v === 'floor' || ansibleAllowed));
  return { base: { workload, n, kind, title: title ?? TITLES[workload] }, phases, clean, reps, variants: usable };
}

function scenarioGroups({ quick, only, reps, variants: list, ansibleMaxN = Infinity, ansibleWorkloads }) {
  const r = reps ?? (quick ? 2 : 5);
  const variants = { variants: list, ansibleMaxN, ansibleWorkloads };
  const many = quick ? [20] : [20, 100];
  const groups = [];
  const twoPhase = { phases: ['first', 'second'], clean: true };
  for (const n of quick ? [1, 20] : [1, 20, 100]) groups.push(group('a', n, { ...twoPhase, reps: r, ...variants }));
  for (const n of many) groups.push(group('b', n, { reps: r, ...variants }));
  groups.push(group('c', 1, { reps: r, ...variants }));
  groups.push(group('d', 1, { reps: r, ...variants }));
  groups.push(group('e', 1, { ...twoPhase, reps: r, ...variants }));
  for (const n of many) groups.push(group('f', n, { kind: 'adhoc', reps: r, ...variants }));
  const coldReps = Math.max(r, quick ? 3 : 7);
  groups.push(group('g', 0, { kind: 'version', title: 'CLI cold start: --version', reps: coldReps, ...variants }));
  groups.push(group('g', 0, { kind: 'local', title: 'CLI cold start: one-task local playbook', reps: coldReps, ...variants }));
  return groups.filter((g) => !only || only.includes(g.base.workload));
}

module.exports = { scenarioGroups, TITLES };
