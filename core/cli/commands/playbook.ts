import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { UsageError } from '../../errors.js';
import { createKernel } from '../../kernel.js';
import { runPlaybook } from '../../api/run-playbook.js';
import { CONNECTION_FLAGS, listFlag, parseCommandLine, verbosityOf } from '../args.js';
import type { CliIO } from '../io.js';
import { cliLogSink } from '../log-sink.js';
import { version } from '../version.js';
import { cliSettings, inventorySources, runOptionsFrom, vaultFrom } from '../run-options.js';
import { printListing } from '../listing.js';
import { promptVisible } from '../prompt.js';

const USAGE = `usage: tsible-playbook [-h] [--version] [-v] [-i INVENTORY] [-l SUBSET] [-e EXTRA_VARS] [-t TAGS]
                       [--skip-tags SKIP_TAGS] [-C] [-D] [-f FORKS] [-u REMOTE_USER] [-c CONNECTION]
                       [-k] [-b] [-K] [--become-method BECOME_METHOD] [--become-user BECOME_USER]
                       [--private-key PRIVATE_KEY_FILE] [-T TIMEOUT] [--vault-id VAULT_IDS]
                       [--vault-password-file VAULT_PASSWORD_FILES] [--ask-vault-pass]
                       [--list-hosts] [--list-tasks] [--list-tags] [--syntax-check]
                       [--start-at-task START_AT_TASK] [--step] [--force-handlers] [--flush-cache]
                       playbook [playbook ...]`;

const FLAGS = {
  ...CONNECTION_FLAGS,
  tags: { type: 'string', short: 't', multiple: true },
  'skip-tags': { type: 'string', multiple: true },
  'list-tasks': { type: 'boolean' },
  'list-tags': { type: 'boolean' },
  'syntax-check': { type: 'boolean' },
  'start-at-task': { type: 'string' },
  step: { type: 'boolean' },
  'force-handlers': { type: 'boolean' },
  'flush-cache': { type: 'boolean' },
} as const;

function tagList(raw: unknown): string[] {
  return listFlag(raw).flatMap((t) => t.split(',')).map((t) => t.trim()).filter(Boolean);
}

/** --step asks as Ansible does: "Perform task: TASK: name (N)o/(y)es/(c)ontinue:". */
function stepPrompt(io: CliIO): (name: string) => Promise<'y' | 'n' | 'c'> {
  return async (name) => {
    const answer = (await promptVisible(io, `Perform task: TASK: ${name} (N)o/(y)es/(c)ontinue: `)).trim().toLowerCase();
    return answer.startsWith('y') ? 'y' : answer.startsWith('c') ? 'c' : 'n';
  };
}

/** tsible-playbook: runs playbooks as ansible-playbook does, with its flags and exit codes. */
export async function playbookMain(argv: string[], io: CliIO): Promise<number> {
  const { values: v, positionals } = parseCommandLine('tsible-playbook', argv, FLAGS, USAGE);
  if (v.version) {
    io.stdout.write(`tsible-playbook ${version()}\n`);
    return 0;
  }
  if (v.help) {
    io.stdout.write(`${USAGE}\n\nRuns Ansible playbooks, executing the defined tasks on the targeted hosts.\n`);
    return 0;
  }
  if (!positionals.length) throw new UsageError('tsible-playbook: error: the following arguments are required: playbook', { hints: [USAGE] });
  for (const p of positionals) {
    if (!existsSync(resolve(io.cwd, p))) throw new UsageError(`the playbook: ${p} could not be found`, { exitCode: 1 });
  }
  const kernel = await createKernel({ cwd: io.cwd, env: io.env, cli: cliSettings('tsible-playbook', v),
    logSink: cliLogSink(io, verbosityOf(v)) });
  try {
    const run = await runOptionsFrom('tsible-playbook', v, io);
    const vault = await vaultFrom(v, io, kernel.config.string('vault_password_file'));
    const common = {
      ...run, playbooks: positionals, inventory: inventorySources(v), cwd: io.cwd, kernel, vault,
      tags: tagList(v.tags), skipTags: tagList(v['skip-tags']), startAtTask: v['start-at-task'] as string | undefined,
      forceHandlers: v['force-handlers'] === true, flushCache: v['flush-cache'] === true,
      step: v.step ? stepPrompt(io) : undefined,
    };
    if (v['syntax-check'] || v['list-hosts'] || v['list-tasks'] || v['list-tags']) {
      const { playbooks } = await runPlaybook({ ...common, syntaxCheck: true });
      return printListing(io, kernel, common, playbooks, { hosts: !!v['list-hosts'], tasks: !!v['list-tasks'], tags: !!v['list-tags'] });
    }
    const color = io.env.NO_COLOR ? false : undefined;
    const result = await runPlaybook({ ...common, verbosity: verbosityOf(v), output: { stdout: io.stdout, stderr: io.stderr, color } });
    return result.exitCode;
  } finally {
    await kernel.dispose();
  }
}
