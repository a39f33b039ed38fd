import { defineLookup, isDict } from 'tsible';
import { lookupError } from './_shared/errors.js';

export default defineLookup({
  name: 'dict',
  shortDescription: 'returns key/value pair items from dictionaries',
  description: 'Turns each dictionary term into a list of `{key, value}` items, in key order.',
  examples: `- debug: msg="{{ item.key }}={{ item.value }}"\n  with_dict: "{{ users }}"`,
  returns: { _list: 'a list of {key, value} dictionaries' },
  run(terms) {
    const out: Array<{ key: string; value: unknown }> = [];
    for (const term of terms) {
      if (!isDict(term)) throw lookupError('with_dict expects a dict');
      for (const [key, value] of Object.entries(term)) out.push({ key, value });
    }
    return out;
  },
});
