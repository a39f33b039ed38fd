import type { ExecResult, Logger } from 'tsible';
import type { ProcessHandle } from './drive-process.js';
import { newShellTag, PersistentShell, ShellNotStartedError, shellWithFirstCommand, type ShellRunOptions } from './persistent-shell.js';

/** After this many shells were given up because of stray output, the pool stops opening new ones. */
const MAX_STRAY_RETIREMENTS = 2;

/**
 * Linux limits one argument to 128 KiB (MAX_ARG_STRLEN) and the start line travels as one; a
 * larger first command opens no shell and runs in a fresh process.
 */
const MAX_START_LINE = 96 * 1024;

/** Starts a shell process running `line` (shellWithFirstCommand's output) with `sh -c`. */
export type OpenShell = (line: string) => Promise<ProcessHandle>;

/**
 * The persistent shells of one connection. A command takes an idle shell. When none is idle and
 * the pool is not full, the command itself starts a new shell: its process runs the command and
 * then stays as a shell for the commands that follow, so the command starts exactly when a fresh
 * process would have, and no extra process or channel is opened for the shell. Beyond `size`, a
 * command runs in a fresh process (`fresh`), started in the same tick. So no command waits for
 * another, and commands issued together (several hosts delegating to one) start in issue order.
 */
export class ShellPool {
  private shells: PersistentShell[] = [];
  private opening = 0;
  private disabled: boolean;
  private strayRetirements = 0;

  constructor(
    private readonly open: OpenShell,
    private readonly size: number,
    private readonly log: Logger,
    private readonly host: string,
  ) {
    this.disabled = !(size > 0);
  }

  /** Runs the script in an idle shell, in a new shell, or through `fresh` (called synchronously). */
  run(script: string, options: ShellRunOptions, fresh: () => Promise<ExecResult>): Promise<ExecResult> {
    const shell = this.idleShell();
    if (shell) return shell.run(script, options);
    if (this.disabled || this.shells.length + this.opening >= this.size) return fresh();
    const tag = newShellTag();
    const line = shellWithFirstCommand(tag, script, options.subshell);
    if (Buffer.byteLength(line) > MAX_START_LINE) return fresh();
    return this.startShell(line, tag, options, fresh);
  }

  close(): void {
    for (const shell of this.shells) shell.close();
    this.shells = [];
    this.disabled = true;
  }

  private async startShell(line: string, tag: string, options: ShellRunOptions, fresh: () => Promise<ExecResult>): Promise<ExecResult> {
    this.opening++;
    let proc: ProcessHandle;
    try {
      proc = await this.open(line);
    } catch (error) {
      // A server that refuses another session (MaxSessions): the command did not start.
      this.giveUp((error as Error).message);
      return fresh();
    } finally {
      this.opening--;
    }
    const shell = new PersistentShell(proc, tag);
    if (!this.disabled) this.shells.push(shell);
    try {
      return await shell.runFirst(options);
    } catch (error) {
      if (!(error instanceof ShellNotStartedError)) throw error;
      this.giveUp(error.message);
      return fresh();
    } finally {
      if (this.disabled) shell.close(); // the pool was closed (or given up) while the command ran
    }
  }

  private giveUp(reason: string): void {
    this.disabled = true;
    this.log.verbose(2, `<${this.host}> no persistent shell (${reason}); each command opens its own channel`);
  }

  private idleShell(): PersistentShell | undefined {
    this.prune();
    return this.shells.find((s) => s.available);
  }

  private prune(): void {
    const kept: PersistentShell[] = [];
    for (const shell of this.shells) {
      if (!shell.retired) kept.push(shell);
      // It ran its first command and then could not go on (`exec /bin/sh` refused): a new one would
      // only do the same.
      else if (shell.endedUnasked && shell.completedCommands <= 1) this.disabled = true;
      else if (shell.sawStrayOutput && ++this.strayRetirements >= MAX_STRAY_RETIREMENTS) this.disabled = true;
    }
    this.shells = kept;
  }
}
