/**
 * The other classic: run `uptime` on every host with the old Runner API and report which hosts
 * are UP, which FAILED, and which are DOWN (unreachable).
 *
 *   npx jiti examples/api/uptime-report.ts inventory.ini
 */
import { Runner } from 'tsible';

export async function main(inventory: string): Promise<number> {
  const results = await new Runner({ pattern: '*', forks: 10, moduleName: 'command', moduleArgs: 'uptime', inventory }).run();
  const up = Object.entries(results.contacted).filter(([, r]) => !r.failed);
  const failed = Object.entries(results.contacted).filter(([, r]) => r.failed);
  const lines = ['UP ***********'];
  for (const [host, r] of up) lines.push(`${host} >>> ${String(r.stdout)}`);
  lines.push('FAILED *******');
  for (const [host, r] of failed) lines.push(`${host} >>> ${String(r.msg)}`);
  lines.push('DOWN *********');
  for (const [host, r] of Object.entries(results.dark)) lines.push(`${host} >>> ${r.msg}`);
  process.stdout.write(`${lines.join('\n')}\n`);
  return Object.keys(results.dark).length ? 4 : failed.length ? 2 : 0;
}

// Run when executed directly (npx jiti examples/api/uptime-report.ts), not when imported by the tests.
if (process.argv[1] && require('node:path').resolve(process.argv[1]) === __filename) {
  main(process.argv[2] ?? 'localhost,').then((code) => { process.exitCode = code; }, (err: Error) => {
    process.stderr.write(`${err.message}\n`);
    process.exitCode = 1;
  });
}
