import { randomInt } from 'node:crypto';
import { defineLookup } from 'tsible';

export default defineLookup({
  name: 'random_choice',
  shortDescription: 'return random element from list',
  description: 'Picks one of the terms at random (or returns the empty list when there are none).',
  examples: `- debug: msg="{{ lookup('random_choice', 'red', 'green', 'blue') }}"`,
  returns: { _raw: 'one of the terms' },
  run: (terms) => (terms.length ? [terms[randomInt(terms.length)]] : []),
});
