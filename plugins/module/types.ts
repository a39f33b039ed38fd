import type { BecomeRequest, Connection, ExecOptions, ExecResult, Logger, OptionsSchema, PluginMeta, Vars } from 'tsible';

/**
 * What a module returns: Ansible's result dictionary. Well-known keys are typed; anything else
 * is carried through to `register` and callbacks unchanged.
 */
export interface ModuleResult {
  changed?: boolean;
  failed?: boolean;
  skipped?: boolean;
  msg?: string;
  rc?: number;
  stdout?: string;
  stderr?: string;
  stdout_lines?: string[];
  stderr_lines?: string[];
  diff?: DiffEntry | DiffEntry[];
  ansible_facts?: Vars;
  warnings?: string[];
  deprecations?: Array<{ msg: string; version?: string }>;
  [key: string]: unknown;
}

export interface DiffEntry {
  before?: string | Vars;
  after?: string | Vars;
  before_header?: string;
  after_header?: string;
  prepared?: string;
}

/** How ModuleContext.template renders. */
export interface ModuleTemplateOptions {
  /**
   * Render as the template module renders a file: always text (a lone `{{ expr }}` too), the
   * source's trailing newlines kept, and Jinja escapes in string literals (`'a\tb'` is a tab).
   */
  file?: boolean;
}

export interface ModuleContext<Args = Record<string, unknown>> {
  /** Arguments, validated and coerced against the module's options schema. */
  args: Args;
  /** inventory_hostname of the target. */
  host: string;
  /** All variables visible to the task on this host (templated on access). */
  vars: Vars;
  check: boolean;
  diff: boolean;
  /** The target's connection, opened on first use. Controller-only modules never call it. */
  connection(): Promise<Connection>;
  /**
   * Scratch space for what modules learn about the target system (which `stat` dialect it
   * speaks, for example), shared by every task that uses the same connection in this run and
   * dropped with it (reset_connection, end of run). Opens the connection. Namespace keys by plugin.
   */
  targetCache(): Promise<Map<string, unknown>>;
  /** Runs a shell command on the target, with become applied when the task asks for it. */
  exec(command: string, options?: Omit<ExecOptions, 'become'>): Promise<ExecResult>;
  /** Wraps a command with the task's become settings, or undefined when the task does not become. */
  become(command: string): BecomeRequest | undefined;
  /** Quotes a string for the target's POSIX shell. */
  quote(value: string): string;
  /** Renders a template string with the task's variables (Jinja2 semantics). */
  template(value: string, extraVars?: Vars, options?: ModuleTemplateOptions): Promise<unknown>;
  /** Evaluates a bare Jinja2 condition (as `when:` and `assert: that:` do), with Python truthiness. */
  conditional(expression: unknown, extraVars?: Vars): Promise<boolean>;
  /**
   * Finds a controller-side file as Ansible does for `src:`: role `files/` or `templates/`,
   * then the playbook directory. Returns an absolute path or throws with the places searched.
   */
  findFile(name: string, subdir: 'files' | 'templates' | 'vars' | 'tasks'): Promise<string>;
  /** Reads a controller-side file, decrypting it when it is vaulted. */
  readControllerFile(path: string): Promise<Buffer>;
  /** Loads a controller-side YAML/JSON file (vault-aware, with positions for errors). */
  loadData(path: string): Promise<unknown>;
  log: Logger;
  signal: AbortSignal;
}

export interface ModuleDefinition<Args = Record<string, unknown>> extends PluginMeta {
  kind: 'module';
  name: string;
  options?: OptionsSchema;
  /** Takes Ansible's free-form argument (`command: ls -l`) under this option name. */
  freeForm?: string;
  /** Ansible: check_mode support ('full' runs in check mode; 'none' is skipped there). */
  checkMode?: 'full' | 'none';
  /** Runs once for the whole host list, like add_host and pause (Ansible's BYPASS_HOST_LOOP). */
  bypassHostLoop?: boolean;
  /**
   * Works on the controller only, as Ansible's action plugins debug, set_fact or assert do: its
   * results carry no `invocation`.
   */
  controllerOnly?: boolean;
  run(ctx: ModuleContext<Args>): Promise<ModuleResult>;
}
