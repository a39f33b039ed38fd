import { defineLookup } from 'tsible';
import { flattenOnce } from './_shared/lists.js';

export default defineLookup({
  name: 'items',
  shortDescription: 'list of items',
  description: 'Returns the terms, with lists inside them spliced in one level deep (what with_items loops over).',
  examples: `- debug: msg="{{ item }}"\n  with_items: [a, [b, c]]   # a, b, c`,
  returns: { _list: 'the flattened terms' },
  run: (terms) => flattenOnce(terms),
});
