import { defineLookup } from 'tsible';
import { lookupError } from './_shared/errors.js';
import { flattenOnce, listify } from './_shared/lists.js';

export default defineLookup({
  name: 'nested',
  shortDescription: 'composes a list with nested elements of other lists',
  description: 'The cartesian product of the lists given as terms: every combination, first list outermost.',
  examples: `- debug: msg="{{ item.0 }} on {{ item.1 }}"\n  with_nested: [[alice, bob], [db1, db2]]`,
  returns: { _list: 'a list of combinations' },
  run(terms) {
    if (terms.length === 0) throw lookupError('with_nested requires at least one element in the nested list');
    const lists = terms.map(listify);
    let result: unknown[] = lists[0]!;
    for (const next of lists.slice(1)) {
      const combined: unknown[] = [];
      for (const x of result) for (const y of next) combined.push(flattenOnce([x, y]));
      result = combined;
    }
    return result.map((x) => flattenOnce(listify(x)));
  },
});
