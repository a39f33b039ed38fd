import { defineLookup } from 'tsible';
import { requireString } from './_shared/errors.js';
import { readOptions } from './_shared/options.js';

const options = {
  default: { type: 'raw', default: '', description: 'What to return when the variable is not set.' },
} as const;

export default defineLookup({
  name: 'env',
  shortDescription: 'read the value of environment variables',
  description: 'Returns the value of controller environment variables (the first word of each term names one).',
  options,
  examples: `- debug: msg="{{ lookup('env', 'HOME') }}"\n- debug: msg="{{ lookup('env', 'NOPE', default='unset') }}"`,
  returns: { _list: 'the values of the variables' },
  run(terms, given) {
    const { default: dflt } = readOptions(options, given, 'env');
    return terms.map((t) => {
      const name = requireString(t).trim().split(/\s+/)[0] ?? '';
      return process.env[name] ?? dflt;
    });
  },
});
