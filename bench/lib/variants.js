'use strict';
/**
 * How each contender runs a scenario. Every Ansible variant gets its own ControlPath directory so
 * ControlPersist masters never carry over from one measured run to the next.
 */
const { existsSync, mkdtempSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join } = require('node:path');

const MITOGEN_STRATEGIES = '/usr/lib/python3/dist-packages/ansible_mitogen/plugins/strategy';

/** Identical for every contender: long enough that a loaded machine does not time connections out. */
const COMMON_ENV = { ANSIBLE_TIMEOUT: '60', ANSIBLE_LOCALHOST_WARNING: 'False', ANSIBLE_NOCOLOR: '1' };

const DESCRIPTIONS = {
  tsible: 'tsible-playbook, forks = N',
  'tsible-f5': 'tsible-playbook, default forks (5)',
  ansible: 'ansible-playbook, default config (forks 5, no pipelining, ControlPersist 60s)',
  'ansible-tuned': 'ansible-playbook, forks = N, pipelining, ControlPersist 60s',
  mitogen: 'ansible-playbook, forks = N, pipelining, strategy mitogen_linear',
  floor: 'bench/floor.js: raw ssh2, one connection per host, no engine (for --version: `node -e 0`)',
};

function ansibleEnv(variant, n) {
  const controlDir = mkdtempSync(join(tmpdir(), 'bench-cp-'));
  const env = { ...COMMON_ENV, ANSIBLE_SSH_CONTROL_PATH_DIR: controlDir };
  if (variant !== 'ansible') Object.assign(env, { ANSIBLE_FORKS: String(Math.max(n, 1)), ANSIBLE_PIPELINING: 'True' });
  if (variant === 'mitogen') Object.assign(env, { ANSIBLE_STRATEGY_PLUGINS: MITOGEN_STRATEGIES, ANSIBLE_STRATEGY: 'mitogen_linear' });
  return { env, controlDir };
}

function tsibleBin(ctx, name) {
  return join(ctx.tsibleRoot, 'dist', 'core', 'cli', 'bin', `${name}.js`);
}

function floorSpec(sc, ctx) {
  const fx = ctx.fx;
  if (sc.kind === 'version') return { cmd: process.execPath, args: ['-e', '0'], env: {}, cwd: ctx.dir };
  return {
    cmd: process.execPath,
    args: [join(__dirname, '..', 'floor.js'), '--workload', sc.workload, '--hosts', fx.hosts.slice(0, sc.n).join(','),
      '--port', String(fx.port), '--user', fx.user, '--key', fx.keys.ed25519, '--known-hosts', fx.knownHosts,
      '--base', ctx.remoteBase, '--files', join(ctx.dir, 'files')],
    env: {}, cwd: ctx.dir,
  };
}

/** The command line for `variant` on scenario `sc` ({workload, n, kind, playbook, inventory}). */
function commandFor(variant, sc, ctx) {
  if (variant === 'floor') return floorSpec(sc, ctx);
  const tsible = variant.startsWith('tsible');
  const forks = variant === 'tsible' ? ['-f', String(Math.max(sc.n, 1))] : [];
  const base = tsible ? { cmd: process.execPath, env: { ...COMMON_ENV } } : { ...ansibleEnv(variant, sc.n) };
  const cwd = ctx.dir;
  if (sc.kind === 'version') {
    const args = tsible ? [tsibleBin(ctx, 'tsible-playbook'), '--version'] : ['--version'];
    return { ...base, cmd: tsible ? base.cmd : 'ansible-playbook', args, cwd };
  }
  if (sc.kind === 'adhoc') {
    const rest = ['bench', '-i', sc.inventory, '-m', 'ping'];
    return tsible ? { ...base, args: [tsibleBin(ctx, 'tsible'), ...rest, ...forks], cwd } : { ...base, cmd: 'ansible', args: rest, cwd };
  }
  const rest = ['-i', sc.inventory, sc.playbook];
  return tsible
    ? { ...base, args: [tsibleBin(ctx, 'tsible-playbook'), ...rest, ...forks], cwd }
    : { ...base, cmd: 'ansible-playbook', args: rest, cwd };
}

function mitogenAvailable() {
  return existsSync(join(MITOGEN_STRATEGIES, 'mitogen_linear.py'));
}

module.exports = { commandFor, mitogenAvailable, DESCRIPTIONS, COMMON_ENV };
