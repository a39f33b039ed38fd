import type { Logger, OptionsSchema, PluginMeta, Vars } from 'tsible';

export interface LookupContext {
  /** Variables visible where the lookup is called. */
  vars: Vars;
  /** Directories searched for relative file names (role files/, playbook dir, …), in order. */
  searchPaths: string[];
  /** Renders a template string with `vars` (for lookups such as `template`). */
  template(value: string, extraVars?: Vars): Promise<unknown>;
  log: Logger;
  signal?: AbortSignal;
  /** Reads a controller file, decrypting it when the whole file is vaulted (file, unvault). */
  loader?: { readFile(path: string): Promise<Buffer> };
  /** The resolved tsible settings (the config lookup). */
  settings?: Readonly<Record<string, unknown>>;
  /**
   * The action of the task a `with_<lookup>` loop belongs to: first_found then searches
   * `templates/` for template tasks and `vars/` for include_vars, as Ansible does.
   */
  taskAction?: string;
}

export interface LookupDefinition extends PluginMeta {
  kind: 'lookup';
  name: string;
  options?: OptionsSchema;
  /** Returns a list, as Ansible lookups do; `lookup()` joins it with commas unless wantlist. */
  run(terms: unknown[], options: Record<string, unknown>, ctx: LookupContext): Promise<unknown[]> | unknown[];
}
