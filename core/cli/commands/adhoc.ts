import { UsageError } from '../../errors.js';
import { createKernel } from '../../kernel.js';
import { runAdHoc } from '../../api/run-adhoc.js';
import { CONNECTION_FLAGS, intFlag, parseCommandLine, verbosityOf } from '../args.js';
import type { CliIO } from '../io.js';
import { cliLogSink } from '../log-sink.js';
import { version } from '../version.js';
import { cliSettings, inventorySources, runOptionsFrom, vaultFrom } from '../run-options.js';
import { pluginsMain } from './plugins.js';
import { docMain } from './doc.js';
import { configMain } from './config.js';

const USAGE = `usage: tsible [-h] [--version] [-v] [-i INVENTORY] [-m MODULE_NAME] [-a MODULE_ARGS]
              [-e EXTRA_VARS] [-l SUBSET] [-f FORKS] [-u REMOTE_USER] [-c CONNECTION] [-k] [-b] [-K]
              [--become-method BECOME_METHOD] [--become-user BECOME_USER] [--private-key PRIVATE_KEY_FILE]
              [-T TIMEOUT] [-C] [-D] [-o] [-t TREE] [-B SECONDS] [-P POLL_INTERVAL] [--list-hosts]
              pattern
       tsible plugins list [--type TYPE] | tsible plugins why NAME [--type TYPE]
       tsible doc NAME [--type TYPE] | tsible config dump [--only-changed]`;

const FLAGS = {
  ...CONNECTION_FLAGS,
  'module-name': { type: 'string', short: 'm' },
  args: { type: 'string', short: 'a' },
  'one-line': { type: 'boolean', short: 'o' },
  tree: { type: 'string', short: 't' },
  background: { type: 'string', short: 'B' },
  poll: { type: 'string', short: 'P' },
} as const;

const SUBCOMMANDS: Record<string, (argv: string[], io: CliIO) => Promise<number>> = {
  plugins: pluginsMain, doc: docMain, config: configMain,
};

/** `tsible PATTERN -m MODULE -a ARGS` (Ansible's ad-hoc command) and the plugins/doc/config subcommands. */
export async function adhocMain(argv: string[], io: CliIO): Promise<number> {
  const sub = SUBCOMMANDS[argv[0] ?? ''];
  if (sub) return sub(argv.slice(1), io);
  const { values: v, positionals } = parseCommandLine('tsible', argv, FLAGS, USAGE);
  if (v.version) {
    io.stdout.write(`tsible ${version()}\n`);
    return 0;
  }
  if (v.help) {
    io.stdout.write(`${USAGE}\n\nDefine and run a single task 'playbook' against a set of hosts.\n`);
    return 0;
  }
  if (positionals.length !== 1) {
    throw new UsageError(positionals.length ? `tsible: error: unrecognized arguments: ${positionals.slice(1).join(' ')}`
      : 'tsible: error: the following arguments are required: pattern', { hints: [USAGE] });
  }
  const kernel = await createKernel({ cwd: io.cwd, env: io.env, cli: cliSettings('tsible', v),
    logSink: cliLogSink(io, verbosityOf(v)) });
  try {
    const run = await runOptionsFrom('tsible', v, io);
    const result = await runAdHoc({
      ...run, pattern: positionals[0], moduleName: (v['module-name'] as string | undefined) ?? 'command',
      moduleArgs: (v.args as string | undefined) ?? '', inventory: inventorySources(v), cwd: io.cwd, kernel,
      vault: await vaultFrom(v, io, kernel.config.string('vault_password_file')),
      background: intFlag('tsible', 'background', v.background), poll: intFlag('tsible', 'poll', v.poll),
      tree: v.tree as string | undefined,
      output: { stdout: io.stdout, stderr: io.stderr, stdoutCallback: v['one-line'] ? 'oneline' : undefined },
    });
    if (!result.hosts.length) io.stderr.write('[WARNING]: No hosts matched, nothing to do\n');
    return result.exitCode;
  } finally {
    await kernel.dispose();
  }
}
