import { defineLookup, pyRegex } from 'tsible';
import { lookupError, requireString } from './_shared/errors.js';

export default defineLookup({
  name: 'varnames',
  shortDescription: 'lookup matching variable names',
  description: 'Returns the names of the variables that match Python regular expressions (searched, not anchored).',
  examples: `- debug: msg="{{ query('varnames', '^app_') }}"`,
  returns: { _list: 'the matching variable names' },
  run(terms, _options, ctx) {
    const names = Object.keys(ctx.vars);
    const out: string[] = [];
    for (const term of terms) {
      const text = requireString(term, 'setting identifier');
      let re: RegExp;
      try {
        re = pyRegex(text);
      } catch (err) {
        throw lookupError(`Unable to use "${text}" as a search parameter: ${(err as Error).message}`, err);
      }
      for (const name of names) if (re.test(name)) out.push(name);
    }
    return out;
  },
});
