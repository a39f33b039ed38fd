import { defineModule, shellQuote, shlexSplit, type ModuleContext, type ModuleResult } from 'tsible';
import { runCommandLike, type CommandArgs } from './_command-runner.js';

/** Runs a command without a shell: the words are quoted, so pipes and globs stay literal. */
export default defineModule<CommandArgs>({
  name: 'command',
  shortDescription: 'Execute commands on targets',
  freeForm: 'cmd',
  options: {
    cmd: { type: 'str', description: 'The command to run.' },
    argv: { type: 'list', elements: 'str', description: 'The command as a list of words.' },
    chdir: { type: 'path', description: 'Change into this directory first.' },
    creates: { type: 'path', description: 'Do not run when this path exists.' },
    removes: { type: 'path', description: 'Only run when this path exists.' },
    stdin: { type: 'str', description: 'Data passed to the command on stdin.' },
    stdin_add_newline: { type: 'bool', default: true, description: 'Append a newline to stdin.' },
    strip_empty_ends: { type: 'bool', default: true, description: 'Strip trailing newlines of stdout/stderr.' },
    expand_argument_vars: { type: 'bool', default: true, description: 'Accepted for compatibility.' },
  },
  checkMode: 'full',
  async run(ctx: ModuleContext<CommandArgs>): Promise<ModuleResult> {
    const { cmd, argv } = ctx.args;
    if (cmd && argv) return { failed: true, changed: false, msg: 'parameters are mutually exclusive: cmd|argv' };
    if (!cmd && !argv?.length) return { failed: true, changed: false, rc: 256, msg: 'no command given' };
    const words = argv ?? shlexSplit(cmd as string);
    return runCommandLike(ctx, words.map(shellQuote).join(' '), words);
  },
});
