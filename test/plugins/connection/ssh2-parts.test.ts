import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { Client as IndexClient, utils } from 'ssh2';
import Client = require('ssh2/lib/client.js');
import { parseKey } from 'ssh2/lib/protocol/keyParser.js';

const root = join(__dirname, '..', '..', '..');

describe('ssh connection: the parts of ssh2 it loads', () => {
  it('are the very client and key parser the package exports (a new ssh2 layout fails here first)', () => {
    expect(Client).toBe(IndexClient);
    expect(parseKey).toBe(utils.parseKey);
  });

  it('does not load the HTTP(S) agents and Node\'s http, https and tls with them', () => {
    // A fresh process, so nothing else in the test run has loaded them already.
    const script = `
      require(${JSON.stringify(join(root, 'dist', 'plugins', 'connection', 'ssh', 'open-client.js'))});
      require(${JSON.stringify(join(root, 'dist', 'plugins', 'connection', 'ssh', 'auth.js'))});
      const loaded = Object.keys(require.cache).filter((f) => f.includes('/node_modules/ssh2/')).map((f) => f.split('/node_modules/ssh2/')[1]);
      const builtins = ['http', 'https', 'tls'].filter((m) => process.moduleLoadList.includes('NativeModule ' + m));
      process.stdout.write(JSON.stringify({ loaded, builtins }));`;
    const out = JSON.parse(execFileSync(process.execPath, ['-e', script], { cwd: root, encoding: 'utf8' })) as { loaded: string[]; builtins: string[] };
    expect(out.loaded).toContain('lib/client.js');
    expect(out.loaded).not.toContain('lib/index.js');
    expect(out.loaded).not.toContain('lib/http-agents.js');
    expect(out.loaded).not.toContain('lib/server.js');
    expect(out.builtins).toEqual([]);
  });
});
