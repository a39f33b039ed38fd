import type { ExecResult, Logger } from 'tsible';
import type { ProcessHandle } from './drive-process.js';
import { PersistentShell, type ShellRunOptions } from './persistent-shell.js';

/** After this many shells were given up because of stray output, the pool stops opening new ones. */
const MAX_STRAY_RETIREMENTS = 2;

/**
 * The persistent shells of one connection. A command takes an idle shell; when there is none,
 * `run` answers undefined at once (the connection starts a fresh process for it, as it would
 * without shells) and a new shell is opened in the background, up to `size`, for the commands
 * that follow. So no command ever waits for a shell to open, and commands issued together (several
 * hosts delegating to one host) start in the order they were issued, as before.
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

  /**
   * Runs the script in an idle persistent shell, or answers undefined (synchronously) when none is
   * idle: the caller then starts its fresh process in this same tick, before the background shell.
   */
  run(script: string, options: ShellRunOptions): Promise<ExecResult> | undefined {
    const shell = this.idleShell();
    if (shell) return shell.run(script, options);
    if (!this.disabled && this.shells.length + this.opening < this.size) setImmediate(() => this.openInBackground());
    return undefined;
  }

  close(): void {
    for (const shell of this.shells) shell.close();
    this.shells = [];
    this.disabled = true;
  }

  private idleShell(): PersistentShell | undefined {
    this.prune();
    return this.shells.find((s) => s.available);
  }

  private openInBackground(): void {
    if (this.disabled || this.shells.length + this.opening >= this.size) return;
    this.opening++;
    this.open().then((proc) => {
      if (this.disabled) proc.stdin.end(); // the pool was closed while the shell opened
      else this.shells.push(new PersistentShell(proc));
    }, (error: Error) => {
      // A server that refuses another session (MaxSessions) or has no /bin/sh: use fresh execs.
      this.disabled = true;
      this.log.verbose(2, `<${this.host}> no persistent shell (${error.message}); each command opens its own channel`);
    }).finally(() => { this.opening--; });
  }

  private prune(): void {
    const kept: PersistentShell[] = [];
    for (const shell of this.shells) {
      if (!shell.retired) kept.push(shell);
      // A shell that ended before finishing one command (a login shell that refuses `exec /bin/sh`)
      // would only be reopened and fail again.
      else if (shell.completedCommands === 0) this.disabled = true;
      else if (shell.sawStrayOutput && ++this.strayRetirements >= MAX_STRAY_RETIREMENTS) this.disabled = true;
    }
    this.shells = kept;
  }
}
