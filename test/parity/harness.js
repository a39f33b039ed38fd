// Runs one parity case under ansible-playbook or tsible-playbook and returns what must match:
// the exit code, the PLAY RECAP counts per host, and the files the run left in its output dir.
// Plain JS so that record.js can use it without a build step.
const { spawnSync } = require('node:child_process');
const { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, existsSync, lstatSync, readlinkSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join, relative } = require('node:path');

const ROOT = join(__dirname, '..', '..');
const CASES = join(__dirname, 'cases');
const DEFAULT_INVENTORY = 'localhost ansible_connection=local ansible_python_interpreter=/usr/bin/python3\n';

function listCases() {
  return readdirSync(CASES).filter((d) => existsSync(join(CASES, d, 'playbook.yml'))).sort();
}

function snapshot(dir) {
  const out = {};
  const walk = (d) => {
    for (const name of readdirSync(d).sort()) {
      const p = join(d, name);
      const rel = relative(dir, p);
      const st = lstatSync(p);
      if (st.isSymbolicLink()) out[rel] = `-> ${readlinkSync(p)}`;
      else if (st.isDirectory()) { out[`${rel}/`] = `dir ${(st.mode & 0o777).toString(8)}`; walk(p); }
      else out[rel] = `${(st.mode & 0o777).toString(8)} ${readFileSync(p, 'utf8')}`;
    }
  };
  walk(dir);
  return out;
}

function parseRecap(stdout) {
  const recap = {};
  const re = /^(\S+)\s+: ok=(\d+)\s+changed=(\d+)\s+unreachable=(\d+)\s+failed=(\d+)\s+skipped=(\d+)\s+rescued=(\d+)\s+ignored=(\d+)/gm;
  let m;
  while ((m = re.exec(stdout))) {
    recap[m[1]] = { ok: +m[2], changed: +m[3], unreachable: +m[4], failed: +m[5], skipped: +m[6], rescued: +m[7], ignored: +m[8] };
  }
  return recap;
}

/**
 * The case's inventory; with `ssh` (the sshd fixture), every `ansible_connection=local` host is
 * reached over SSH instead, one fixture address per host, so the same case runs on a remote host.
 */
function inventoryText(dir, ssh) {
  const text = existsSync(join(dir, 'inventory.ini')) ? readFileSync(join(dir, 'inventory.ini'), 'utf8') : DEFAULT_INVENTORY;
  if (!ssh) return text;
  let i = 0;
  return text.replace(/ansible_connection=local/g, () => {
    const host = ssh.hosts[40 + (i++ % 40)];
    return `ansible_connection=ssh ansible_host=${host} ansible_port=${ssh.port} ansible_user=${ssh.user} `
      + `ansible_ssh_private_key_file=${ssh.keys.ed25519} ansible_ssh_common_args='-o UserKnownHostsFile=${ssh.knownHosts}' `
      + `ansible_become_password=${ssh.password}`;
  });
}

/** tool: 'ansible' or 'tsible'; ssh: the sshd fixture, to run the case over SSH. */
function runCase(name, tool, ssh) {
  const dir = join(CASES, name);
  const out = mkdtempSync(join(tmpdir(), `parity-${tool}-`));
  if (ssh) require('node:fs').chmodSync(out, 0o777);
  const invFile = `${out}.ini`;
  require('node:fs').writeFileSync(invFile, inventoryText(dir, ssh));
  const extra = existsSync(join(dir, 'args')) ? readFileSync(join(dir, 'args'), 'utf8').trim().split(/\s+/).filter(Boolean) : [];
  const args = ['-i', invFile, '-e', `out=${out}`, ...extra, 'playbook.yml'];
  const cmd = tool === 'ansible' ? ['ansible-playbook', args] : [process.execPath, [join(ROOT, 'dist/core/cli/bin/tsible-playbook.js'), ...args]];
  const env = { ...process.env, ANSIBLE_NOCOLOR: '1', NO_COLOR: '1', ANSIBLE_RETRY_FILES_ENABLED: '0', ANSIBLE_LOCALHOST_WARNING: '0',
    ANSIBLE_DEPRECATION_WARNINGS: '0', ANSIBLE_CONFIG: '/nonexistent', ANSIBLE_PYTHON_INTERPRETER: '/usr/bin/python3' };
  const started = Date.now();
  const r = spawnSync(cmd[0], cmd[1], { cwd: dir, env, encoding: 'utf8', timeout: 120000, stdin: 'ignore' });
  const result = { exitCode: r.status, recap: parseRecap(r.stdout || ''), files: snapshot(out),
    stdout: r.stdout, stderr: r.stderr, ms: Date.now() - started };
  rmSync(out, { recursive: true, force: true });
  rmSync(invFile, { force: true });
  return result;
}

/** Replaces the per-run output directory in file contents so the two runs compare. */
function normaliseFiles(files, outDirPattern = /\/tmp\/parity-(ansible|tsible)-[A-Za-z0-9]+/g) {
  const o = {};
  for (const [k, v] of Object.entries(files)) o[k] = String(v).replace(outDirPattern, '<out>');
  return o;
}

module.exports = { listCases, runCase, normaliseFiles, CASES, statSync };
