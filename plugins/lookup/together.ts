import { defineLookup } from 'tsible';
import { lookupError } from './_shared/errors.js';
import { flattenOnce, listify } from './_shared/lists.js';

export default defineLookup({
  name: 'together',
  shortDescription: 'merges lists into a synchronized list',
  description: 'Transposes the lists given as terms (`[1, 2], [a, b]` → `[1, a], [2, b]`), padding the shorter ones with null.',
  examples: `- debug: msg="{{ item.0 }} and {{ item.1 }}"\n  with_together: [[a, b], [1, 2]]`,
  returns: { _list: 'the transposed lists' },
  run(terms) {
    if (terms.length === 0) throw lookupError('with_together requires at least one element in each list');
    const lists = terms.map(listify);
    const length = Math.max(...lists.map((l) => l.length));
    const out: unknown[] = [];
    for (let i = 0; i < length; i++) out.push(flattenOnce(lists.map((l) => (i < l.length ? l[i] : null))));
    return out;
  },
});
