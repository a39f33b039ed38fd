import { join } from 'node:path';
import { startSshFixture } from '../helpers/ssh-fixture';
import { SSH_FIXTURE_ENV } from '../helpers/sshd';

/**
 * Jest global setup: starts the shared test fixtures. The sshd fixture is described to test
 * workers through the TSIBLE_SSH_FIXTURE environment variable (workers inherit it); a failure to
 * start is recorded there too, so tests that need a host fail with the reason while others run.
 */
export default async function globalSetup(): Promise<void> {
  try {
    const fixture = await startSshFixture(join(__dirname, '..', '..'));
    process.env[SSH_FIXTURE_ENV] = JSON.stringify(fixture);
  } catch (error) {
    process.env[SSH_FIXTURE_ENV] = JSON.stringify({ error: (error as Error).message });
  }
}
