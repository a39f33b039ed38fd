import { defineModule, shlexSplit, type ModuleContext, type ModuleResult } from 'tsible';
import { runCommandLike, type CommandArgs } from './_command-runner.js';
import { renderCommandWords } from './_command-words.js';

interface CommandModuleArgs extends CommandArgs {
  expand_argument_vars: boolean;
}

/**
 * Runs a program without a shell, as Ansible does: the words are quoted (pipes and globs stay
 * literal) after `$VAR` and `~` are expanded, and the program replaces the shell (`exec`).
 */
export default defineModule<CommandModuleArgs>({
  name: 'command',
  shortDescription: 'Execute commands on targets',
  freeForm: 'cmd',
  options: {
    cmd: { type: 'str', description: 'The command to run.' },
    argv: { type: 'list', elements: 'str', description: 'The command as a list of words.' },
    chdir: { type: 'path', description: 'Change into this directory first.' },
    creates: { type: 'path', description: 'Do not run when a path matching this glob exists.' },
    removes: { type: 'path', description: 'Only run when a path matching this glob exists.' },
    stdin: { type: 'str', description: 'Data passed to the command on stdin.' },
    stdin_add_newline: { type: 'bool', default: true, description: 'Append a newline to stdin.' },
    strip_empty_ends: { type: 'bool', default: true, description: 'Strip trailing newlines of stdout/stderr.' },
    expand_argument_vars: { type: 'bool', default: true, description: 'Expand $VAR, ${VAR} (from the target\'s environment) and a leading ~ in each word.' },
  },
  checkMode: 'full',
  async run(ctx: ModuleContext<CommandModuleArgs>): Promise<ModuleResult> {
    const { cmd, argv } = ctx.args;
    if (cmd && argv) return { failed: true, changed: false, rc: 256, msg: 'only command or argv can be given, not both' };
    if (!cmd?.trim() && !argv?.length) return { failed: true, changed: false, rc: 256, msg: 'no command given' };
    const words = argv ?? shlexSplit(cmd as string);
    const { setup, line } = renderCommandWords(words, ctx.args.expand_argument_vars);
    return runCommandLike(ctx, { line, setup, cmd: words, direct: { words } });
  },
});
