import { defineLookup, pyStr } from 'tsible';
import { commandFailed, runShell } from './_shared/shell.js';

export default defineLookup({
  name: 'pipe',
  shortDescription: 'read output from a command',
  description: 'Runs each term as a shell command on the controller (in the playbook directory) and returns its '
    + 'standard output without trailing whitespace. A non-zero exit status fails the lookup.',
  examples: `- debug: msg="{{ lookup('pipe', 'date +%Y') }}"`,
  returns: { _string: 'the output of each command' },
  async run(terms, _options, ctx) {
    const out: string[] = [];
    for (const term of terms) {
      const command = typeof term === 'string' ? term : pyStr(term);
      const result = await runShell(ctx, command);
      if (result.code !== 0) throw commandFailed('pipe', command, result);
      out.push(result.stdout.toString('utf8').trimEnd());
    }
    return out;
  },
});
