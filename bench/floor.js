#!/usr/bin/env node
'use strict';
/**
 * The physical floor: a hand-written ssh2 script doing the same remote work as a workload, with one
 * connection per host (TCP_NODELAY from socket creation), all hosts in parallel, one exec per
 * remote step and SFTP for file contents, and no engine at all. Idempotent like the playbooks:
 * files are uploaded only when their checksum differs.
 *
 *   node bench/floor.js --workload a|c|d|e|f --hosts 127.0.0.2,127.0.0.3 --port P --user U
 *                       --key FILE --known-hosts FILE --base DIR --files DIR
 * Prints one JSON line: hosts, execs, sftp writes, changed count.
 */
const { createHash } = require('node:crypto');
const { readFileSync, readdirSync } = require('node:fs');
const { connect: tcpConnect } = require('node:net');
const { join } = require('node:path');
const { parseArgs } = require('node:util');
const { Client } = require('ssh2');

function options() {
  const { values } = parseArgs({
    options: {
      workload: { type: 'string' }, hosts: { type: 'string' }, port: { type: 'string' }, user: { type: 'string' },
      key: { type: 'string' }, 'known-hosts': { type: 'string' }, base: { type: 'string' }, files: { type: 'string' },
    },
  });
  return values;
}

function hostKeyVerifier(knownHostsFile) {
  const keys = new Set(readFileSync(knownHostsFile, 'utf8').split('\n').filter(Boolean).map((l) => l.split(' ')[2]));
  return (key) => keys.has(key.toString('base64'));
}

function open(host, o) {
  return new Promise((resolve, reject) => {
    const client = new Client();
    const sock = tcpConnect({ host, port: Number(o.port), noDelay: true });
    client.once('ready', () => resolve(client)).once('error', reject);
    client.connect({
      sock, username: o.user, privateKey: readFileSync(o.key), hostVerifier: hostKeyVerifier(o['known-hosts']),
      algorithms: { kex: ['curve25519-sha256', 'curve25519-sha256@libssh.org'] },
    });
  });
}

/** One host's session: counts what it sends so the report can show round trips. */
function session(client, counters) {
  let sftpPromise;
  const exec = (command) => new Promise((resolve, reject) => {
    counters.execs++;
    client.exec(command, (err, channel) => {
      if (err) return reject(err);
      let stdout = '';
      let stderr = '';
      channel.on('data', (d) => { stdout += d; });
      channel.stderr.on('data', (d) => { stderr += d; });
      channel.on('close', (rc) => resolve({ rc, stdout, stderr }));
    });
  });
  const sftp = () => (sftpPromise ??= new Promise((resolve, reject) => client.sftp((e, s) => (e ? reject(e) : resolve(s)))));
  const write = async (path, data, mode) => {
    counters.writes++;
    const s = await sftp();
    await new Promise((resolve, reject) => s.writeFile(path, data, { mode }, (e) => (e ? reject(e) : resolve())));
  };
  return { exec, write };
}

const sha1 = (data) => createHash('sha1').update(data).digest('hex');
const q = (s) => `'${String(s).replace(/'/g, `'\\''`)}'`;

function renderAppConf(name, address) {
  const lines = [`# generated for ${name}`, '[main]', `host = ${name}`, `address = ${address}`, 'workers = 8'];
  for (let i = 0; i < 25; i++) lines.push(`key_${i} = value-${String(i).padStart(2, '0')}`);
  for (const port of [80, 443, 8080]) lines.push(`listen = ${port}`);
  return `${lines.join('\n')}\n`;
}

/**
 * What a `stat` task does on the target with Ansible's defaults (get_checksum, get_mime,
 * get_attributes): the stat itself, a sha1 of a regular file, file(1) for the mime type and
 * charset, lsattr for the attributes. The first output line is the stat.
 */
function statCommand(path) {
  const p = q(path);
  return `stat -c '%s %a %F' ${p} && { [ -f ${p} ] && sha1sum ${p}; file -b --mime-type --mime-encoding ${p}; lsattr -vd ${p}; } 2>/dev/null; :`;
}

