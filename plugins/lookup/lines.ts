import { defineLookup } from 'tsible';
import { requireString } from './_shared/errors.js';
import { commandFailed, runShell } from './_shared/shell.js';
import { splitLines } from './_shared/text.js';

export default defineLookup({
  name: 'lines',
  shortDescription: 'read lines from command',
  description: 'Runs each term as a shell command on the controller (in the playbook directory) and returns its '
    + 'output split into lines. A non-zero exit status fails the lookup.',
  examples: `- debug: msg="{{ item }}"\n  with_lines: cat /etc/hosts`,
  returns: { _list: 'the lines of output' },
  async run(terms, _options, ctx) {
    const out: string[] = [];
    for (const term of terms) {
      const command = requireString(term);
      const result = await runShell(ctx, command);
      if (result.code !== 0) throw commandFailed('lines', command, result);
      out.push(...splitLines(result.stdout.toString('utf8')));
    }
    return out;
  },
});
