import { defineInventory, TsibleError } from 'tsible';
import { hasExtension, isReadableFile } from './_files.js';
import { addComposedGroups, addKeyedGroups, composeVars, type ConstructOptions } from './_constructable.js';

const KNOWN = new Set(['plugin', 'compose', 'groups', 'keyed_groups', 'strict', 'leading_separator', 'use_vars_plugins', 'use_extra_vars',
  'cache', 'cache_plugin', 'cache_timeout', 'cache_connection', 'cache_prefix']);

export default defineInventory({
  name: 'constructed',
  shortDescription: 'Builds groups and variables from Jinja2 expressions over the inventory loaded so far.',
  description: 'Put it after the sources it works on (in a directory, name it so it sorts last). '
    + 'Options: compose, groups, keyed_groups (key, prefix, separator, parent_group, default_value, trailing_separator), strict, leading_separator.',
  examples: 'plugin: constructed\nstrict: false\ncompose:\n  ansible_host: public_ip | default(inventory_hostname)\n'
    + 'groups:\n  webservers: "\'web\' in inventory_hostname"\nkeyed_groups:\n  - key: os_family\n    prefix: os\n',
  options: {
    compose: { type: 'dict', default: {} },
    groups: { type: 'dict', default: {} },
    keyed_groups: { type: 'list', elements: 'dict', default: [] },
    strict: { type: 'bool', default: false },
    leading_separator: { type: 'bool', default: true },
    use_vars_plugins: { type: 'bool', default: false, description: 'Also see group_vars/ and host_vars/ beside the inventory sources.' },
  },
  verify: (source) => isReadableFile(source) && hasExtension(source, ['', '.config', '.yaml', '.yml', '.json']),
  async parse(source, builder, ctx) {
    const config = (await ctx.loadDataFile(source)) as Record<string, unknown> & ConstructOptions & { use_vars_plugins?: unknown };
    if (!config || typeof config !== 'object' || config.plugin === undefined) {
      throw new TsibleError('TSIBLE_INVENTORY', `${source} is not a constructed inventory config (no 'plugin: constructed' key)`);
    }
    for (const key of Object.keys(config)) {
      if (!KNOWN.has(key)) ctx.log.warn(`${source}: unknown option '${key}' for the constructed inventory plugin`);
    }
    try {
      for (const host of ctx.current.hostNames()) {
        const vars = config.use_vars_plugins === true && ctx.current.hostVarsWithFiles
          ? ctx.current.hostVarsWithFiles(host) : ctx.current.hostVars(host);
        const composed = await composeVars(ctx, host, vars, config);
        for (const [k, v] of Object.entries(composed)) builder.setVariable('host', host, k, v);
        const all = { ...vars, ...composed };
        await addComposedGroups(ctx, builder, host, all, config);
        await addKeyedGroups(ctx, builder, host, all, config);
      }
    } catch (err) {
      throw new TsibleError('TSIBLE_INVENTORY', `failed to parse ${source}: ${err instanceof Error ? err.message : String(err)}`, { cause: err });
    }
  },
});
