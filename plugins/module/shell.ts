import { defineModule, shellQuote, type ModuleContext, type ModuleResult } from 'tsible';
import { runCommandLike, type CommandArgs } from './_command-runner.js';

/** Runs a command through the target's shell (pipes, redirections, variables work). */
export default defineModule<CommandArgs & { executable?: string }>({
  name: 'shell',
  shortDescription: 'Execute shell commands on targets',
  freeForm: 'cmd',
  options: {
    cmd: { type: 'str', description: 'The shell command line.' },
    chdir: { type: 'path', description: 'Change into this directory first.' },
    creates: { type: 'path', description: 'Do not run when a path matching this glob exists.' },
    removes: { type: 'path', description: 'Only run when a path matching this glob exists.' },
    executable: { type: 'path', description: 'Shell to use (default /bin/sh).' },
    stdin: { type: 'str', description: 'Data passed to the command on stdin.' },
    stdin_add_newline: { type: 'bool', default: true, description: 'Append a newline to stdin.' },
    strip_empty_ends: { type: 'bool', default: true, description: 'Strip trailing newlines of stdout/stderr.' },
  },
  checkMode: 'full',
  async run(ctx: ModuleContext<CommandArgs & { executable?: string }>): Promise<ModuleResult> {
    const cmd = ctx.args.cmd;
    if (!cmd) return { failed: true, changed: false, rc: 256, msg: 'no command given' };
    const line = ctx.args.executable ? `${shellQuote(ctx.args.executable)} -c ${shellQuote(cmd)}` : cmd;
    return runCommandLike(ctx, { line, cmd });
  },
});
