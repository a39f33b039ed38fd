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
}

export interface LookupDefinition extends PluginMeta {
  kind: 'lookup';
  name: string;
  options?: OptionsSchema;
  /** Returns a list, as Ansible lookups do; `lookup()` joins it with commas unless wantlist. */
  run(terms: unknown[], options: Record<string, unknown>, ctx: LookupContext): Promise<unknown[]> | unknown[];
}
