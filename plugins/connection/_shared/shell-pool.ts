import type { ExecResult, Logger } from 'tsible';
import type { ProcessHandle } from './drive-process.js';
import { PersistentShell, type ShellRunOptions } from './persistent-shell.js';

/** After this many shells were given up because of stray output, the pool stops opening new ones. */
const MAX_STRAY_RETIREMENTS = 2;

/**
 * The persistent shells of one connection. A command takes an idle shell or opens a new one up
 * to `size`; when all are busy (several tasks on the same host at once, e.g. through delegate_to)
 * `run` answers undefined and the connection starts a fresh process for it instead of waiting.
 */
export class ShellPool {
  private shells: PersistentShell[] = [];
  private opening = 0;
  private disabled: boolean;
  private strayRetirements = 0;

  constructor(
    private readonly open: () => Promise<ProcessHandle>,
    private readonly size: number,
    private readonly log: Logger,
    private readonly host: string,
  ) {
    this.disabled = !(size > 0);
  }

  /** Runs the script in a persistent shell, or answers undefined when none can take it now. */
  async run(script: string, options: ShellRunOptions): Promise<ExecResult | undefined> {
    const shell = this.idleShell() ?? await this.openShell();
    return shell?.run(script, options);
  }

  close(): void {
    for (const shell of this.shells) shell.close();
    this.shells = [];
    this.disabled = true;
  }

  private idleShell(): PersistentShell | undefined {
    this.prune();
    const shell = this.shells.find((s) => s.available);
    shell?.reserve();
    return shell;
  }

  private async openShell(): Promise<PersistentShell | undefined> {
    if (this.disabled || this.shells.length + this.opening >= this.size) return undefined;
    this.opening++;
    try {
      const shell = new PersistentShell(await this.open());
      shell.reserve();
      this.shells.push(shell);
      return shell;
    } catch (error) {
      // A server that refuses another session (MaxSessions) or has no /bin/sh: use fresh execs.
      this.disabled = true;
      this.log.verbose(2, `<${this.host}> no persistent shell (${(error as Error).message}); each command opens its own channel`);
      return undefined;
    } finally {
      this.opening--;
    }
  }

  private prune(): void {
    const kept: PersistentShell[] = [];
    for (const shell of this.shells) {
      if (!shell.retired) kept.push(shell);
      else if (shell.sawStrayOutput && ++this.strayRetirements >= MAX_STRAY_RETIREMENTS) this.disabled = true;
    }
    this.shells = kept;
  }
}
