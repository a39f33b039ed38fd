import { execFile } from 'node:child_process';
import { accessSync, constants, openSync, readSync, closeSync } from 'node:fs';
import { defineInventory, TsibleError } from 'tsible';
import { isReadableFile } from './_files.js';
import { addScriptGroup, isMapping } from './_script-format.js';

const DEFAULT_TIMEOUT_S = 60;

function hasShebang(path: string): boolean {
  try {
    const fd = openSync(path, 'r');
    const buf = Buffer.alloc(2);
    readSync(fd, buf, 0, 2, 0);
    closeSync(fd);
    return buf.toString('latin1') === '#!';
  } catch {
    return false;
  }
}

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** Runs the script; a non-zero exit, a timeout or bad UTF-8 are errors that quote its stderr. */
function run(path: string, args: string[], timeoutS: number): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(path, args, { timeout: timeoutS * 1000, maxBuffer: 1 << 30, encoding: 'buffer', killSignal: 'SIGKILL' },
      (err, stdout, stderr) => {
        const errText = stderr.toString('utf8');
        if (err) {
          const e = err as NodeJS.ErrnoException & { killed?: boolean; code?: string | number };
          if (e.killed) reject(new TsibleError('TSIBLE_INVENTORY', `Inventory script (${path} ${args.join(' ')}) timed out after ${timeoutS}s`));
          else if (typeof e.code === 'string') reject(new TsibleError('TSIBLE_INVENTORY', `problem running ${path} ${args.join(' ')} (${e.message})`));
          else reject(new TsibleError('TSIBLE_INVENTORY', `Inventory script (${path}) had an execution error: ${errText.trim() || `exit code ${String(e.code)}`}`));
          return;
        }
        try {
          resolve(new TextDecoder('utf-8', { fatal: true }).decode(stdout));
        } catch (decodeErr) {
          reject(new TsibleError('TSIBLE_INVENTORY', `Inventory ${path} contained characters that cannot be interpreted as UTF-8: ${(decodeErr as Error).message}`));
        }
      });
  });
}

function parseJson(path: string, text: string, what: string): unknown {
  try {
    return JSON.parse(text);
  } catch (err) {
    const m = /position (\d+)/.exec((err as Error).message);
    const at = m ? lineCol(text, Number(m[1])) : '';
    throw new TsibleError('TSIBLE_INVENTORY', `failed to parse executable inventory script results from ${path} ${what}${at}: ${(err as Error).message}`);
  }
}

function lineCol(text: string, offset: number): string {
  const before = text.slice(0, offset).split('\n');
  return ` (output line ${before.length}, column ${before[before.length - 1].length + 1})`;
}

/** Like Promise.all over `items`, with at most `limit` calls running at once (one process each). */
async function mapLimited<T, R>(items: T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}

export default defineInventory({
  name: 'script',
  shortDescription: 'Runs an executable inventory script (`--list`, then `--host <h>` when there is no `_meta`).',
  description: 'The script prints JSON: `{group: {hosts, vars, children}, _meta: {hostvars}}`. It is killed after '
    + '`inventory_script_timeout` seconds (default 60).',
  verify: (source) => isReadableFile(source) && (isExecutable(source) || hasShebang(source)),
  async parse(source, builder, ctx) {
    const configured = Number(ctx.settings.inventory_script_timeout);
    const timeout = Number.isFinite(configured) && configured > 0 ? configured : DEFAULT_TIMEOUT_S;
    const data = parseJson(source, await run(source, ['--list'], timeout), '--list');
    if (!isMapping(data)) throw new TsibleError('TSIBLE_INVENTORY', `failed to parse executable inventory script results from ${source}: needs to be a json dict`);
    const hosts = new Set<string>();
    let meta: unknown;
    for (const [group, gdata] of Object.entries(data)) {
      if (group === '_meta') meta = isMapping(gdata) ? gdata.hostvars : undefined;
      else addScriptGroup(builder, group, gdata, hosts);
    }
    const perHost = await mapLimited([...hosts], 8, async (host) => {
      if (meta !== undefined) return [host, isMapping(meta) ? meta[host] ?? {} : {}] as const;
      const out = await run(source, ['--host', host], timeout);
      return [host, out.trim() === '' ? {} : parseJson(source, out, `--host ${host}`)] as const;
    });
    for (const [host, vars] of perHost) {
      if (!isMapping(vars)) throw new TsibleError('TSIBLE_INVENTORY', `Improperly formatted host information for ${host}: ${JSON.stringify(vars)}`);
      for (const [k, v] of Object.entries(vars)) builder.setVariable('host', host, k, v);
    }
  },
});
