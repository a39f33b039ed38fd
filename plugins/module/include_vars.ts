import { existsSync, statSync } from 'node:fs';
import { defineModule, type ModuleContext, type ModuleResult, type Vars } from 'tsible';
import { mergeHashes, varsFilesInDir } from './_system/include-vars-files.js';

interface IncludeVarsArgs {
  file?: string; dir?: string; name?: string; depth: number; files_matching?: string; ignore_files: string[];
  extensions: string[]; ignore_unknown_extensions: boolean; hash_behaviour?: string;
}

async function loadDict(ctx: ModuleContext<IncludeVarsArgs>, path: string): Promise<Vars> {
  const data = await ctx.loadData(path);
  if (data === null || data === undefined) return {};
  if (typeof data !== 'object' || Array.isArray(data)) throw new Error(`${path} must be stored as a dictionary/hash`);
  return data as Vars;
}

async function collect(ctx: ModuleContext<IncludeVarsArgs>): Promise<{ files: string[]; vars: Vars }> {
  const a = ctx.args;
  let files: string[];
  if (a.dir !== undefined) {
    let root: string;
    try {
      root = await ctx.findFile(a.dir, 'vars');
    } catch {
      throw new Error(`${a.dir} directory does not exist`);
    }
    if (!statSync(root).isDirectory()) throw new Error(`${a.dir} is not a directory`);
    const walked = varsFilesInDir(root, { depth: a.depth, filesMatching: a.files_matching, ignoreFiles: a.ignore_files,
      extensions: a.extensions, ignoreUnknownExtensions: a.ignore_unknown_extensions });
    if (walked.error) throw new Error(walked.error);
    files = walked.files;
  } else {
    const path = await ctx.findFile(String(a.file).trim().split(/\s+/)[0], 'vars');
    if (!existsSync(path)) throw new Error(`Could not find or access '${a.file}'`);
    files = [path];
  }
  const vars: Vars = {};
  for (const f of files) Object.assign(vars, await loadDict(ctx, f));
  return { files, vars };
}

/** Loads YAML/JSON variables from controller files into host variables, as Ansible's action does. */
export default defineModule<IncludeVarsArgs>({
  name: 'include_vars',
  shortDescription: 'Load variables from files, dynamically within a task',
  freeForm: 'file',
  options: {
    file: { type: 'path', description: 'The file to load (relative paths search the vars/ directories).' },
    dir: { type: 'path', description: 'Load every vars file of this directory, sorted.' },
    name: { type: 'str', description: 'Put the loaded variables under this one variable.' },
    depth: { type: 'int', default: 0, description: 'Directory depth to descend into (0 = unlimited).' },
    files_matching: { type: 'str', description: 'Only files whose name matches this regular expression.' },
    ignore_files: { type: 'list', elements: 'str', default: [], description: 'File name patterns to skip.' },
    extensions: { type: 'list', elements: 'str', default: ['json', 'yaml', 'yml'], description: 'Extensions of files to load from dir.' },
    ignore_unknown_extensions: { type: 'bool', default: false, description: 'Skip files with other extensions instead of failing.' },
    hash_behaviour: { type: 'str', choices: ['replace', 'merge'], description: 'Merge loaded dicts into existing variables.' },
  },
  checkMode: 'full',
  async run(ctx) {
    const a = ctx.args;
    if (a.dir !== undefined && a.file !== undefined) {
      return { failed: true, changed: false, msg: 'You are mixing file only and dir only arguments, these are incompatible' };
    }
    if (a.dir === undefined && a.file === undefined) return { failed: true, changed: false, msg: "one of 'file' or 'dir' is required" };
    let loaded: { files: string[]; vars: Vars };
    try {
      loaded = await collect(ctx);
    } catch (err) {
      return { failed: true, changed: false, message: (err as Error).message, ansible_included_var_files: [] } as ModuleResult;
    }
    let facts: Vars = a.name ? { [a.name]: loaded.vars } : loaded.vars;
    if (a.hash_behaviour === 'merge') {
      facts = Object.fromEntries(Object.entries(facts).map(([k, v]) => [k, mergeHashes(ctx.vars[k], v)]));
    }
    return { changed: false, ansible_facts: facts, ansible_included_var_files: loaded.files };
  },
});
