import { defineLookup } from 'tsible';
import { lookupError, requireString } from './_shared/errors.js';
import { readControllerFile } from './_shared/read.js';
import { findInSearchPath } from './_shared/search.js';

export default defineLookup({
  name: 'unvault',
  shortDescription: 'read vaulted file(s) contents',
  description: 'Returns the contents of controller files (searched like the file lookup), decrypted with the run\'s '
    + 'vault secrets when they are vault-encrypted; the contents are returned as they are, not stripped.',
  examples: `- debug: msg="{{ lookup('unvault', 'secret.txt.vault') }}"`,
  returns: { _raw: 'the contents of each file' },
  async run(terms, _options, ctx) {
    const out: string[] = [];
    for (const term of terms) {
      const name = requireString(term);
      const path = await findInSearchPath(ctx, 'files', name);
      if (!path) throw lookupError(`Unable to find file matching "${name}" `);
      out.push((await readControllerFile(ctx, path)).toString('utf8'));
    }
    return out;
  },
});
