/**
 * The classic "Python API" example of Ansible's docs, in TypeScript: a play that registers the
 * output of `ls` and prints it with debug, reported through a custom callback that prints each
 * result as JSON.
 *
 *   npx jiti examples/api/shell-ls.ts [inventory] [pattern]
 */
import {
  CallbackBase, DataLoader, Play, TaskQueueManager, VariableManager, createInventory, type AnsibleTaskResult,
} from 'tsible';

class ResultsCallback extends CallbackBase {
  override v2_runner_on_ok(result: AnsibleTaskResult): void {
    process.stdout.write(`${JSON.stringify({ [result._host.get_name()]: result._result }, null, 4)}\n`);
  }
  override v2_runner_on_failed(result: AnsibleTaskResult): void {
    process.stdout.write(`${JSON.stringify({ [result._host.get_name()]: { failed: true, ...result._result } })}\n`);
  }
  override v2_runner_on_unreachable(result: AnsibleTaskResult): void {
    process.stdout.write(`${JSON.stringify({ [result._host.get_name()]: { unreachable: true, msg: result._result.msg } })}\n`);
  }
}

export async function main(inventorySource = 'localhost,', pattern = 'localhost'): Promise<number> {
  const loader = new DataLoader({ basedir: process.cwd() });
  const inventory = await createInventory({ loader, sources: inventorySource });
  const variableManager = new VariableManager({ inventory, extraVars: {} });
  const play = Play.load({
    name: 'Ansible Play',
    hosts: pattern,
    gather_facts: 'no',
    tasks: [
      { action: { module: 'shell', args: 'ls' }, register: 'shell_out' },
      { action: { module: 'debug', args: { msg: '{{ shell_out.stdout }}' } } },
    ],
  }, { variableManager, loader });
  const tqm = new TaskQueueManager({
    inventory, variableManager, loader, passwords: {}, stdoutCallback: new ResultsCallback(), forks: 10,
    connection: pattern === 'localhost' ? 'local' : undefined,
  });
  try {
    return await tqm.run(play);
  } finally {
    await tqm.cleanup();
  }
}

// Run when executed directly (npx jiti examples/api/shell-ls.ts), not when imported by the tests.
if (process.argv[1] && require('node:path').resolve(process.argv[1]) === __filename) {
  main(process.argv[2], process.argv[3]).then((code) => { process.exitCode = code; }, (err: Error) => {
    process.stderr.write(`${err.message}\n`);
    process.exitCode = 1;
  });
}
