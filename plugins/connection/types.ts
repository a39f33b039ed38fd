import type { Logger, OptionsSchema, PluginMeta, Vars } from 'tsible';

/** How a command must be wrapped to run as another user; produced by a become plugin. */
export interface BecomeRequest {
  /** The full command line to run (already wrapped by the become plugin). */
  command: string;
  /** Password to answer the prompt with; never placed in argv, the environment or a log. */
  password?: string;
  /** Text the become tool prints when it asks for the password. */
  prompt?: string;
  /**
   * A regular expression (source text, matched case-insensitively) for prompts that vary, such as
   * su's localized "Password:" or doas's "doas (user@host) password:". Used instead of `prompt`.
   */
  promptPattern?: string;
  /** Marker printed by the wrapped command once privileges are acquired (before the real output). */
  successMarker: string;
  /** Seconds to wait for the prompt or the marker before failing with a clear message. */
  timeoutSeconds?: number;
  /**
   * The tool reads the password from a terminal only (su, doas): the connection runs the command
   * on a pseudo-terminal with echo off. Output then has stdout and stderr merged.
   */
  tty?: boolean;
}

export interface ExecOptions {
  /** Data written to the command's stdin, then stdin is closed. */
  stdin?: string | Buffer;
  /** Kill the command (and report rc -1 with a timeout message) after this many seconds. */
  timeoutSeconds?: number;
  /** When set, `command` is ignored and this request is run instead. */
  become?: BecomeRequest;
  /** Cancels the command. */
  signal?: AbortSignal;
  /**
   * The command may run in a subshell of a persistent shell (`( eval … )`) instead of its own
   * `/bin/sh -c` process: one process start less on the target. Only for commands that do not
   * depend on `$$`, `$PPID` or `$0` (the built-in file modules' scripts, and the command module,
   * which `exec`s its program); a connection without persistent shells ignores it.
   */
  subshell?: boolean;
}

export interface ExecResult {
  rc: number;
  stdout: string;
  stderr: string;
}

export interface PutOptions {
  /** Octal permission bits, e.g. 0o644. */
  mode?: number;
  owner?: string;
  group?: string;
  /**
   * Write to a temp file in the same directory and rename it over the target, so a reader never
   * sees a half-written file (default true).
   */
  atomic?: boolean;
  /** Write as another user: the file is staged and moved into place with this become request builder. */
  become?: (command: string) => BecomeRequest;
}

/** A live channel to one host. One instance per host per run, reused by every task. */
export interface Connection {
  readonly transport: string;
  /** Opens the connection; idempotent. Throws UnreachableError when the host cannot be reached. */
  connect(): Promise<void>;
  /** Runs a command through the target's POSIX shell (`sh -c`). */
  exec(command: string, options?: ExecOptions): Promise<ExecResult>;
  /** Writes bytes (a Buffer) or a local file (a path) to the target. */
  put(source: Buffer | { localPath: string }, remotePath: string, options?: PutOptions): Promise<void>;
  /** Reads a remote file into a local file. */
  fetch(remotePath: string, localPath: string): Promise<void>;
  /** Closes and forgets the connection; the next call reconnects (`meta: reset_connection`). */
  reset(): Promise<void>;
  /** Ends the connection at the end of the run. */
  close(options?: CloseOptions): Promise<void>;
}

export interface CloseOptions {
  /**
   * The process exits right after (the command-line tools): end only what would outlive it (a
   * helper process, state on the target); its sockets and pipes close with the process, so a
   * goodbye on each is not needed.
   */
  processExiting?: boolean;
}

export interface ConnectionContext {
  /** inventory_hostname of the host. */
  host: string;
  /** The host's variables, already templated (ansible_host, ansible_port, ansible_user, …). */
  vars: Vars;
  /** Resolved settings from config and the command line (timeout, private_key_file, …). */
  settings: Readonly<Record<string, unknown>>;
  /** Passwords given on the command line or through the API. */
  passwords: { connPass?: string; becomePass?: string };
  log: Logger;
  /**
   * Scratch space shared by every connection of one run (the engine passes the same Map to each
   * create call). The ssh plugin keeps decrypted private keys here: decrypting an OpenSSH key
   * with a passphrase costs about a second, which should be paid once per run, not once per host.
   */
  runCache?: Map<string, unknown>;
}

export interface ConnectionDefinition extends PluginMeta {
  kind: 'connection';
  name: string;
  options?: OptionsSchema;
  create(ctx: ConnectionContext): Connection;
}
