import { defineModule, type ModuleContext, type ModuleResult } from 'tsible';
import { matchGroups, pyToJsRegex } from './_system/pyregex.js';
import { missingTool } from './_system/remote.js';
import { sleep } from './_system/time.js';
import { WAIT_CONTENT, WAIT_OK, waitForScript, type WaitForArgs } from './_system/wait-for-script.js';

function timeoutMessage(a: WaitForArgs): string {
  const where = a.path ?? `${a.host}:${a.port}`;
  if (a.state === 'absent' || a.state === 'stopped') {
    return a.path !== undefined ? `Timeout when waiting for ${a.path} to be absent.` : `Timeout when waiting for ${where} to stop.`;
  }
  if (a.state === 'drained') return `Timeout when waiting for ${where} to drain`;
  if (a.search_regex !== undefined) return `Timeout when waiting for search string ${a.search_regex} in ${where}`;
  return a.path !== undefined ? `Timeout when waiting for file ${a.path}` : `Timeout when waiting for ${where}`;
}

/** uid|gid|owner|group|mode|size|type from the success line, in Ansible's path-info shape. */
function pathInfo(stdout: string): ModuleResult {
  const m = /wait_stat=(.*)/.exec(stdout);
  if (!m) return {};
  const [uid, gid, owner, group, mode, size, type] = m[1].split('|');
  const state = type === 'directory' ? 'directory' : type === 'symbolic link' ? 'link' : 'file';
  return { uid: Number(uid), gid: Number(gid), owner, group, mode: mode.padStart(4, '0'), size: Number(size), state };
}

function successResult(a: WaitForArgs, elapsed: number, content: string | undefined, stdout: string): ModuleResult {
  if (a.state === 'drained') return { changed: false, state: a.state, port: a.port ?? null, path: a.path ?? null, elapsed };
  let groups: Array<string | null> = [];
  let groupdict: Record<string, string | null> = {};
  if (a.search_regex !== undefined && content !== undefined) {
    const m = matchGroups(pyToJsRegex(a.search_regex, 'm'), content);
    if (m) ({ groups, groupdict } = m);
  }
  return { changed: false, state: a.state, port: a.port ?? null, search_regex: a.search_regex ?? null,
    match_groups: groups, match_groupdict: groupdict, path: a.path ?? null, elapsed, ...pathInfo(stdout) };
}

async function validate(a: WaitForArgs): Promise<string | undefined> {
  if (a.port !== undefined && a.path !== undefined) return 'port and path parameter can not both be passed to wait_for';
  if (a.path !== undefined && a.state === 'stopped') return 'state=stopped should only be used for checking a port in the wait_for module';
  if (a.path !== undefined && a.state === 'drained') return 'state=drained should only be used for checking a port in the wait_for module';
  if (a.port === undefined && a.state === 'drained') return 'port must be specified with state=drained';
  return undefined;
}

/** Waits on the target for a port, a file, a string in a file, or their absence; one polling script. */
export default defineModule<WaitForArgs>({
  name: 'wait_for',
  shortDescription: 'Waits for a condition before continuing',
  options: {
    host: { type: 'str', default: '127.0.0.1', description: 'Host to check the port on.' },
    port: { type: 'int', description: 'Port to wait for.' },
    path: { type: 'path', description: 'File that must exist (or be absent) before continuing.' },
    search_regex: { type: 'str', aliases: ['regex'], description: 'Regular expression to look for in the file or the socket data.' },
    state: { type: 'str', default: 'started', choices: ['absent', 'drained', 'present', 'started', 'stopped'], description: 'What to wait for.' },
    timeout: { type: 'int', default: 300, description: 'Seconds to wait at most.' },
    delay: { type: 'int', default: 0, description: 'Seconds to wait before the first check.' },
    sleep: { type: 'int', default: 1, description: 'Seconds between checks.' },
    connect_timeout: { type: 'int', default: 5, description: 'Seconds for one connection attempt.' },
    msg: { type: 'str', description: 'Message on timeout instead of the default.' },
    exclude_hosts: { type: 'list', elements: 'str', description: 'Hosts whose connections are ignored with state=drained.' },
    active_connection_states: { type: 'list', elements: 'str', default: ['ESTABLISHED', 'FIN_WAIT1', 'FIN_WAIT2', 'SYN_RECV', 'SYN_SENT', 'TIME_WAIT'], description: 'Connection states counted as active for drained.' },
  },
  checkMode: 'full',
  async run(ctx: ModuleContext<WaitForArgs>) {
    const a = ctx.args;
    const invalid = await validate(a);
    if (invalid) return { failed: true, changed: false, msg: invalid };
    const start = Date.now();
    const elapsed = () => Math.floor((Date.now() - start) / 1000);
    if (a.port === undefined && a.path === undefined && a.state !== 'drained') {
      await sleep(a.timeout * 1000, ctx.signal);
      return { changed: false, elapsed: elapsed() };
    }
    const res = await ctx.exec(waitForScript(ctx), { timeoutSeconds: a.delay + a.timeout + a.connect_timeout + 30 });
    const missing = missingTool(res);
    if (missing) return { ...missing, elapsed: elapsed() };
    if (!res.stdout.includes(WAIT_OK)) {
      if (res.rc !== 0 && !res.stdout.includes('__WAIT_TIMEOUT__')) {
        return { failed: true, changed: false, elapsed: elapsed(), msg: `wait_for failed on the target: ${res.stderr.trim()}` };
      }
      return { failed: true, changed: false, elapsed: elapsed(), msg: a.msg ?? timeoutMessage(a) };
    }
    const i = res.stdout.indexOf(`${WAIT_CONTENT}\n`);
    return successResult(a, elapsed(), i >= 0 ? res.stdout.slice(i + WAIT_CONTENT.length + 1) : undefined, i >= 0 ? res.stdout.slice(0, i) : res.stdout);
  },
});
