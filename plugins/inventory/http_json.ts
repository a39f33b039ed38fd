import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { defineInventory, TsibleError, type InventoryBuilder, type InventorySourceContext } from 'tsible';
import { hasExtension, isReadableFile } from './_files.js';
import { addScriptGroup, isMapping } from './_script-format.js';
import { addComposedGroups, addKeyedGroups, composeVars, type ConstructOptions } from './_constructable.js';

interface HttpJsonConfig extends ConstructOptions {
  url?: unknown;
  headers?: Record<string, unknown>;
  timeout?: unknown;
  validate_certs?: unknown;
  host_key?: string;
  groups_key?: string;
  vars_key?: string;
}

/** GETs a URL and parses JSON; HTTP errors, timeouts and bad JSON become clear TSIBLE_INVENTORY errors. */
function getJson(url: string, headers: Record<string, string>, timeoutS: number, validateCerts: boolean): Promise<unknown> {
  return new Promise((resolve, reject) => {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      reject(new TsibleError('TSIBLE_INVENTORY', `http_json: '${url}' is not a valid URL`));
      return;
    }
    const request = parsed.protocol === 'https:' ? httpsRequest : httpRequest;
    const req = request(parsed, { method: 'GET', headers: { accept: 'application/json', ...headers }, rejectUnauthorized: validateCerts }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const body = Buffer.concat(chunks).toString('utf8');
        if ((res.statusCode ?? 0) >= 400) {
          reject(new TsibleError('TSIBLE_INVENTORY', `http_json: GET ${url} answered ${res.statusCode} ${res.statusMessage ?? ''}: ${body.slice(0, 200)}`));
          return;
        }
        try {
          resolve(JSON.parse(body));
        } catch (err) {
          reject(new TsibleError('TSIBLE_INVENTORY', `http_json: GET ${url} did not return JSON: ${(err as Error).message}`));
        }
      });
    });
    req.setTimeout(timeoutS * 1000, () => req.destroy(new TsibleError('TSIBLE_INVENTORY', `http_json: GET ${url} timed out after ${timeoutS}s`)));
    req.on('error', (err) => reject(err instanceof TsibleError ? err : new TsibleError('TSIBLE_INVENTORY', `http_json: GET ${url} failed: ${err.message}`)));
    req.end();
  });
}

/** A list of host records: `[{name, groups, vars}]`, or `{hosts: [...]}`. */
function addRecords(builder: InventoryBuilder, records: unknown[], config: HttpJsonConfig): Map<string, Record<string, unknown>> {
  const hostKey = config.host_key ?? 'name';
  const groupsKey = config.groups_key ?? 'groups';
  const varsKey = config.vars_key ?? 'vars';
  const out = new Map<string, Record<string, unknown>>();
  for (const r of records) {
    if (!isMapping(r) || typeof r[hostKey] !== 'string') {
      throw new TsibleError('TSIBLE_INVENTORY', `http_json: each host record needs a string '${hostKey}', got ${JSON.stringify(r)}`);
    }
    const name = r[hostKey] as string;
    builder.addHost(name);
    const groups = r[groupsKey];
    for (const g of Array.isArray(groups) ? groups : []) {
      builder.addGroup(String(g));
      builder.addHost(name, String(g));
    }
    const vars = isMapping(r[varsKey]) ? (r[varsKey] as Record<string, unknown>) : {};
    for (const [k, v] of Object.entries(vars)) builder.setVariable('host', name, k, v);
    out.set(name, { ...(out.get(name) ?? {}), ...vars });
  }
  return out;
}

/** Script-style JSON (`{group: {...}, _meta: {hostvars}}`), as an inventory script prints for --list. */
function addScriptStyle(builder: InventoryBuilder, data: Record<string, unknown>): Map<string, Record<string, unknown>> {
  const seen = new Set<string>();
  for (const [group, gdata] of Object.entries(data)) if (group !== '_meta') addScriptGroup(builder, group, gdata, seen);
  const meta = isMapping(data._meta) && isMapping(data._meta.hostvars) ? data._meta.hostvars : {};
  const out = new Map<string, Record<string, unknown>>();
  for (const host of seen) {
    const vars = isMapping(meta[host]) ? (meta[host] as Record<string, unknown>) : {};
    for (const [k, v] of Object.entries(vars)) builder.setVariable('host', host, k, v);
    out.set(host, vars);
  }
  return out;
}

async function fetchData(config: HttpJsonConfig, ctx: InventorySourceContext): Promise<unknown> {
  const cached = await ctx.cache?.get('response');
  if (cached !== undefined) return cached;
  if (typeof config.url !== 'string' || !config.url) throw new TsibleError('TSIBLE_INVENTORY', "http_json: the 'url' option is required");
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(config.headers ?? {})) headers[k] = String(v);
  const timeout = Number(config.timeout ?? 30);
  const data = await getJson(config.url, headers, timeout, config.validate_certs !== false);
  await ctx.cache?.set('response', data);
  return data;
}

export default defineInventory({
  name: 'http_json',
  shortDescription: 'Hosts from a JSON HTTP(S) endpoint.',
  description: 'The endpoint returns either script-style JSON (`{group: {hosts, vars, children}, _meta: {hostvars}}`) or a '
    + 'list of host records (`[{name, groups, vars}]`, keys configurable). compose, groups and keyed_groups work as in constructed; '
    + 'the response is cached when `cache: true`.',
  examples: 'plugin: http_json\nurl: https://cmdb.example.com/api/inventory\nheaders:\n  Authorization: Bearer 0123\ntimeout: 10\n'
    + 'keyed_groups:\n  - key: role\n    prefix: role\ncache: true\ncache_plugin: jsonfile\ncache_connection: .cache/inventory\ncache_timeout: 600\n',
  options: {
    url: { type: 'str', required: true },
    headers: { type: 'dict', default: {} },
    timeout: { type: 'int', default: 30 },
    validate_certs: { type: 'bool', default: true },
    host_key: { type: 'str', default: 'name' },
    groups_key: { type: 'str', default: 'groups' },
    vars_key: { type: 'str', default: 'vars' },
  },
  verify: (source) => isReadableFile(source) && hasExtension(source, ['.yml', '.yaml']),
  async parse(source, builder, ctx) {
    const config = (await ctx.loadDataFile(source)) as HttpJsonConfig;
    const data = await fetchData(config, ctx);
    let hosts: Map<string, Record<string, unknown>>;
    if (Array.isArray(data)) hosts = addRecords(builder, data, config);
    else if (isMapping(data) && Array.isArray(data.hosts) && !('_meta' in data)) hosts = addRecords(builder, data.hosts, config);
    else if (isMapping(data)) hosts = addScriptStyle(builder, data);
    else throw new TsibleError('TSIBLE_INVENTORY', `http_json: ${String(config.url)} returned neither a host list nor an inventory object`);
    for (const [host, vars] of hosts) {
      const base = { ...vars, inventory_hostname: host };
      const composed = await composeVars(ctx, host, base, config);
      for (const [k, v] of Object.entries(composed)) builder.setVariable('host', host, k, v);
      await addComposedGroups(ctx, builder, host, { ...base, ...composed }, config);
      await addKeyedGroups(ctx, builder, host, { ...base, ...composed }, config);
    }
  },
});
