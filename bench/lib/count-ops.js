'use strict';
/**
 * Preloaded with `node -r` into a tsible run: counts what crosses the SSH connection, by wrapping
 * ssh2's client (connections, exec channels, shell channels, SFTP sessions), the commands written
 * to tsible's persistent shells (one write per command; a shell is an exec channel whose command
 * ends in `exec /bin/sh` and runs the first command itself) and every SFTP request primitive (each is one request/response round trip). Writes the counts as JSON to
 * $BENCH_OPS_FILE when the process exits. Measurement only; it changes no behaviour.
 */
const { writeFileSync } = require('node:fs');
const Client = require('ssh2/lib/client.js');
const { SFTP } = require('ssh2/lib/protocol/SFTP.js');

const counts = {
  connections: 0, exec: 0, shell: 0, persistentShells: 0, shellCommands: 0, sftpSessions: 0, sftpRequests: 0, sftpByKind: {},
};
const PERSISTENT_SHELL = /(^|\n)exec \/bin\/sh$/;

function wrap(proto, name, onCall) {
  const original = proto[name];
  if (typeof original !== 'function') return;
  proto[name] = function counted(...args) {
    onCall(args);
    return original.apply(this, args);
  };
}

wrap(Client.prototype, 'connect', () => { counts.connections++; });
wrap(Client.prototype, 'exec', (args) => {
  if (!PERSISTENT_SHELL.test(String(args[0]))) {
    counts.exec++;
    return;
  }
  counts.persistentShells++;
  counts.shellCommands++; // its first command
  const callback = args.findIndex((a) => typeof a === 'function');
  const original = args[callback];
  args[callback] = (err, channel) => {
    if (channel) wrap(channel, 'write', () => { counts.shellCommands++; });
    return original(err, channel);
  };
});
wrap(Client.prototype, 'shell', () => { counts.shell++; });
wrap(Client.prototype, 'sftp', () => { counts.sftpSessions++; });
const SFTP_PRIMITIVES = ['open', 'close', 'read', 'write', 'fstat', 'stat', 'lstat', 'setstat', 'fsetstat', 'unlink',
  'rename', 'mkdir', 'rmdir', 'readdir', 'opendir', 'readlink', 'symlink', 'realpath', 'ext_openssh_rename',
  'ext_openssh_statvfs', 'ext_openssh_hardlink', 'ext_openssh_fsync', 'ext_openssh_lsetstat', 'ext_openssh_expandPath', 'ext_copy_data', 'ext_home_dir'];
for (const name of SFTP_PRIMITIVES) {
  wrap(SFTP.prototype, name, () => {
    counts.sftpRequests++;
    counts.sftpByKind[name] = (counts.sftpByKind[name] ?? 0) + 1;
  });
}

process.on('exit', () => {
  if (process.env.BENCH_OPS_FILE) writeFileSync(process.env.BENCH_OPS_FILE, JSON.stringify(counts));
});
