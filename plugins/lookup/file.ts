import { defineLookup } from 'tsible';
import { lookupError, requireString } from './_shared/errors.js';
import { readOptions } from './_shared/options.js';
import { readControllerFile } from './_shared/read.js';
import { findInSearchPath } from './_shared/search.js';

const options = {
  rstrip: { type: 'bool', default: true, description: 'Remove whitespace at the end of the contents.' },
  lstrip: { type: 'bool', default: false, description: 'Remove whitespace at the start of the contents.' },
} as const;

export default defineLookup({
  name: 'file',
  shortDescription: 'read file contents',
  description: 'Returns the contents of controller files. Relative names are searched in the role\'s and the '
    + 'playbook\'s `files/` directories and the directories themselves. Vaulted files are decrypted.',
  options,
  examples: `- debug: msg="{{ lookup('file', 'motd.txt') }}"\n- debug: msg="{{ lookup('file', '/etc/hostname', rstrip=false) }}"`,
  returns: { _raw: 'the contents of each file' },
  async run(terms, given, ctx) {
    const { rstrip, lstrip } = readOptions(options, given, 'file');
    const out: string[] = [];
    for (const term of terms) {
      const name = requireString(term);
      const path = await findInSearchPath(ctx, 'files', name);
      if (!path) throw lookupError(`could not locate file in lookup: ${name}`);
      let text: string;
      try {
        text = (await readControllerFile(ctx, path)).toString('utf8');
      } catch (err) {
        if ((err as NodeJS.ErrnoException).errno !== undefined) throw lookupError(`could not locate file in lookup: ${name}`, err);
        throw err;
      }
      if (lstrip) text = text.trimStart();
      if (rstrip) text = text.trimEnd();
      out.push(text);
    }
    return out;
  },
});
