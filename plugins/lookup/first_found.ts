import { isAbsolute, join } from 'node:path';
import { defineLookup, isDict, isUndefined, isUnsafe, type LookupContext } from 'tsible';
import { extrasOf } from './_shared/context.js';
import { lookupError } from './_shared/errors.js';
import { readOptions } from './_shared/options.js';
import { findInSearchPath } from './_shared/search.js';

const options = {
  files: { type: 'list', elements: 'str', default: [], description: 'File names to look for (also split on `,` and `;`).' },
  paths: { type: 'list', elements: 'str', default: [], description: 'Directories to look in (also split on `,`, `:` and `;`).' },
  skip: { type: 'bool', default: false, description: 'Return an empty list instead of failing when nothing is found.' },
} as const;

function splitOn(values: unknown, separators: string): string[] {
  if (typeof values === 'string') return values.split(new RegExp(`[${separators}]`));
  if (Array.isArray(values)) return values.flatMap((v) => splitOn(v, separators));
  return values === undefined || values === null ? [] : [String(values)];
}

function pyJoin(dir: string, name: string): string {
  return isAbsolute(name) ? name : join(dir, name);
}

interface Plan {
  candidates: string[];
  skip: boolean;
}

/** Ansible's term handling: dict terms carry their own options, strings use the keyword options, lists recurse. */
function plan(terms: unknown[], given: Record<string, unknown>): Plan {
  let candidates: string[] = [];
  let skip = false;
  for (const raw of terms) {
    const term = isUnsafe(raw) ? raw.text : raw;
    let opts: Record<string, unknown>;
    if (isDict(term)) opts = readOptions(options, term, 'first_found');
    else if (typeof term === 'string') opts = readOptions(options, given, 'first_found');
    else if (Array.isArray(term)) {
      const inner = plan(term, given);
      candidates.push(...inner.candidates);
      skip = inner.skip;
      continue;
    } else throw lookupError(`Invalid term supplied, can handle string, mapping or list of strings but got: ${typeof term} for ${String(term)}`);
    const files = splitOn(opts.files, ',;');
    const paths = splitOn(opts.paths, ',:;');
    skip = opts.skip as boolean;
    if (paths.length) for (const p of paths) for (const f of files) candidates.push(pyJoin(p, f));
    else if (files.length) candidates = files;
    else candidates.push(term as string);
  }
  return { candidates, skip };
}

/** Candidates may hold templates; one whose variables are undefined is skipped, as Ansible does. */
async function render(ctx: LookupContext, candidate: string): Promise<string | undefined> {
  try {
    const value = await ctx.template(candidate);
    return isUndefined(value) ? undefined : String(value);
  } catch (err) {
    if ((err as { code?: string }).code === 'TSIBLE_UNDEFINED') return undefined;
    throw err;
  }
}

/** Ansible's choice of subdirectory from the looping task's action: template → templates, *var* → vars. */
export function subdirFor(action: string | undefined): string {
  const hit = ['template', 'var', 'file'].find((s) => action?.includes(s));
  return `${hit ?? 'file'}s`;
}

export default defineLookup({
  name: 'first_found',
  shortDescription: 'return first file found from list',
  description: 'Returns the path of the first of the given files that exists. Relative names are searched like the '
    + 'file lookup does (role `files/`, role, playbook `files/`, playbook directory); `paths` are joined with each of `files`.',
  options,
  examples: `- include_vars: "{{ lookup('first_found', params) }}"\n  vars:\n    params:\n      files: ["{{ ansible_distribution }}.yml", default.yml]\n      paths: [vars]`,
  returns: { _raw: 'the path of the first file found' },
  async run(terms, given, ctx) {
    const { candidates, skip } = plan(terms, given);
    const subdir = subdirFor(extrasOf(ctx).taskAction);
    for (const candidate of candidates) {
      const name = await render(ctx, candidate);
      if (name === undefined) continue;
      const found = await findInSearchPath(ctx, subdir, name);
      if (found) return [found];
    }
    if (skip) return [];
    throw lookupError('No file was found when using first_found.');
  },
});
