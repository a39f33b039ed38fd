import { defineLookup, isDict } from 'tsible';
import { lookupError } from './_shared/errors.js';
import { toBool } from './_shared/options.js';

type Dict = Record<string, unknown>;

function termsError(msg = ''): Error {
  return lookupError(`subelements lookup expects a list of two or three items, ${msg}`);
}

/** Ansible skips records a skipped task left behind (`{skipped: true}`). */
function isSkipped(value: Dict): boolean {
  return value.skipped !== undefined && value.skipped !== false;
}

/** Walks `path` in a copy of `record` and removes the final list from it, as Ansible does. */
function takeSublist(record: Dict, path: string[], skipMissing: boolean): unknown[] {
  let node = record;
  for (let i = 0; i < path.length; i++) {
    const key = path[i]!;
    const last = i === path.length - 1;
    if (!(key in node)) {
      if (skipMissing) continue;
      throw lookupError(`could not find '${key}' key in iterated item '${JSON.stringify(node)}'`);
    }
    const value = node[key];
    if (!last) {
      if (!isDict(value)) {
        if (skipMissing) continue;
        throw lookupError(`the key ${key} should point to a dictionary, got '${JSON.stringify(value)}'`);
      }
      node = value;
    } else {
      if (!Array.isArray(value)) throw lookupError(`the key ${key} should point to a list, got '${JSON.stringify(value)}'`);
      delete node[key];
      return value;
    }
  }
  return [];
}

export default defineLookup({
  name: 'subelements',
  shortDescription: 'traverse nested key from a list of dictionaries',
  description: 'Pairs each record of a list (or dict) of dictionaries with each element of the list found at a '
    + '(dotted) key inside it. A third term `{skip_missing: true}` skips records without the key.',
  examples: `- debug: msg="{{ item.0.name }} is in {{ item.1 }}"\n  with_subelements: ["{{ users }}", groups, {skip_missing: true}]`,
  returns: { _list: 'a list of [record, subelement] pairs' },
  run(terms) {
    if (terms.length < 2 || terms.length > 3) throw termsError();
    const [source, key, flags = {}] = terms;
    if (!(Array.isArray(source) || isDict(source)) || typeof key !== 'string') {
      throw termsError('first a dict or a list, second a string pointing to the subkey');
    }
    if (!isDict(flags) || Object.keys(flags).some((k) => k !== 'skip_missing')) {
      throw termsError("the optional third item must be a dict with flags ['skip_missing']");
    }
    if (isDict(source) && isSkipped(source)) return [];
    const records = Array.isArray(source) ? source : Object.values(source);
    const skipMissing = toBool(flags.skip_missing ?? false, 'subelements: skip_missing');
    const out: unknown[] = [];
    for (const original of records) {
      if (!isDict(original)) throw lookupError(`subelements lookup expects a dictionary, got '${JSON.stringify(original)}'`);
      if (isSkipped(original)) continue;
      const record = structuredClone(original) as Dict;
      for (const element of takeSublist(record, key.split('.'), skipMissing)) out.push([record, element]);
    }
    return out;
  },
});
