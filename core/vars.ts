/** A variable scope: plain data as loaded from YAML/JSON, read-only to plugins. */
export type Vars = Record<string, unknown>;

/** Logger facade handed to plugins; lines go through the kernel's `log` hook, never to a global. */
export interface Logger {
  debug(message: string): void;
  info(message: string): void;
  /** Printed as Ansible prints `[WARNING]:` lines. */
  warn(message: string): void;
  /** Printed as Ansible prints `[DEPRECATION WARNING]:` lines. */
  deprecate(message: string): void;
  /** A message shown only at the given verbosity (-v = 1 … -vvvv = 4). */
  verbose(level: number, message: string): void;
}