/** Uploads `data` unless the remote file already has the same checksum (what copy/template do). */
async function ensureFile(s, path, data, counters) {
  const probe = await s.exec(`sha1sum ${q(path)} 2>/dev/null`);
  if (probe.stdout.split(' ')[0] === sha1(data)) return;
  await s.write(path, data, 0o644);
  counters.changed++;
}

const workloads = {
  async a(s, ctx) {
    const base = `${ctx.o.base}/${ctx.name}`;
    await s.exec(`test -d ${q(base)} || mkdir -p ${q(base)}; chmod 0755 ${q(base)}`);
    await ensureFile(s, `${base}/small.txt`, ctx.small, ctx.counters);
    await ensureFile(s, `${base}/app.conf`, renderAppConf(ctx.name, ctx.address), ctx.counters);
    const f = q(`${base}/lines.conf`);
    await s.exec(`grep -qxF 'option=on' ${f} 2>/dev/null || { echo 'option=on' >> ${f}; chmod 0644 ${f}; }`);
    const st = await s.exec(statCommand(`${base}/small.txt`));
    await s.exec('uname -r');
    await s.exec(`wc -c < ${q(`${base}/small.txt`)}`);
    if (!(Number(st.stdout.split(' ')[0]) > 0)) throw new Error(`${ctx.name}: assertion failed`);
  },
  async c(s, ctx) {
    const base = `${ctx.o.base}/${ctx.name}`;
    await s.exec(`mkdir -p ${q(base)}`);
    for (let i = 0; i < 200; i++) {
      if (i % 4 === 0) await s.exec(`echo ${i}`);
      if (i % 4 === 1) await s.exec(`test -d ${q(`${base}/d${i % 10}`)} || mkdir ${q(`${base}/d${i % 10}`)}`);
      if (i % 4 === 2) await s.exec(statCommand(`${base}/d${(i - 1) % 10}`));
    }
  },
  async d(s) {
    for (let i = 0; i < 500; i++) await s.exec(`echo ${i}`);
  },
  async e(s, ctx) {
    const base = `${ctx.o.base}/${ctx.name}/tree`;
    const root = join(ctx.o.files, 'tree');
    const dirs = readdirSync(root).sort();
    await s.exec(`mkdir -p ${dirs.map((d) => q(`${base}/${d}`)).join(' ')}`);
    const sums = await s.exec(`cd ${q(base)} && find . -type f -exec sha1sum {} +`);
    const remote = new Map(sums.stdout.split('\n').filter(Boolean).map((l) => [l.slice(42), l.slice(0, 40)]));
    for (const d of dirs) {
      for (const f of readdirSync(join(root, d)).sort()) {
        const data = readFileSync(join(root, d, f));
        if (remote.get(`./${d}/${f}`) === sha1(data)) continue;
        await s.write(`${base}/${d}/${f}`, data, 0o644);
        ctx.counters.changed++;
      }
    }
  },
  async f(s) {
    const r = await s.exec('echo pong');
    if (r.stdout.trim() !== 'pong') throw new Error('no pong');
  },
};

async function main() {
  const o = options();
  const work = workloads[o.workload];
  if (!work) throw new Error(`unknown workload ${o.workload}`);
  const small = o.files ? readFileSync(join(o.files, 'small.txt')) : undefined;
  const counters = { execs: 0, writes: 0, changed: 0 };
  const addresses = o.hosts.split(',');
  await Promise.all(addresses.map(async (address, i) => {
    const client = await open(address, o);
    try {
      const name = `h${String(i + 1).padStart(3, '0')}`;
      await work(session(client, counters), { o, name, address, small, counters });
    } finally {
      client.end();
    }
  }));
  process.stdout.write(`${JSON.stringify({ hosts: addresses.length, ...counters })}\n`);
}

main().catch((error) => {
  process.stderr.write(`floor: ${error.stack ?? error}\n`);
  process.exitCode = 1;
});
