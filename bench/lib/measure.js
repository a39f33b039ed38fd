'use strict';
/**
 * Runs one command and measures it: wall time (hrtime around the child), controller CPU (user+sys
 * of the child and every descendant it waited for, from GNU time), the peak RSS of the largest
 * single process (GNU time %M), and the peak summed RSS of the whole process tree, sampled from
 * /proc. Ansible's ControlPersist masters leave the tree (they daemonize): their CPU is read from
 * /proc before the harness stops them, and reported on its own.
 */
const { spawn } = require('node:child_process');
const { readFileSync, readdirSync, rmSync } = require('node:fs');
const { loadavg, tmpdir } = require('node:os');
const { join } = require('node:path');

const TICK_MS = 10; // CLK_TCK is 100 on Linux
const PAGE_KB = 4;

function readProcs() {
  const procs = new Map();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'latin1');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      procs.set(Number(name), {
        ppid: Number(fields[1]), cpuTicks: Number(fields[11]) + Number(fields[12]), rssKb: Number(fields[21]) * PAGE_KB,
      });
    } catch { /* exited meanwhile */ }
  }
  return procs;
}

/** The pids of a process's children, from every thread's `children` list (any thread may fork). */
function childPids(pid) {
  const pids = [];
  let tasks = [];
  try { tasks = readdirSync(`/proc/${pid}/task`); } catch { return pids; }
  for (const tid of tasks) {
    try {
      for (const child of readFileSync(`/proc/${pid}/task/${tid}/children`, 'latin1').split(' ')) if (child) pids.push(Number(child));
    } catch { /* exited meanwhile */ }
  }
  return pids;
}

/**
 * The summed RSS of a process tree, walked down from its root: a few files per process of the
 * tree, instead of every process on the machine, so sampling takes next to no CPU from the run
 * it measures (a scan of all of /proc cost ~7 ms every 200 ms on the 2-core machine).
 */
function treeRssKb(rootPid) {
  let total = 0;
  const stack = [rootPid];
  while (stack.length) {
    const pid = stack.pop();
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'latin1');
      total += Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[21]) * PAGE_KB;
    } catch { continue; /* exited meanwhile */ }
    stack.push(...childPids(pid));
  }
  return total;
}

/** Stops (by pid) the ssh ControlPersist masters whose command line names `controlDir`; returns their CPU. */
function reapMasters(controlDir) {
  if (!controlDir) return 0;
  let ticks = 0;
  for (const [pid, p] of readProcs()) {
    let cmdline = '';
    try { cmdline = readFileSync(`/proc/${pid}/cmdline`, 'latin1'); } catch { continue; }
    if (!cmdline.includes(controlDir)) continue;
    ticks += p.cpuTicks;
    try { process.kill(pid, 'SIGTERM'); } catch { /* gone */ }
  }
  return ticks * TICK_MS;
}

/** CPU of a process plus all children it has reaped (utime+stime+cutime+cstime), in ms. */
function cpuWithReapedMs(pid) {
  const stat = readFileSync(`/proc/${pid}/stat`, 'latin1');
  const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(f[11]) + Number(f[12]) + Number(f[13]) + Number(f[14])) * TICK_MS;
}

/**
 * Experimental, and known to undercount (session processes are not all accounted to the listener;
 * it is kept in the JSON only, not in the tables). Target-side CPU of one run: what the sshd listener's children (one per connection, with the
 * sessions, shells and commands below them) used, read once they have all exited and been reaped.
 */
async function targetCpuSince(sshdPid, before) {
  for (let i = 0; i < 40; i++) {
    const children = [...readProcs().values()].filter((p) => p.ppid === sshdPid).length;
    if (children === 0) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  return cpuWithReapedMs(sshdPid) - before;
}

function parseTime(file) {
  const lines = readFileSync(file, 'utf8').trim().split('\n');
  const [, user, sys, maxrss] = lines[lines.length - 1].split(' ').map(Number);
  return { cpuMs: Math.round((user + sys) * 1000), maxRssKb: maxrss };
}

/**
 * @param {{cmd: string, args: string[], env?: object, cwd: string, controlDir?: string, sampleMs?: number}} spec
 */
function measure(spec) {
  const timeFile = join(tmpdir(), `bench-time-${process.pid}-${Date.now()}-${Math.random().toString(36).slice(2)}`);
  const load1 = loadavg()[0];
  const targetBefore = spec.sshdPid ? cpuWithReapedMs(spec.sshdPid) : 0;
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const child = spawn('/usr/bin/time', ['-f', '%e %U %S %M', '-o', timeFile, spec.cmd, ...spec.args], {
      cwd: spec.cwd, env: { ...process.env, ...spec.env }, stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => { stdout += d; });
    child.stderr.on('data', (d) => { stderr += d; });
    let treePeakKb = 0;
    const sampler = setInterval(() => { treePeakKb = Math.max(treePeakKb, treeRssKb(child.pid)); }, spec.sampleMs ?? 200);
    child.on('error', (e) => { clearInterval(sampler); reject(e); });
    child.on('close', async (rc) => {
      const wallMs = Number(process.hrtime.bigint() - started) / 1e6;
      clearInterval(sampler);
      const mastersCpuMs = reapMasters(spec.controlDir);
      let time = { cpuMs: NaN, maxRssKb: NaN };
      try { time = parseTime(timeFile); } catch { /* killed before time wrote */ }
      rmSync(timeFile, { force: true });
      const targetCpuMs = spec.sshdPid ? await targetCpuSince(spec.sshdPid, targetBefore) : NaN;
      resolve({
        targetCpuMs,
        rc, wallMs: Math.round(wallMs * 10) / 10, ...time, treePeakKb: Math.max(treePeakKb, time.maxRssKb || 0),
        mastersCpuMs, load1, stdout, stderr,
      });
    });
  });
}

/** Sums the PLAY RECAP lines (playbooks) or the host result lines (ad-hoc). */
function outcome(stdout) {
  const sum = { hosts: 0, ok: 0, changed: 0, unreachable: 0, failed: 0 };
  const recap = /^\S+\s+: ok=(\d+)\s+changed=(\d+)\s+unreachable=(\d+)\s+failed=(\d+)/gm;
  let m;
  while ((m = recap.exec(stdout))) {
    sum.hosts++;
    sum.ok += Number(m[1]); sum.changed += Number(m[2]); sum.unreachable += Number(m[3]); sum.failed += Number(m[4]);
  }
  if (sum.hosts) return sum;
  for (const line of stdout.split('\n')) {
    const adhoc = /^\S+ \| (SUCCESS|CHANGED|FAILED!?|UNREACHABLE!?)/.exec(line);
    if (!adhoc) continue;
    sum.hosts++;
    if (adhoc[1] === 'SUCCESS') sum.ok++;
    else if (adhoc[1] === 'CHANGED') { sum.ok++; sum.changed++; }
    else if (adhoc[1].startsWith('UNREACHABLE')) sum.unreachable++;
    else sum.failed++;
  }
  return sum;
}

module.exports = { measure, outcome, treeRssKb };
