import { defineLookup } from 'tsible';

export default defineLookup({
  name: 'list',
  shortDescription: 'simply returns what it is given',
  description: 'Returns the terms unchanged (with_list loops over a list without flattening it).',
  examples: `- debug: msg="{{ item }}"\n  with_list: [[1, 2], 3]   # [1, 2], then 3`,
  returns: { _list: 'the terms' },
  run: (terms) => terms,
});
