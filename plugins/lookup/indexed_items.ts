import { defineLookup } from 'tsible';
import { flattenOnce } from './_shared/lists.js';

export default defineLookup({
  name: 'indexed_items',
  shortDescription: 'rewrites lists to return "indexed items"',
  description: 'Flattens the terms one level and pairs each item with its index: `[[0, a], [1, b]]`.',
  examples: `- debug: msg="{{ item.0 }} is {{ item.1 }}"\n  with_indexed_items: "{{ some_list }}"`,
  returns: { _raw: 'a list of [index, item] pairs' },
  run: (terms) => flattenOnce(terms).map((item, i) => [i, item]),
});
