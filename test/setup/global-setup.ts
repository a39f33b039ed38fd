/** Jest global setup: starts the shared test fixtures (the sshd fixture registers here). */
export default async function globalSetup(): Promise<void> {}
